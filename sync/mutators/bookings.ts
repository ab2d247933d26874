import { defineMutator } from '@rocicorp/zero';
import { z } from 'zod';
import { parseUkPhone } from '../domain/phone.ts';
import { parsePostcode } from '../domain/postcode.ts';
import { zql } from '../schema.ts';

const MINUTE = 60_000;

const customerDetails = z.strictObject({
	name: z.string().trim().min(1, 'Enter your name').max(120, 'Name is too long'),
	email: z
		.string()
		.trim()
		.toLowerCase()
		.pipe(z.email('Enter a valid email address, like name@example.co.uk').max(254)),
	phone: z
		.string()
		.refine((v) => parseUkPhone(v).ok, 'Enter a UK phone number, for example 07700 900123'),
	addressLine1: z.string().trim().min(1, 'Enter the first line of the address').max(200),
	addressLine2: z.string().trim().max(200).optional(),
	city: z.string().trim().min(1, 'Enter the town or city').max(100),
	postcode: z.string().refine(
		(v) => {
			const parsed = parsePostcode(v);
			return parsed.ok && parsed.inward !== null;
		},
		{ message: 'Enter the full postcode of the address, for example N16 9PD' }
	)
});

export const createBookingArgs = z.strictObject({
	/** The new appointment's id, chosen by the caller so the device can show it at once. */
	id: z.uuid(),
	serviceId: z.uuid('Choose a service'),
	/** Epoch ms of a start offered by the slot search. */
	startTime: z.number().int(),
	/** A cleaner the customer picked; absent for "any cleaner". */
	staffId: z.uuid().nullish(),
	persons: z.number().int().min(1).max(50).optional(),
	extras: z
		.array(z.strictObject({ id: z.uuid(), quantity: z.number().int().min(1).max(99) }))
		.max(20)
		.optional(),
	customer: customerDetails,
	/** A recurring clean: the same cleaner at the same local time, every 1, 2 or 4 weeks. */
	recurrence: z
		.strictObject({
			frequency: z.enum(['weekly', 'fortnightly', 'four_weekly']),
			count: z.number().int().min(2, 'A recurring clean has at least 2 visits').max(52)
		})
		.optional(),
	/** Access notes for the cleaner (key safe, parking, pets). */
	notes: z.string().max(2000).optional(),
	/** Answers to the office's own questions (settings `booking_fields`), by question key. */
	customFields: z.record(z.string().max(40), z.string().max(2000)).optional()
});
export type CreateBookingArgs = z.infer<typeof createBookingArgs>;

/**
 * Books a clean. On the device it shows the booking at once as `pending` when it already knows the
 * service and the cleaner; the server then decides everything for real (cleaner, price, customer
 * record) in server/booking/create.ts, and the database refuses any overlap.
 */
export const createBooking = defineMutator(createBookingArgs, async ({ tx, args }) => {
	if (tx.location !== 'client' || !args.staffId) return;
	// Optimistic only: never throw here (a throw during rebase stops sync).
	const service = await tx.run(zql.services.where('id', args.serviceId).one());
	if (!service) return;
	const end = args.startTime + service.durationMinutes * MINUTE;
	await tx.mutate.appointments.insert({
		id: args.id,
		staffId: args.staffId,
		serviceId: args.serviceId,
		startTime: args.startTime,
		endTime: end,
		blockedFrom: args.startTime - (service.paddingBeforeMinutes ?? 0) * MINUTE,
		blockedUntil: end + (service.paddingAfterMinutes ?? 0) * MINUTE,
		status: 'pending'
	});
});
