import { and, desc, eq, sql } from 'drizzle-orm';
import { payments } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { actorFor, loadBooking, type LoadedBooking } from '../booking/access.ts';
import { refuse } from '../booking/errors.ts';
import type { Tx } from '../db/client.ts';
import type { PaymentDriver } from './port.ts';

export type PaymentRow = typeof payments.$inferSelect;

/** The appointment statuses that still hold the cleaner's time: a payment can confirm these. */
export const HOLDING_STATUSES: ReadonlySet<string> = new Set([
	'pending',
	'confirmed',
	'completed',
	'no_show'
]);

/**
 * The booking a payment is for, locked until the transaction ends: the first appointment of a
 * recurring series (whose id is the `series_id` of all its occurrences), or the one appointment.
 * Security: the lock serialises the confirm call, Stripe's webhook and the hold sweep
 * (server/booking/hold-expiry.ts) on the same booking, so a payment is recorded once and never for
 * a hold that has just been released.
 */
export async function lockBooking(tx: Tx, appointmentId: string): Promise<LoadedBooking | null> {
	const named = await loadBooking(tx, appointmentId);
	return named && lockFirst(tx, named);
}

async function lockFirst(tx: Tx, named: LoadedBooking) {
	const firstId = named.appointment.seriesId ?? named.appointment.id;
	await tx.execute(sql`SELECT id FROM appointments WHERE id = ${firstId} FOR UPDATE`);
	// Read again under the lock: the status may have changed while this call waited for it.
	return loadBooking(tx, firstId);
}

/**
 * The locked booking, if the caller may act on it (the office, its signed-in customer, or whoever
 * holds the cancellation token of the appointment they name); NOT_FOUND otherwise.
 */
export async function lockBookingFor(
	tx: Tx,
	appointmentId: string,
	ctx: AuthContext | undefined,
	token: string | undefined
): Promise<LoadedBooking> {
	const named = await loadBooking(tx, appointmentId);
	// Security: a booking the caller may not see is "not found", so ids cannot be probed.
	if (!named || !actorFor(named, ctx, token))
		refuse('NOT_FOUND', 'No booking with this id for you');
	const locked = await lockFirst(tx, named);
	if (!locked) refuse('NOT_FOUND', 'No booking with this id for you');
	return locked;
}

/**
 * The booking's payment through a gateway with this intent id, or its latest one (of `method`:
 * PayPal's, or the card's, made by Stripe or the local driver).
 */
export async function paymentOf(
	tx: Tx,
	customerAppointmentId: string,
	intentId?: string,
	method?: 'card' | 'paypal'
) {
	const [row] = await tx
		.select()
		.from(payments)
		.where(
			and(
				eq(payments.customerAppointmentId, customerAppointmentId),
				intentId
					? eq(payments.transactionId, intentId)
					: method === 'paypal'
						? sql`${payments.gatewayResponse}->>'driver' = 'paypal'`
						: method === 'card'
							? sql`${payments.gatewayResponse}->>'driver' IN ('local', 'stripe')`
							: sql`${payments.gatewayResponse} ? 'driver'`
			)
		)
		.orderBy(desc(payments.createdAt))
		.limit(1);
	return row ?? null;
}

/** The driver that took a payment, or null for one recorded by hand (cash, the demo data). */
export function driverOf(payment: PaymentRow): PaymentDriver | null {
	const driver = payment.gatewayResponse.driver;
	return driver === 'local' || driver === 'stripe' || driver === 'paypal' ? driver : null;
}

/** The idempotency key of a gateway call for a booking, e.g. `booking:0190…:intent`. */
export const bookingKey = (firstAppointmentId: string, call: 'intent' | 'confirm' | 'refund') =>
	`booking:${firstAppointmentId}:${call}`;
