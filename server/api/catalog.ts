import { z } from 'zod';
import { activeServices, type CatalogExtra, type CatalogService } from '../catalog/services.ts';
import {
	activeCleaners,
	cleanersOffering,
	coverage,
	type Coverage,
	type PublicCleaner,
	type ServiceCleaner
} from '../catalog/staff.ts';
import { database } from '../db/client.ts';
import { fail, ok } from './envelope.ts';
import { fieldErrors, queryObject } from './validation.ts';

// The public catalogue of REST v1 (spec §5.1 services/ and staff/): no sign-in, so nothing personal.

const strictQuery = <Shape extends z.ZodRawShape>(shape: Shape) =>
	z.strictObject(shape, {
		error: (issue) =>
			issue.code === 'unrecognized_keys' ? `Unknown parameter: ${issue.keys.join(', ')}` : undefined
	});

const noQuery = strictQuery({});
const postcodeQuery = strictQuery({
	postcode: z
		.string({ error: 'Give the postcode of the address to clean' })
		.max(16, 'That is too long for a postcode')
});
const idParam = z.uuid({ error: 'Give the id as a UUID' });

type Parsed<T> = { ok: true; query: T } | { ok: false; response: Response };

/** The query by `schema` and, when given, the path's `id`; every bad field is named at once. */
function parseRequest<T>(schema: z.ZodType<T>, url: URL, id?: string): Parsed<T> {
	const query = schema.safeParse(queryObject(url));
	const details: Record<string, string[]> = query.success ? {} : fieldErrors(query.error);
	if (id !== undefined) {
		const parsedId = idParam.safeParse(id);
		if (!parsedId.success) details.id = parsedId.error.issues.map((issue) => issue.message);
	}
	if (!query.success || Object.keys(details).length > 0)
		return {
			ok: false,
			response: fail(400, 'VALIDATION_ERROR', 'Some of the details are not valid', details)
		};
	return { ok: true, query: query.data };
}

/** A postcode the coverage rule could not place: malformed (a validation error) or unknown. */
function postcodeFailed(result: Exclude<Coverage, { ok: true }>) {
	const code = result.reason === 'INVALID' ? 'VALIDATION_ERROR' : result.reason;
	return fail(400, code, result.message, { postcode: [result.message] });
}

const extraJson = (e: CatalogExtra) => ({
	id: e.id,
	name: e.name,
	price: e.price,
	duration_minutes: e.durationMinutes,
	max_quantity: e.maxQuantity
});

const serviceJson = (s: CatalogService) => ({
	id: s.id,
	name: s.name,
	slug: s.slug,
	description: s.description,
	category: s.category,
	duration_minutes: s.durationMinutes,
	price: s.price,
	currency: s.currency,
	color: s.color,
	capacity: s.capacity,
	questions: s.questions,
	padding_before_minutes: s.paddingBeforeMinutes,
	padding_after_minutes: s.paddingAfterMinutes,
	image_url: s.imageUrl,
	extras: s.extras.map(extraJson)
});

// Security: fields are listed one by one, never spread, so a column added to the staff row later
// cannot reach the public API by accident.
const cleanerJson = (c: PublicCleaner) => ({
	id: c.id,
	name: c.name,
	bio: c.bio,
	photo_url: c.photoUrl,
	services: c.serviceIds
});

const serviceCleanerJson = (c: ServiceCleaner) => ({
	id: c.id,
	name: c.name,
	bio: c.bio,
	photo_url: c.photoUrl,
	price: c.price,
	duration_minutes: c.durationMinutes
});

const serviceNotFound = () => fail(404, 'SERVICE_NOT_FOUND', 'No bookable service has this id');

/** GET /api/v1/services/ */
export async function apiServices(url: URL) {
	const parsed = parseRequest(noQuery, url);
	if (!parsed.ok) return parsed.response;
	const list = await activeServices(database().db);
	return ok({ services: list.map(serviceJson) });
}

/** GET /api/v1/services/{id}/ */
export async function apiService(id: string, url: URL) {
	const parsed = parseRequest(noQuery, url, id);
	if (!parsed.ok) return parsed.response;
	const [service] = await activeServices(database().db, [id]);
	return service ? ok(serviceJson(service)) : serviceNotFound();
}

/** GET /api/v1/services/by-postcode/?postcode= — what at least one covering cleaner offers. */
export async function apiServicesByPostcode(url: URL) {
	const parsed = parseRequest(postcodeQuery, url);
	if (!parsed.ok) return parsed.response;
	const { db } = database();
	const area = await coverage(db, parsed.query.postcode);
	if (!area.ok) return postcodeFailed(area);
	const cleaners = await activeCleaners(db, [...area.staffIds]);
	const offered = new Set(cleaners.flatMap((c) => c.serviceIds));
	const list = await activeServices(db, [...offered]);
	return ok({
		postcode: area.postcode,
		covered: area.staffIds.size > 0,
		services: list.map(serviceJson)
	});
}

/** GET /api/v1/services/{id}/staff/?postcode= — who can do this service at this postcode. */
export async function apiServiceStaff(id: string, url: URL) {
	const parsed = parseRequest(postcodeQuery, url, id);
	if (!parsed.ok) return parsed.response;
	const { db } = database();
	const [service] = await activeServices(db, [id]);
	if (!service) return serviceNotFound();
	const area = await coverage(db, parsed.query.postcode);
	if (!area.ok) return postcodeFailed(area);
	const cleaners = (await cleanersOffering(db, service)).filter((c) => area.staffIds.has(c.id));
	return ok({
		service_id: service.id,
		postcode: area.postcode,
		covered: area.staffIds.size > 0,
		staff: cleaners.map(serviceCleanerJson)
	});
}

/** GET /api/v1/staff/ */
export async function apiStaffList(url: URL) {
	const parsed = parseRequest(noQuery, url);
	if (!parsed.ok) return parsed.response;
	const cleaners = await activeCleaners(database().db);
	return ok({ staff: cleaners.map(cleanerJson) });
}

/** GET /api/v1/staff/{id}/ */
export async function apiStaffMember(id: string, url: URL) {
	const parsed = parseRequest(noQuery, url, id);
	if (!parsed.ok) return parsed.response;
	const [cleaner] = await activeCleaners(database().db, [id]);
	return cleaner
		? ok(cleanerJson(cleaner))
		: fail(404, 'STAFF_NOT_FOUND', 'No active cleaner has this id');
}

/** GET /api/v1/staff/by-postcode/?postcode= */
export async function apiStaffByPostcode(url: URL) {
	const parsed = parseRequest(postcodeQuery, url);
	if (!parsed.ok) return parsed.response;
	const { db } = database();
	const area = await coverage(db, parsed.query.postcode);
	if (!area.ok) return postcodeFailed(area);
	const cleaners = await activeCleaners(db, [...area.staffIds]);
	return ok({
		postcode: area.postcode,
		covered: area.staffIds.size > 0,
		staff: cleaners.map(cleanerJson)
	});
}
