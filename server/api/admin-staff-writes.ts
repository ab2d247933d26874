import { and, asc, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { staff, staffAreas, staffSchedules, staffServices } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import type { CleanerFormInput } from '../../sync/domain/cleaner-form.ts';
import { poundsText } from '../../sync/domain/form-rules.ts';
import { formatClock } from '../../sync/domain/person-fields.ts';
import { hashPassword } from '../auth/password.ts';
import { database } from '../db/client.ts';
import { storeTemporaryPassword, temporaryPassword } from '../people/accounts.ts';
import { serverMutators } from '../zero/mutators.ts';
import { staffBody } from './admin-bodies.ts';
import { notFoundHere, officeCaller, type Office } from './admin-query.ts';
import { apiAdminStaff, inScope } from './admin-staff.ts';
import { LARGE_BODY_BYTES, officeCallerOf, parseWriteBody } from './admin-writes.ts';
import { ok } from './envelope.ts';
import { runMutation } from './mutations.ts';

// POST /api/v1/admin/staff/, PATCH and DELETE /api/v1/admin/staff/{id}/: the office's add, edit
// and archive of a cleaner, through the mutators of /office/manage/cleaners (cleaners.create,
// .update, .archive): `manage_staff`, the manager's reach, the form rule and the audit row are
// the app's. The body is spelt as GET admin/staff/{id} answers (minutes after midnight, pence);
// it becomes the app's form (clock times, pounds) for the rule, whose field names come back in
// the body's spelling. The answer is the cleaner as GET reads them.

type Body = z.infer<typeof staffBody>;

/** The rule's field path in this body's spelling: `hours.0.start` → `schedule.0.start_minute`. */
const TOP: Record<string, string> = { locationId: 'location_id', hours: 'schedule' };
const INNER: Record<string, Record<string, string>> = {
	hours: { dayOfWeek: 'day_of_week', start: 'start_minute', end: 'end_minute' },
	services: { serviceId: 'service_id', price: 'price_override', duration: 'duration_override' },
	areas: { radiusKm: 'radius_km' }
};
export function restCleanerField(path: string): string {
	const [top, index, field, ...rest] = path.split('.');
	const head = TOP[top] ?? top;
	if (index === undefined) return head;
	if (field === undefined) return `${head}.${index}`;
	return [head, index, INNER[top]?.[field] ?? field, ...rest].join('.');
}

type Current = {
	row: typeof staff.$inferSelect;
	hours: CleanerFormInput['hours'];
	services: CleanerFormInput['services'];
	areas: CleanerFormInput['areas'];
};

/** The cleaner's stored rows as the app's form shows them (an untouched form saves the same). */
async function current(id: string, office: Office['office']): Promise<Current | null> {
	const { db } = database();
	const [row] = await db
		.select()
		.from(staff)
		.where(and(eq(staff.id, id), inScope(office)));
	if (!row) return null;
	const [hours, offered, areas] = await Promise.all([
		db
			.select()
			.from(staffSchedules)
			.where(eq(staffSchedules.staffId, id))
			.orderBy(asc(staffSchedules.dayOfWeek), asc(staffSchedules.startMinute)),
		db.select().from(staffServices).where(eq(staffServices.staffId, id)),
		db
			.select()
			.from(staffAreas)
			.where(eq(staffAreas.staffId, id))
			.orderBy(asc(staffAreas.createdAt))
	]);
	return {
		row,
		hours: hours.map((h) => ({
			dayOfWeek: h.dayOfWeek,
			start: formatClock(h.startMinute),
			end: formatClock(h.endMinute),
			breaks: h.breaks.map((b) => ({ start: formatClock(b.start), end: formatClock(b.end) }))
		})),
		services: offered.map((s) => ({
			serviceId: s.serviceId,
			price: s.priceOverride === null ? '' : poundsText(s.priceOverride),
			duration: s.durationOverride === null ? '' : String(s.durationOverride)
		})),
		areas: areas.map((a) => ({ postcode: a.postcode, radiusKm: String(a.radiusKm) }))
	};
}

/** The form the mutators check: the fields given, the others as they are (or empty). */
function formOf(b: Body, now?: Current): CleanerFormInput {
	const locationId = b.location_id === undefined ? now?.row.locationId : b.location_id;
	return {
		name: b.name ?? now?.row.name ?? '',
		email: b.email ?? now?.row.email ?? '',
		phone: b.phone ?? now?.row.phone ?? '',
		bio: b.bio ?? now?.row.bio ?? '',
		locationId: locationId ?? '',
		hours: b.schedule
			? b.schedule.map((h) => ({
					dayOfWeek: h.day_of_week,
					start: formatClock(h.start_minute),
					end: formatClock(h.end_minute),
					breaks: (h.breaks ?? []).map((x) => ({
						start: formatClock(x.start),
						end: formatClock(x.end)
					}))
				}))
			: (now?.hours ?? []),
		services: b.services
			? b.services.map((s) => ({
					serviceId: s.service_id,
					price: s.price_override == null ? '' : poundsText(s.price_override),
					duration: s.duration_override == null ? '' : String(s.duration_override)
				}))
			: (now?.services ?? []),
		areas: b.areas
			? b.areas.map((a) => ({ postcode: a.postcode, radiusKm: String(a.radius_km) }))
			: (now?.areas ?? [])
	};
}

const rename = { rename: restCleanerField };

/**
 * Adds a cleaner with their sign-in account, as the app does, and gives the account a temporary
 * password in the same transaction: answered once here (`temporary_password`, 201), stored only
 * hashed, so the office hands it to the cleaner to sign in with.
 */
export async function apiCreateStaff(url: URL, request: Request, caller: AuthContext | undefined) {
	const who = officeCaller(caller);
	if (!who.ok) return who.response;
	const parsed = await parseWriteBody(request, staffBody, LARGE_BODY_BYTES);
	if (!parsed.ok) return parsed.response;
	const id = uuidv7();
	const userId = uuidv7();
	const password = temporaryPassword();
	const hash = await hashPassword(password);
	const refused = await runMutation(
		serverMutators.cleaners.create,
		{ id, userId, form: formOf(parsed.data) },
		who.ctx,
		{
			...rename,
			after: (tx) =>
				storeTemporaryPassword(tx, who.ctx, {
					userId,
					hash,
					target: { kind: 'cleaner', staffId: id },
					source: 'api'
				})
		}
	);
	if (refused) return refused;
	const read = await apiAdminStaff(id, new URL(url.origin), who.ctx);
	if (read.status !== 200) return read;
	const { data } = (await read.json()) as { data: Record<string, unknown> };
	return ok({ ...data, temporary_password: password }, 201);
}

/** Changes the fields given; the others keep their value (the form is checked as a whole). */
export async function apiPatchStaff(
	id: string,
	url: URL,
	request: Request,
	caller: AuthContext | undefined
) {
	const who = officeCallerOf(caller, id);
	if (!who.ok) return who.response;
	const parsed = await parseWriteBody(request, staffBody, LARGE_BODY_BYTES);
	if (!parsed.ok) return parsed.response;
	// Out of reach reads as absent, as GET answers; the mutator checks the reach again.
	const now = await current(id, who.ctx.office);
	if (!now) return notFoundHere('cleaner');
	const form = formOf(parsed.data, now);
	const refused = await runMutation(serverMutators.cleaners.update, { id, form }, who.ctx, rename);
	return refused ?? apiAdminStaff(id, new URL(url.origin), who.ctx);
}

/**
 * Archives: off the calendar, the public slots and sign-in (their sessions end); refused with
 * 409 HAS_UPCOMING_JOBS while they have booked jobs ahead.
 */
export async function apiArchiveStaff(id: string, url: URL, caller: AuthContext | undefined) {
	const who = officeCallerOf(caller, id);
	if (!who.ok) return who.response;
	const [inReach] = await database()
		.db.select({ id: staff.id })
		.from(staff)
		.where(and(eq(staff.id, id), inScope(who.ctx.office)));
	if (!inReach) return notFoundHere('cleaner');
	const refused = await runMutation(
		serverMutators.cleaners.archive,
		{ id, archived: true },
		who.ctx
	);
	return refused ?? apiAdminStaff(id, new URL(url.origin), who.ctx);
}
