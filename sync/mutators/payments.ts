import { defineMutator } from '@rocicorp/zero';
import { z } from 'zod';
import { officeCanManageAppointment, officeMay } from '../auth.ts';
import { isLocalDate } from '../domain/local-day.ts';
import { zql } from '../schema.ts';

// Payments by hand: the office records cash or a bank transfer against a booking, and gives money
// back (through the gateway for a card payment, by hand otherwise). The server's versions
// (server/zero/mutators.ts → server/payments/by-hand.ts) check the permission, the manager's scope
// and the amounts, and keep the booking's payment status and invoice in step; the audit row comes
// with every office mutator.

/** Up to £100,000 in pence: a typo guard, far above any clean. */
const MAX_PENCE = 10_000_000;

const pence = z
	.number({ error: 'Give the amount in pence, as a whole number' })
	.int('Give the amount in pence, as a whole number')
	.min(1, 'The amount must be more than £0.00')
	.max(MAX_PENCE, 'The amount is too large');
const localDay = z.string().refine(isLocalDate, 'Give the date as YYYY-MM-DD');

export const recordPaymentArgs = z.strictObject({
	/** The new payment's id, chosen by the caller so the device can show it at once. */
	id: z.uuid(),
	/** Any appointment of the booking (a series is paid on its first). */
	appointmentId: z.uuid(),
	amount: pence,
	method: z.enum(['cash', 'bank_transfer'], { error: 'Choose cash or bank transfer' }),
	reference: z.string().trim().max(120, 'The reference is too long (120 characters at most)'),
	/** The local day the money arrived (Europe/London); not in the future. */
	receivedOn: localDay
});
export type RecordPaymentArgs = z.infer<typeof recordPaymentArgs>;

export const refundPaymentArgs = z.strictObject({
	/** The refund's id, chosen by the caller; a retry with the same id refunds once. */
	id: z.uuid(),
	appointmentId: z.uuid(),
	amount: pence,
	/** `gateway` gives card money back through the gateway; cash and bank transfer are by hand. */
	method: z.enum(['gateway', 'cash', 'bank_transfer'], {
		error: 'Choose card (gateway), cash or bank transfer'
	}),
	reference: z.string().trim().max(120, 'The reference is too long (120 characters at most)'),
	reason: z.string().trim().max(500, 'The reason is too long (500 characters at most)'),
	/** For a refund by hand, the local day the money went back; a gateway refund is now. */
	refundedOn: localDay.optional()
});
export type RefundPaymentArgs = z.infer<typeof refundPaymentArgs>;

/**
 * On the device, an office user with the permission sees the payment at once; the server decides.
 * Nothing is refused here (a throw during rebase would stop all sync).
 */
export const recordPayment = defineMutator(recordPaymentArgs, async ({ tx, args, ctx }) => {
	if (tx.location !== 'client' || !officeMay(ctx, 'record_payments')) return;
	const appointment = await tx.run(zql.appointments.where('id', args.appointmentId).one());
	if (!appointment || !officeCanManageAppointment(ctx?.office ?? null, appointment)) return;
	const booking = await tx.run(
		zql.customerAppointments.where('appointmentId', appointment.seriesId ?? appointment.id).one()
	);
	if (!booking || (await tx.run(zql.payments.where('id', args.id).one()))) return;
	await tx.mutate.payments.insert({
		id: args.id,
		customerAppointmentId: booking.id,
		amount: args.amount,
		currency: 'GBP',
		paymentMethod: args.method,
		status: 'succeeded',
		transactionId: null,
		gatewayResponse: { by_hand: true, reference: args.reference },
		createdAt: Date.now(),
		receivedAt: Date.now()
	});
});

/** A refund waits for the server (a gateway may have to say yes first): nothing on the device. */
export const refundPayment = defineMutator(refundPaymentArgs, async () => {});
