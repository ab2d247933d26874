import { eq } from 'drizzle-orm';
import { paymentRefunds, payments } from '../../drizzle/schema.ts';
import { officeCanManageAppointment, officeMay, type AuthContext } from '../../sync/auth.ts';
import { localDate, localDayBounds } from '../../sync/domain/local-day.ts';
import { planRefund } from '../../sync/domain/payment-balance.ts';
import type { RecordPaymentArgs, RefundPaymentArgs } from '../../sync/mutators/payments.ts';
import { loadBooking, type LoadedBooking } from '../booking/access.ts';
import { refuse } from '../booking/errors.ts';
import { loadSettings } from '../booking/settings.ts';
import type { Tx } from '../db/client.ts';
import { bookingBalance, settleBalance } from './balance.ts';
import { driverOf, lockBooking } from './booking.ts';
import { gatewayFor } from './gateways.ts';
import { GatewayRefusal } from './port.ts';

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const money = (pence: number) => pounds.format(pence / 100);

/**
 * The booking an office user may take money for or give it back on, locked (booking.ts).
 * Security: the permission first, then the scope; a booking outside the scope is "not found", so
 * ids cannot be probed.
 */
async function officeBooking(
	tx: Tx,
	appointmentId: string,
	ctx: AuthContext | undefined,
	permission: 'record_payments' | 'refund'
): Promise<LoadedBooking> {
	if (!officeMay(ctx, permission))
		refuse(
			'FORBIDDEN',
			permission === 'refund' ? 'You may not issue refunds' : 'You may not record payments'
		);
	const named = await loadBooking(tx, appointmentId);
	if (!named || !officeCanManageAppointment(ctx?.office ?? null, named.appointment))
		refuse('NOT_FOUND', 'No booking with this id for you');
	const locked = await lockBooking(tx, appointmentId);
	if (!locked) refuse('NOT_FOUND', 'No booking with this id for you');
	return locked;
}

/**
 * The instant money changed hands on a local day the office names: now when that day is today,
 * else the day's noon (so the day, and the revenue week, stay the one named). Never in the future.
 */
function dayToInstant(day: string, field: string, timeZone: string, now: number) {
	const today = localDate(now, timeZone);
	if (day > today) refuse('VALIDATION_ERROR', 'The date cannot be in the future', field);
	if (day === today) return new Date(now);
	const { start, end } = localDayBounds(day, timeZone);
	return new Date(start + (end - start) / 2);
}

/** Cash or a bank transfer the office received for a booking: a succeeded payment by hand. */
export async function recordPaymentOnServer(
	tx: Tx,
	args: RecordPaymentArgs,
	ctx: AuthContext | undefined,
	now: number
) {
	const booking = await officeBooking(tx, args.appointmentId, ctx, 'record_payments');
	const settings = await loadSettings(tx);
	const receivedAt = dayToInstant(args.receivedOn, 'receivedOn', settings.timeZone, now);
	const [again] = await tx
		.select({ id: payments.id })
		.from(payments)
		.where(eq(payments.id, args.id));
	if (again) refuse('ALREADY_EXISTS', 'This payment was already recorded');
	const before = await bookingBalance(tx, booking.booking.id);
	const owed = booking.booking.totalPrice - before.balance.net;
	// A typo guard: £450 typed for £45.00 would otherwise show as money the business holds.
	if (args.amount > owed)
		refuse(
			'OVERPAYMENT',
			owed > 0
				? `Only ${money(owed)} is still to pay for this booking`
				: 'This booking is already paid in full',
			'amount'
		);
	await tx.insert(payments).values({
		id: args.id,
		customerAppointmentId: booking.booking.id,
		amount: args.amount,
		currency: settings.currency,
		paymentMethod: args.method,
		status: 'succeeded',
		gatewayResponse: {
			by_hand: true,
			reference: args.reference,
			recorded_by: ctx?.userID ?? null
		},
		createdAt: new Date(now),
		receivedAt
	});
	const after = await bookingBalance(tx, booking.booking.id);
	await settleBalance(tx, booking, after.balance, now, true);
}

/**
 * A refund the office gives: card money back through the gateway that took it (split over the
 * booking's card payments, newest first), cash and transfers recorded by hand; never more than was
 * paid that way. A card payment refunded in full becomes `refunded`, as the cancellation's refund
 * leaves it.
 */
export async function refundOnServer(
	tx: Tx,
	args: RefundPaymentArgs,
	ctx: AuthContext | undefined,
	now: number
) {
	const booking = await officeBooking(tx, args.appointmentId, ctx, 'refund');
	const settings = await loadSettings(tx);
	const [again] = await tx
		.select({ id: paymentRefunds.id })
		.from(paymentRefunds)
		.where(eq(paymentRefunds.id, args.id));
	if (again) refuse('ALREADY_EXISTS', 'This refund was already made');
	if (args.method === 'gateway' && args.refundedOn)
		refuse('VALIDATION_ERROR', 'A card refund happens now: leave the date out', 'refundedOn');
	const refundedAt =
		args.method === 'gateway'
			? new Date(now)
			: dayToInstant(
					args.refundedOn ?? localDate(now, settings.timeZone),
					'refundedOn',
					settings.timeZone,
					now
				);
	const { payments: rows, balance } = await bookingBalance(tx, booking.booking.id);
	const plan = planRefund(balance, args.amount, args.method, money);
	if (!plan.ok) refuse('OVER_REFUND', plan.message, 'amount');
	for (const [i, part] of plan.parts.entries()) {
		const payment = rows.find((p) => p.id === part.paymentId);
		let gatewayRefundId: string | null = null;
		if (payment) {
			const driver = driverOf(payment);
			if (!driver || !payment.transactionId)
				refuse('REFUND_FAILED', 'This payment was not taken by a gateway');
			try {
				// One key per refund and payment: a retried transaction refunds once.
				const refund = await gatewayFor(driver).refund(
					payment.transactionId,
					part.amount,
					`refund:${args.id}:${payment.id}`
				);
				gatewayRefundId = refund.id;
			} catch (error) {
				if (!(error instanceof GatewayRefusal)) throw error;
				refuse('REFUND_FAILED', `The gateway refused the refund: ${error.message}`);
			}
		}
		await tx.insert(paymentRefunds).values({
			// The caller's id for the first part; further parts (a second card payment) get their own.
			...(i === 0 ? { id: args.id } : {}),
			customerAppointmentId: booking.booking.id,
			paymentId: part.paymentId,
			amount: part.amount,
			method: args.method,
			reference: args.reference,
			reason: args.reason,
			gatewayRefundId,
			recordedBy: ctx?.userID ?? null,
			refundedAt,
			createdAt: new Date(now),
			details: i === 0 ? {} : { part_of: args.id }
		});
	}
	const after = await bookingBalance(tx, booking.booking.id);
	for (const p of after.payments) {
		const gone =
			driverOf(p) &&
			p.status === 'succeeded' &&
			!after.balance.online.some((o) => o.paymentId === p.id);
		if (gone) await tx.update(payments).set({ status: 'refunded' }).where(eq(payments.id, p.id));
	}
	await settleBalance(tx, booking, after.balance, now, false);
}
