import { ApplicationError, type ReadonlyJSONValue } from '@rocicorp/zero';
import { zeroDrizzle } from '@rocicorp/zero/server/adapters/drizzle';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthContext } from '../../sync/auth.ts';
import { localDate } from '../../sync/domain/local-day.ts';
import type { RecordPaymentArgs, RefundPaymentArgs } from '../../sync/mutators/payments.ts';
import { mutators } from '../../sync/mutators/index.ts';
import { schema } from '../../sync/schema.ts';
import {
	at,
	ids,
	officeUser,
	seedOfficeFixture,
	type Fixture
} from '../../tests/support/office-fixture.ts';
import { runOutHold } from '../../tests/support/holds.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { authContextFor } from '../auth/context.ts';
import { invoiceDocument } from '../billing/invoice-view.ts';
import { runReport } from '../reports/run.ts';
import { runServerMutator } from '../zero/endpoint.ts';

// Payments by hand through the shared mutators' server versions, run as zero-cache's push runs
// them (so with their audit rows), against the fixed company of tests/support/office-fixture.ts:
// cash and transfers recorded, refunds through the local gateway and by hand, never more than was
// paid, permissions and scope, and what the invoice and the revenue report then say.

let pg: TestDatabase;
let provider: ReturnType<typeof zeroDrizzle<typeof schema, TestDatabase['db']>>;
let fx: Fixture;
let admin: AuthContext;
let northCashier: AuthContext;
let noPermissions: AuthContext;

type Mutator<A> = { readonly mutatorName: string; readonly '~': { readonly $input: A } };
const run = <A extends ReadonlyJSONValue>(ctx: AuthContext | undefined, m: Mutator<A>, args: A) =>
	provider.transaction((tx) => runServerMutator(tx, m.mutatorName, args, ctx, 'app'));

async function refusal(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(ApplicationError);
		return (error as ApplicationError<{ code: string; fields?: Record<string, string[]> }>).details;
	}
	throw new Error('expected a refusal');
}

const record = (ctx: AuthContext, args: Omit<RecordPaymentArgs, 'id'>) =>
	run(ctx, mutators.payments.record, { id: uuidv7(), ...args });
const refund = (ctx: AuthContext, args: Omit<RefundPaymentArgs, 'id'>) =>
	run(ctx, mutators.payments.refund, { id: uuidv7(), ...args });

async function bookingRow(id: string) {
	const [row] = await pg.sql<{ payment_status: string; deposit_paid: number }[]>`
		SELECT payment_status, deposit_paid FROM customer_appointments WHERE id = ${id}`;
	return row;
}
const invoiceOf = async (id: string) =>
	(
		await pg.sql<{ status: string; paid_at: Date | null }[]>`
			SELECT status, paid_at FROM invoices WHERE customer_appointment_id = ${id}`
	)[0];
const counts = async () =>
	(
		await pg.sql<{ payments: number; refunds: number; audit: number }[]>`
			SELECT (SELECT count(*)::int FROM payments) AS payments,
				(SELECT count(*)::int FROM payment_refunds) AS refunds,
				(SELECT count(*)::int FROM audit_log) AS audit`
	)[0];
const weekOfMay4 = async () => {
	const result = await runReport(
		pg.db,
		'revenue-weekly',
		{ from: '2026-05-04', to: '2026-05-10' },
		admin
	);
	if (!result.ok) throw new Error(result.message);
	return result.table.rows[0];
};

beforeAll(async () => {
	pg = await startTestDatabase();
	provider = zeroDrizzle(schema, pg.db);
	fx = await seedOfficeFixture(pg.db);
	admin = await authContextFor(pg.db, await officeUser(pg.db, 'boss', 'admin'));
	northCashier = await authContextFor(
		pg.db,
		await officeUser(pg.db, 'nina', 'manager', {
			locations: [ids.north],
			permissions: ['record_payments', 'refund']
		})
	);
	noPermissions = await authContextFor(
		pg.db,
		await officeUser(pg.db, 'noel', 'manager', { locations: [ids.north] })
	);
}, 60_000);

afterAll(async () => {
	await pg?.stop();
});

describe('recording a payment by hand', () => {
	it('takes cash and a transfer, keeps the booking, invoice, revenue and audit in step', async () => {
		// a6: Ann's regular clean on Wednesday 6 May, £50.00, its card payment never went through.
		const id = uuidv7();
		await run(admin, mutators.payments.record, {
			id,
			appointmentId: fx.appointment.a6,
			amount: 2000,
			method: 'cash',
			reference: 'Paid to Ann',
			receivedOn: '2026-05-06'
		});
		const [payment] = await pg.sql`SELECT * FROM payments WHERE id = ${id}`;
		expect(payment).toMatchObject({
			amount: 2000,
			payment_method: 'cash',
			status: 'succeeded',
			customer_appointment_id: fx.booking.a6
		});
		expect(payment.gateway_response).toMatchObject({ by_hand: true, reference: 'Paid to Ann' });
		// The day named, at noon London time: 11:00 UTC in summer.
		expect(new Date(payment.received_at).getTime()).toBe(at('2026-05-06T12:00'));
		expect(await bookingRow(fx.booking.a6)).toEqual({
			payment_status: 'deposit_paid',
			deposit_paid: 2000
		});
		expect(await invoiceOf(fx.booking.a6)).toMatchObject({ status: 'issued', paid_at: null });
		const [audit] = await pg.sql`SELECT * FROM audit_log WHERE entity_id = ${id}`;
		expect(audit).toMatchObject({
			action: 'payments.record',
			actor_user_id: admin.userID,
			actor_role: 'admin',
			source: 'app'
		});
		expect(audit.details).toMatchObject({ amount: 2000, method: 'cash' });
		// Week of 4 May in the fixture: received p3 5000, refunded r1 1500; now 5000 + 2000 = 7000.
		expect(await weekOfMay4()).toEqual({
			period: '2026-05-04',
			received: 7000,
			refunded: 1500,
			net: 5500
		});

		await record(admin, {
			appointmentId: fx.appointment.a6,
			amount: 3000,
			method: 'bank_transfer',
			reference: 'BACS 1234',
			receivedOn: '2026-05-07'
		});
		// 2000 + 3000 = 5000, the full price.
		expect(await bookingRow(fx.booking.a6)).toEqual({ payment_status: 'paid', deposit_paid: 5000 });
		expect((await invoiceOf(fx.booking.a6)).status).toBe('paid');
		const pdf = await invoiceDocument(pg.db, fx.appointment.a6, admin, undefined);
		expect(pdf).toMatchObject({ total: 5000, paid: 5000, status: 'paid' });
	});

	it('confirms a pending booking paid by hand, so its hold does not run out', async () => {
		// a5 made a pending hold for this test, with its deadline as the booking engine sets it.
		await pg.sql`UPDATE appointments SET status = 'pending',
			hold_expires_at = now() + interval '15 minutes' WHERE id = ${fx.appointment.a5}`;
		await record(admin, {
			appointmentId: fx.appointment.a5,
			amount: 1000,
			method: 'cash',
			reference: '',
			receivedOn: '2026-05-07'
		});
		// Its deadline passing then changes nothing.
		await runOutHold(pg, fx.appointment.a5);
		const [a5] = await pg.sql`SELECT status FROM appointments WHERE id = ${fx.appointment.a5}`;
		expect(a5.status).toBe('confirmed');
		const jobs =
			await pg.sql`SELECT key FROM graphile_worker.jobs WHERE key LIKE ${`%${fx.appointment.a5}`}`;
		expect(jobs.map((j) => j.key)).toEqual([`notify-confirmed:${fx.appointment.a5}`]);
	});

	it('refuses more than is still owed, a future date, and leaves nothing behind', async () => {
		const before = await counts();
		const over = await refusal(
			record(admin, {
				appointmentId: fx.appointment.a6,
				amount: 1,
				method: 'cash',
				reference: '',
				receivedOn: '2026-05-07'
			})
		);
		expect(over).toMatchObject({ code: 'OVERPAYMENT', fields: { amount: [expect.any(String)] } });
		const future = await refusal(
			record(admin, {
				appointmentId: fx.appointment.a5,
				amount: 100,
				method: 'cash',
				reference: '',
				receivedOn: '2099-01-01'
			})
		);
		expect(future).toMatchObject({
			code: 'VALIDATION_ERROR',
			fields: { receivedOn: [expect.any(String)] }
		});
		expect(await counts()).toEqual(before);
	});
});

describe('refunds', () => {
	it('by hand: no more than was paid by hand, and the invoice is owed again', async () => {
		const over = await refusal(
			refund(admin, {
				appointmentId: fx.appointment.a6,
				amount: 5001,
				method: 'cash',
				reference: '',
				reason: ''
			})
		);
		expect(over).toMatchObject({ code: 'OVER_REFUND' });
		// Paid 2000 cash + 3000 transfer = 5000 by hand: £10.00 back by transfer on 7 May.
		await refund(admin, {
			appointmentId: fx.appointment.a6,
			amount: 1000,
			method: 'bank_transfer',
			reference: 'Goodwill',
			reason: 'Oven not done',
			refundedOn: '2026-05-07'
		});
		// 5000 − 1000 = 4000
		expect(await bookingRow(fx.booking.a6)).toEqual({
			payment_status: 'deposit_paid',
			deposit_paid: 4000
		});
		expect(await invoiceOf(fx.booking.a6)).toMatchObject({ status: 'issued', paid_at: null });
		expect(await invoiceDocument(pg.db, fx.appointment.a6, admin, undefined)).toMatchObject({
			paid: 4000
		});
		// Week of 4 May: received 7000 + 3000 (a6) + 1000 (a5) = 11000; refunded r1 1500 + 1000 =
		// 2500; net 11000 − 2500 = 8500.
		expect(await weekOfMay4()).toEqual({
			period: '2026-05-04',
			received: 11000,
			refunded: 2500,
			net: 8500
		});
	});

	it('online: through the local gateway, in parts, never past the card payment', async () => {
		// a3: Ben's clean, £50.00 by card (p3), £15.00 already refunded (r1): £35.00 left on the card.
		await refund(admin, {
			appointmentId: fx.appointment.a3,
			amount: 2000,
			method: 'gateway',
			reference: '',
			reason: 'Late arrival'
		});
		const [part] = await pg.sql`
			SELECT * FROM payment_refunds WHERE customer_appointment_id = ${fx.booking.a3} AND amount = 2000`;
		expect(part).toMatchObject({
			method: 'gateway',
			payment_id: fx.payments[2].id,
			reason: 'Late arrival'
		});
		expect(part.gateway_refund_id).toMatch(/^re_local_/);
		const [p3] = await pg.sql`SELECT status FROM payments WHERE id = ${fx.payments[2].id}`;
		expect(p3.status).toBe('succeeded');

		// 5000 − 1500 − 2000 = 1500 left on the card, none paid by hand.
		const tooMuch = await refusal(
			refund(admin, {
				appointmentId: fx.appointment.a3,
				amount: 1501,
				method: 'gateway',
				reference: '',
				reason: ''
			})
		);
		expect(tooMuch).toMatchObject({ code: 'OVER_REFUND' });
		const byHand = await refusal(
			refund(admin, {
				appointmentId: fx.appointment.a3,
				amount: 100,
				method: 'cash',
				reference: '',
				reason: ''
			})
		);
		expect(byHand).toMatchObject({ code: 'OVER_REFUND' });

		await refund(admin, {
			appointmentId: fx.appointment.a3,
			amount: 1500,
			method: 'gateway',
			reference: '',
			reason: ''
		});
		const [after] = await pg.sql`SELECT status FROM payments WHERE id = ${fx.payments[2].id}`;
		expect(after.status).toBe('refunded');
		expect(await bookingRow(fx.booking.a3)).toEqual({
			payment_status: 'refunded',
			deposit_paid: 0
		});
		// A card refund happens now: today's revenue has 2000 + 1500 = 3500 given back, and no
		// payment received (the fixture's are all in 2026's spring).
		const today = localDate(Date.now(), 'Europe/London');
		const now = await runReport(pg.db, 'revenue-weekly', { from: today, to: today }, admin);
		expect(now.ok && now.table.total).toEqual({
			period: 'Total',
			received: 0,
			refunded: 3500,
			net: -3500
		});
	});
});

describe('who may', () => {
	it('refuses without the permission, and outside the scope as not found', async () => {
		const before = await counts();
		expect(
			await refusal(
				record(noPermissions, {
					appointmentId: fx.appointment.a5,
					amount: 100,
					method: 'cash',
					reference: '',
					receivedOn: '2026-05-07'
				})
			)
		).toMatchObject({ code: 'FORBIDDEN' });
		expect(
			await refusal(
				refund(noPermissions, {
					appointmentId: fx.appointment.a6,
					amount: 100,
					method: 'cash',
					reference: '',
					reason: ''
				})
			)
		).toMatchObject({ code: 'FORBIDDEN' });
		// a7 and a4 are Ben's, at South: outside North's scope.
		expect(
			await refusal(
				record(northCashier, {
					appointmentId: fx.appointment.a7,
					amount: 100,
					method: 'cash',
					reference: '',
					receivedOn: '2026-05-07'
				})
			)
		).toMatchObject({ code: 'NOT_FOUND' });
		expect(
			await refusal(
				refund(northCashier, {
					appointmentId: fx.appointment.a4,
					amount: 100,
					method: 'gateway',
					reference: '',
					reason: ''
				})
			)
		).toMatchObject({ code: 'NOT_FOUND' });
		// In scope and allowed: £1.00 of a2's £120.00 cash back.
		await refund(northCashier, {
			appointmentId: fx.appointment.a2,
			amount: 100,
			method: 'cash',
			reference: '',
			reason: ''
		});
		// Only the North cashier's allowed refund on a2 (£120.00 cash) was written, with its audit row.
		const after = await counts();
		expect(after).toEqual({
			payments: before.payments,
			refunds: before.refunds + 1,
			audit: before.audit + 1
		});
		const [audit] = await pg.sql`SELECT * FROM audit_log ORDER BY at DESC LIMIT 1`;
		expect(audit).toMatchObject({
			action: 'payments.refund',
			actor_user_id: northCashier.userID,
			actor_role: 'manager'
		});
	});
});
