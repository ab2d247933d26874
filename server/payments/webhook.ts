import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { customerAppointments, payments, stripeEvents } from '../../drizzle/schema.ts';
import type { Tx } from '../db/client.ts';
import { lockBooking } from './booking.ts';
import { settleFailed, settleSucceeded } from './settle.ts';
import type { StripeEvent } from './stripe-driver.ts';

// The part of a PaymentIntent an event is read for.
const intentOfEvent = z.object({
	id: z.string(),
	amount: z.number().int(),
	currency: z.string().transform((c) => c.toUpperCase()),
	last_payment_error: z.object({ message: z.string().optional() }).nullish()
});

export type EventOutcome =
	'duplicate' | 'ignored' | 'confirmed' | 'unchanged' | 'refunded' | 'failed';

/**
 * One verified Stripe event, in the caller's transaction: its id is recorded first, so a replay
 * (Stripe delivers at least once) finds it and changes nothing, and a concurrent duplicate waits on
 * the primary key until this one commits. Intents this server did not make are ignored.
 */
export async function handleStripeEvent(
	tx: Tx,
	event: StripeEvent,
	now: number
): Promise<EventOutcome> {
	const fresh = await tx
		.insert(stripeEvents)
		.values({ id: event.id, type: event.type })
		.onConflictDoNothing()
		.returning({ id: stripeEvents.id });
	if (fresh.length === 0) return 'duplicate';
	if (event.type !== 'payment_intent.succeeded' && event.type !== 'payment_intent.payment_failed')
		return 'ignored';
	const parsed = intentOfEvent.safeParse(event.object);
	if (!parsed.success) return 'ignored';
	const intent = parsed.data;

	const [ours] = await tx
		.select({ appointmentId: customerAppointments.appointmentId })
		.from(payments)
		.innerJoin(customerAppointments, eq(customerAppointments.id, payments.customerAppointmentId))
		.where(eq(payments.transactionId, intent.id));
	if (!ours) return 'ignored';
	const booking = await lockBooking(tx, ours.appointmentId);
	// Read under the booking's lock, so that the confirm call and this event see each other.
	const [payment] = await tx.select().from(payments).where(eq(payments.transactionId, intent.id));
	if (!booking || !payment) return 'ignored';

	if (event.type === 'payment_intent.payment_failed') {
		const reason = intent.last_payment_error?.message ?? 'The payment failed';
		await settleFailed(tx, payment, reason, now);
		return 'failed';
	}
	return settleSucceeded(tx, booking, payment, intent, now);
}
