import { z } from 'zod';
import type { AuthContext } from '../../sync/auth.ts';
import { parseOffsetDateTime } from '../../sync/domain/booking-policy.ts';
import { actorFor, loadBooking } from '../booking/access.ts';
import { database } from '../db/client.ts';
import { serverMutators } from '../zero/mutators.ts';
import { bookingView } from './booking-create.ts';
import { fail, ok } from './envelope.ts';
import { runMutation } from './mutations.ts';
import { parseJsonBody } from './validation.ts';

const uuid = z.uuid();
const notFound = () => fail(404, 'NOT_FOUND', 'No booking with this id for you');

/** The token may come as ?token= (links in emails) or in the JSON body. */
function tokenOf(url: URL, body: { token?: string }) {
	return body.token ?? url.searchParams.get('token') ?? undefined;
}

/** GET /api/v1/bookings/{id}/ — for the office, the customer, or whoever holds the token. */
export async function apiGetBooking(id: string, url: URL, ctx: AuthContext | undefined) {
	if (!uuid.safeParse(id).success) return notFound();
	const loaded = await loadBooking(database().db, id);
	const token = url.searchParams.get('token') ?? undefined;
	if (!loaded || !actorFor(loaded, ctx, token)) return notFound();
	return ok(await bookingView(id));
}

const cancelBody = z.strictObject({ token: z.uuid('The token is not valid').optional() });

/** POST /api/v1/bookings/{id}/cancel/ */
export async function apiCancelBooking(
	id: string,
	request: Request,
	url: URL,
	ctx: AuthContext | undefined
) {
	if (!uuid.safeParse(id).success) return notFound();
	const parsed = await parseJsonBody(request, cancelBody);
	if (!parsed.ok) return parsed.response;
	const token = tokenOf(url, parsed.data);
	const refused = await runMutation(serverMutators.booking.cancel, { id, token }, ctx);
	return refused ?? ok(await bookingView(id));
}

const rescheduleBody = z.strictObject({
	start_time: z.string({ error: 'Give the new start as ISO 8601 with an offset' }),
	staff_id: z.uuid('Give the cleaner as their id (a UUID)').optional(),
	token: z.uuid('The token is not valid').optional(),
	/** Office only: move it although the cleaner cannot get there in time (audited). */
	allow_travel_conflict: z.boolean('Give allow_travel_conflict as true or false').optional()
});

/** POST /api/v1/bookings/{id}/reschedule/ */
export async function apiRescheduleBooking(
	id: string,
	request: Request,
	url: URL,
	ctx: AuthContext | undefined
) {
	if (!uuid.safeParse(id).success) return notFound();
	const parsed = await parseJsonBody(request, rescheduleBody);
	if (!parsed.ok) return parsed.response;
	const start = parseOffsetDateTime(parsed.data.start_time);
	if (!start.ok)
		return fail(422, 'VALIDATION_ERROR', start.message, { start_time: [start.message] });
	const args = {
		id,
		startTime: start.epochMs,
		staffId: parsed.data.staff_id,
		token: tokenOf(url, parsed.data),
		...(parsed.data.allow_travel_conflict && { allowTravelConflict: true })
	};
	const refused = await runMutation(serverMutators.booking.reschedule, args, ctx);
	return refused ?? ok(await bookingView(id));
}
