import { desc } from 'drizzle-orm';
import { z } from 'zod';
import { coverageRequests } from '../../drizzle/schema.ts';
import { parsePostcode } from '../../sync/domain/postcode.ts';
import { activeServices } from '../catalog/services.ts';
import { database } from '../db/client.ts';
import { fail, ok } from './envelope.ts';
import { parseJsonBody } from './validation.ts';

export const coverageRequestBody = z.strictObject({
	email: z
		.string({ error: 'Enter your email address' })
		.trim()
		.toLowerCase()
		.pipe(z.email('Enter a valid email address, like name@example.co.uk').max(254)),
	postcode: z
		.string({ error: 'Enter your postcode' })
		.max(16, 'That is too long for a postcode')
		.transform((value, ctx) => {
			const parsed = parsePostcode(value);
			if (parsed.ok) return parsed;
			ctx.addIssue({ code: 'custom', message: parsed.message });
			return z.NEVER;
		}),
	service_id: z.uuid('Give the service as its id (a UUID)').optional()
});

/**
 * POST /api/v1/coverage-requests/ — "tell me when you clean here", for a postcode nobody covers
 * yet. Asking twice for the same postcode keeps one request (`new: false` the second time).
 */
export async function apiRequestCoverage(request: Request) {
	const parsed = await parseJsonBody(request, coverageRequestBody);
	if (!parsed.ok) return parsed.response;
	const { email, postcode, service_id } = parsed.data;
	const [service] = service_id ? await activeServices(database().db, [service_id]) : [];
	if (service_id && !service) {
		const message = 'No bookable service has this id';
		return fail(422, 'VALIDATION_ERROR', message, { service_id: [message] });
	}
	const [created] = await database()
		.db.insert(coverageRequests)
		.values({
			email,
			postcode: postcode.postcode,
			district: postcode.outward,
			serviceId: service?.id ?? null
		})
		.onConflictDoNothing()
		.returning({ id: coverageRequests.id });
	return ok({ email, postcode: postcode.postcode, new: Boolean(created) }, 201);
}

/** Every request, newest first, for the office's list. */
export async function listCoverageRequests() {
	const rows = await database()
		.db.select()
		.from(coverageRequests)
		.orderBy(desc(coverageRequests.createdAt));
	return rows.map((r) => ({ ...r, createdAt: r.createdAt.getTime() }));
}
