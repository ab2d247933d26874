import { and, asc, eq, ilike, inArray } from 'drizzle-orm';
import { categories, serviceExtras, services } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
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

// GET /api/v1/admin/services/ and /admin/services/{id}/: the whole catalogue as the office edits it,
// inactive services and extras included. Services belong to the business, not to a location, so
// every office user reads them all (changing them needs `manage_services`: admin-service-writes.ts).

const listQuery = strictQuery({
	...pageShape,
	q: searchParam,
	category_id: uuidParam('category_id'),
	active: flagParam('active')
});

type ServiceRow = typeof services.$inferSelect;
type ExtraRow = typeof serviceExtras.$inferSelect;

const extraJson = (e: ExtraRow) => ({
	id: e.id,
	name: e.name,
	price: e.price,
	duration_minutes: e.durationMinutes,
	max_quantity: e.maxQuantity,
	is_active: e.isActive
});

const serviceJson = (s: ServiceRow, category: string, extras: ExtraRow[]) => ({
	id: s.id,
	name: s.name,
	slug: s.slug,
	description: s.description,
	category: { id: s.categoryId, name: category },
	duration_minutes: s.durationMinutes,
	price: s.price,
	currency: s.currency,
	color: s.color,
	capacity: s.capacity,
	padding_before_minutes: s.paddingBeforeMinutes,
	padding_after_minutes: s.paddingAfterMinutes,
	deposit_kind: s.depositKind,
	deposit_value: s.depositValue,
	checklist: s.checklist,
	booking_fields: s.bookingFields,
	position: s.position,
	is_active: s.isActive,
	extras: extras.map(extraJson)
});

async function extrasOf(ids: string[]) {
	const byService = new Map<string, ExtraRow[]>();
	if (!ids.length) return byService;
	const rows = await database()
		.db.select()
		.from(serviceExtras)
		.where(inArray(serviceExtras.serviceId, ids))
		.orderBy(asc(serviceExtras.position), asc(serviceExtras.name));
	for (const e of rows) byService.set(e.serviceId, [...(byService.get(e.serviceId) ?? []), e]);
	return byService;
}

export async function apiAdminServices(url: URL, caller: AuthContext | undefined) {
	const who = officeCaller(caller);
	if (!who.ok) return who.response;
	const parsed = parseQuery(listQuery, url);
	if (!parsed.ok) return parsed.response;
	const q = parsed.query;
	const term = q.q?.trim();
	const where = and(
		term ? ilike(services.name, `%${likeLiteral(term)}%`) : undefined,
		q.category_id ? eq(services.categoryId, q.category_id) : undefined,
		q.active === undefined ? undefined : eq(services.isActive, q.active)
	);
	const { db } = database();
	const { rows, page, total } = await readPage(
		q,
		(limit, offset) =>
			db
				.select({ service: services, category: categories.name })
				.from(services)
				.innerJoin(categories, eq(categories.id, services.categoryId))
				.where(where)
				.orderBy(asc(services.position), asc(services.name), asc(services.id))
				.limit(limit)
				.offset(offset),
		{ db, from: services, where }
	);
	const extras = await extrasOf(rows.map((r) => r.service.id));
	const items = rows.map((r) => serviceJson(r.service, r.category, extras.get(r.service.id) ?? []));
	return ok(paged(items, page, total));
}

export async function apiAdminService(id: string, url: URL, caller: AuthContext | undefined) {
	const who = officeCaller(caller);
	if (!who.ok) return who.response;
	const parsed = parseQuery(strictQuery({}), url, id);
	if (!parsed.ok) return parsed.response;
	const [row] = await database()
		.db.select({ service: services, category: categories.name })
		.from(services)
		.innerJoin(categories, eq(categories.id, services.categoryId))
		.where(eq(services.id, id));
	if (!row) return notFoundHere('service');
	const extras = await extrasOf([id]);
	return ok(serviceJson(row.service, row.category, extras.get(id) ?? []));
}
