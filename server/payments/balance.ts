import { and, eq, or, sql } from 'drizzle-orm';
import {
	appointments,
	customerAppointments,
	invoices,
	paymentRefunds,
	payments
} from '../../drizzle/schema.ts';
import { balanceOf, paymentStatusFor, type Balance } from '../../sync/domain/payment-balance.ts';
import type { LoadedBooking } from '../booking/access.ts';
import { issueInvoice } from '../billing/invoice.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import { jobPayload } from '../observe/context.ts';
import { driverOf } from './booking.ts';

/** A booking's payments and refunds as they stand, and its balance (sync/domain/payment-balance.ts). */
export async function bookingBalance(db: DbOrTx, customerAppointmentId: string) {
	const [paid, refunds] = await Promise.all([
		db.select().from(payments).where(eq(payments.customerAppointmentId, customerAppointmentId)),
		db
			.select()
			.from(paymentRefunds)
			.where(eq(paymentRefunds.customerAppointmentId, customerAppointmentId))
	]);
	const balance = balanceOf(
		paid.map((p) => ({
			id: p.id,
			amount: p.amount,
			status: p.status,
			online: driverOf(p) !== null,
			createdAt: p.createdAt.getTime()
		})),
		refunds
	);
	return { payments: paid, refunds, balance };
}

/**
 * After money came in or went back by hand: the booking's paid amount and payment status follow its
 * balance, and so does its invoice (made on the first money in; `paid` while the balance covers the
 * price, `issued` again when a refund takes it below). A pending booking paid by hand is confirmed,
 * so its hold no longer runs out (a refund never confirms anything). In the caller's transaction,
 * with the booking locked.
 */
export async function settleBalance(
	tx: Tx,
	booking: LoadedBooking,
	balance: Balance,
	now: number,
	moneyIn: boolean
) {
	const b = booking.booking;
	const status = paymentStatusFor(balance, b.totalPrice);
	await tx
		.update(customerAppointments)
		.set({ depositPaid: balance.net, ...(status ? { paymentStatus: status } : {}) })
		.where(eq(customerAppointments.id, b.id));
	if (moneyIn && booking.appointment.status === 'pending') await confirmPending(tx, booking, now);
	const [invoice] = await tx
		.select()
		.from(invoices)
		.where(eq(invoices.customerAppointmentId, b.id));
	if (!invoice) {
		if (balance.net > 0) await issueInvoice(tx, booking, balance.net, now);
		return;
	}
	if (invoice.status === 'void') return;
	const inFull = balance.net >= b.totalPrice;
	await tx
		.update(invoices)
		.set({
			status: inFull ? 'paid' : 'issued',
			paidAt: inFull ? (invoice.paidAt ?? new Date(now)) : null
		})
		.where(eq(invoices.id, invoice.id));
}

async function confirmPending(tx: Tx, booking: LoadedBooking, now: number) {
	const first = booking.appointment.id;
	await tx
		.update(appointments)
		.set({ status: 'confirmed', updatedAt: new Date(now) })
		.where(
			and(
				or(eq(appointments.id, first), eq(appointments.seriesId, first)),
				eq(appointments.status, 'pending')
			)
		);
	await tx.execute(sql`SELECT graphile_worker.add_job(
		'booking__notify_confirmed',
		${JSON.stringify(jobPayload({ appointmentId: first }))}::json,
		job_key := ${`notify-confirmed:${first}`}::text,
		max_attempts := 10
	)`);
}
