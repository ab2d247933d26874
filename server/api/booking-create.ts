import { asc, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { appointments, customerAppointments } from '../../drizzle/schema.ts';
import { parseOffsetDateTime, toLocalIso } from '../../sync/domain/booking-policy.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { createBookingArgs } from '../../sync/mutators/bookings.ts';
import { withBookingReceipt, type CreatedBooking } from '../booking/receipt.ts';
import { refusalIfJustBooked } from '../booking/just-booked.ts';
import { loadSettings } from '../booking/settings.ts';
import { database } from '../db/client.ts';
import { serverMutators } from '../zero/mutators.ts';
import { fail, ok } from './envelope.ts';
import { groupCommit } from './group-commit.ts';
import { restFields } from './mutations.ts';
import { fieldErrors, parseJsonBody } from './validation.ts';

const body = z.strictObject({
	service_id: z.string(),
	start_time: z.string({ error: 'Give the start as ISO 8601 with an offset' }),
	staff_id: z.string().nullish(),
	persons: z.number().optional(),
	extras: z.array(z.strictObject({ id: z.string(), quantity: z.number() })).optional(),
	customer: z.strictObject({
		name: z.string(),
		email: z.string(),
		phone: z.string(),
		address_line1: z.string(),
		address_line2: z.string().optional(),
		city: z.string(),
		postcode: z.string()
	}),
	notes: z.string().optional(),
	custom_fields: z.record(z.string(), z.string()).optional(),
	recurrence: z.strictObject({ frequency: z.string(), count: z.number() }).optional()
});

/**
 * Bookings made through the API, committed together under load (group-commit.ts), in the order of
 * their cleaner's lock; "any cleaner" last. An attempt on a slot this process has just booked is
 * refused without a transaction (just-booked.ts).
 */
const createBooking = groupCommit(
	serverMutators.booking.create,
	(a) => a.staffId ?? '\uffff',
	(a) => refusalIfJustBooked(a, Date.now())
);

/** POST /api/v1/bookings/ — the same server mutator as the app's. */
export async function apiCreateBooking(request: Request, ctx: AuthContext | undefined) {
	const parsed = await parseJsonBody(request, body);
	if (!parsed.ok) return parsed.response;
	const b = parsed.data;
	const start = parseOffsetDateTime(b.start_time);
	if (!start.ok)
		return fail(422, 'VALIDATION_ERROR', start.message, { start_time: [start.message] });
	const args = createBookingArgs.safeParse({
		id: uuidv7(),
		serviceId: b.service_id,
		startTime: start.epochMs,
		staffId: b.staff_id,
		persons: b.persons,
		extras: b.extras,
		customer: {
			name: b.customer.name,
			email: b.customer.email,
			phone: b.customer.phone,
			addressLine1: b.customer.address_line1,
			addressLine2: b.customer.address_line2,
			city: b.customer.city,
			postcode: b.customer.postcode
		},
		notes: b.notes,
		customFields: b.custom_fields,
		recurrence: b.recurrence
	});
	if (!args.success) {
		return fail(
			422,
			'VALIDATION_ERROR',
			'Some of the details are not valid',
			restFields(fieldErrors(args.error))
		);
	}
	const { result: refused, created } = await withBookingReceipt(() =>
		createBooking(args.data, ctx)
	);
	if (refused) return refused;
	// What the committed transaction wrote, as the server decided it: no need to read it back.
	return ok(created ? createdView(created) : await bookingView(args.data.id), 201);
}

/** A booking just made, as the REST API shows it (the same shape as bookingView). */
function createdView(c: CreatedBooking) {
	const [first] = c.occurrences;
	const local = (ms: number) => toLocalIso(ms, c.timeZone);
	return {
		id: first.id,
		status: 'pending',
		start_time: local(first.start),
		end_time: local(first.end),
		staff_id: c.staffId,
		service_id: c.serviceId,
		total_price: c.totalPrice,
		currency: c.currency,
		cancellation_token: c.cancellationToken,
		...(c.seriesId && {
			series_id: c.seriesId,
			occurrences: c.occurrences.map((o) => ({
				id: o.id,
				status: 'pending',
				start_time: local(o.start),
				end_time: local(o.end)
			}))
		})
	};
}

/** The booking as the REST API shows it. */
export async function bookingView(appointmentId: string) {
	const { db } = database();
	const [[row], settings] = await Promise.all([
		db
			.select({ appointment: appointments, booking: customerAppointments })
			.from(appointments)
			.innerJoin(customerAppointments, eq(customerAppointments.appointmentId, appointments.id))
			.where(eq(appointments.id, appointmentId)),
		loadSettings(db)
	]);
	const { appointment: a, booking: b } = row;
	const zone = settings.timeZone;
	const series = a.seriesId
		? await db
				.select()
				.from(appointments)
				.where(eq(appointments.seriesId, a.seriesId))
				.orderBy(asc(appointments.startTime))
		: [];
	return {
		id: a.id,
		status: a.status,
		start_time: toLocalIso(a.startTime.getTime(), zone),
		end_time: toLocalIso(a.endTime.getTime(), zone),
		staff_id: a.staffId,
		service_id: a.serviceId,
		total_price: b.totalPrice,
		currency: settings.currency,
		cancellation_token: b.cancellationToken,
		...(a.seriesId && {
			series_id: a.seriesId,
			occurrences: series.map((o) => ({
				id: o.id,
				status: o.status,
				start_time: toLocalIso(o.startTime.getTime(), zone),
				end_time: toLocalIso(o.endTime.getTime(), zone)
			}))
		})
	};
}
