import { and, asc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import {
	services,
	staff,
	staffAreas,
	staffSchedules,
	staffServices
} from '../../drizzle/schema.ts';
import type { AuthContext, OfficeScope } from '../../sync/auth.ts';
import { database } from '../db/client.ts';
import {
	flagParam,
	likeLiteral,
	notFoundHere,
	officeCaller,
	pageShape,
	paged,
	parseQuery,
	readPage,
	searchParam,
	strictQuery,
	uuidParam
} from './admin-query.ts';
import { ok } from './envelope.ts';

// GET /api/v1/admin/staff/ and /admin/staff/{id}/: the cleaners an office user manages, in the
// scope of the office's cleaner pages (sync/queries/people.ts): a scoped manager's own cleaners and
// anyone at one of their locations.

const listQuery = strictQuery({
	...pageShape,
	q: searchParam,
	location_id: uuidParam('location_id'),
	active: flagParam('active')
});

export function inScope(scope: OfficeScope): SQL | undefined {
	if (scope.all) return undefined;
	return or(inArray(staff.id, scope.staffIDs), inArray(staff.locationId, scope.locationIDs));
}

const like = (term: string) => `%${likeLiteral(term)}%`;

type StaffRow = typeof staff.$inferSelect;

const staffJson = (s: StaffRow) => ({
	id: s.id,
	name: s.name,
	email: s.email,
	phone: s.phone,
	location_id: s.locationId,
	photo_url: s.photoUrl,
	bio: s.bio,
	is_active: s.isActive,
	has_account: s.userId !== null
});

export async function apiAdminStaffList(url: URL, caller: AuthContext | undefined) {
	const who = officeCaller(caller);
	if (!who.ok) return who.response;
	const parsed = parseQuery(listQuery, url);
	if (!parsed.ok) return parsed.response;
	const q = parsed.query;
	const term = q.q?.trim();
	const where = and(
		inScope(who.ctx.office),
		term ? or(ilike(staff.name, like(term)), ilike(staff.email, like(term))) : undefined,
		q.location_id ? eq(staff.locationId, q.location_id) : undefined,
		q.active === undefined ? undefined : eq(staff.isActive, q.active)
	);
	const { db } = database();
	const { rows, page, total } = await readPage(
		q,
		(limit, offset) =>
			db
				.select()
				.from(staff)
				.where(where)
				.orderBy(asc(staff.name), asc(staff.id))
				.limit(limit)
				.offset(offset),
		{ db, from: staff, where }
	);
	return ok(paged(rows.map(staffJson), page, total));
}

/** One cleaner with their weekly hours, services (with overrides) and service areas. */
export async function apiAdminStaff(id: string, url: URL, caller: AuthContext | undefined) {
	const who = officeCaller(caller);
	if (!who.ok) return who.response;
	const parsed = parseQuery(strictQuery({}), url, id);
	if (!parsed.ok) return parsed.response;
	const { db } = database();
	const [row] = await db
		.select()
		.from(staff)
		.where(and(eq(staff.id, id), inScope(who.ctx.office)));
	if (!row) return notFoundHere('cleaner');
	const [hours, offered, areas] = await Promise.all([
		db
			.select()
			.from(staffSchedules)
			.where(eq(staffSchedules.staffId, id))
			.orderBy(asc(staffSchedules.dayOfWeek), asc(staffSchedules.startMinute)),
		db
			.select({
				serviceId: staffServices.serviceId,
				name: services.name,
				priceOverride: staffServices.priceOverride,
				durationOverride: staffServices.durationOverride
			})
			.from(staffServices)
			.innerJoin(services, eq(services.id, staffServices.serviceId))
			.where(eq(staffServices.staffId, id))
			.orderBy(asc(services.name)),
		db
			.select()
			.from(staffAreas)
			.where(eq(staffAreas.staffId, id))
			.orderBy(asc(staffAreas.createdAt))
	]);
	return ok({
		...staffJson(row),
		schedule: hours.map((h) => ({
			day_of_week: h.dayOfWeek,
			start_minute: h.startMinute,
			end_minute: h.endMinute,
			breaks: h.breaks
		})),
		services: offered.map((s) => ({
			service_id: s.serviceId,
			name: s.name,
			price_override: s.priceOverride,
			duration_override: s.durationOverride
		})),
		areas: areas.map((a) => ({
			id: a.id,
			postcode: a.postcode,
			radius_km: a.radiusKm,
			is_active: a.isActive
		}))
	});
}
