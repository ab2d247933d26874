import { count, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { AuthContext, OfficeScope } from '../../sync/auth.ts';
import { isLocalDate } from '../../sync/domain/local-day.ts';
import type { Db } from '../db/client.ts';
import { fail } from './envelope.ts';
import { queryObject } from './validation.ts';

// What the office endpoints under /api/v1/admin share: who may call them, the query string checked
// field by field (422 naming the parameter), and pages.

export type Office = AuthContext & { office: OfficeScope };

/** The caller when an admin or manager; else the answer: 401 anonymous, 403 cleaner or customer. */
export function officeCaller(
	ctx: AuthContext | undefined
): { ok: true; ctx: Office } | { ok: false; response: Response } {
	if (!ctx) return { ok: false, response: fail(401, 'UNAUTHORIZED', 'Sign in as an office user') };
	if (!ctx.office)
		return { ok: false, response: fail(403, 'FORBIDDEN', 'This is for admins and managers') };
	return { ok: true, ctx: ctx as Office };
}

export const strictQuery = <Shape extends z.ZodRawShape>(shape: Shape) => z.strictObject(shape);

export const MAX_PAGE_SIZE = 100;

/** `page` (from 1) and `page_size` (1–100, 25 by default). */
export const pageShape = {
	page: z
		.string()
		.regex(/^\d{1,6}$/, 'Give the page as a whole number from 1')
		.transform(Number)
		.refine((n) => n >= 1, 'Give the page as a whole number from 1')
		.optional(),
	page_size: z
		.string()
		.regex(/^\d{1,3}$/, `Give page_size as a whole number from 1 to ${MAX_PAGE_SIZE}`)
		.transform(Number)
		.refine(
			(n) => n >= 1 && n <= MAX_PAGE_SIZE,
			`Give page_size as a whole number from 1 to ${MAX_PAGE_SIZE}`
		)
		.optional()
};

/** `q`, what a list is searched for. */
export const searchParam = z
	.string()
	.max(200, 'Give at most 200 characters to search for')
	.optional();

/** A `true` or `false` parameter, e.g. `active`. */
export const flagParam = (name: string) =>
	z
		.enum(['true', 'false'], { error: `Give ${name} as true or false` })
		.transform((v) => v === 'true')
		.optional();

/** What was typed, for ILIKE: its own wildcards (`%`, `_`, `\`) are matched literally. */
export const likeLiteral = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

export const uuidParam = (name: string) => z.uuid({ error: `Give ${name} as a UUID` }).optional();

export const dayParam = (name: string) =>
	z.string().refine(isLocalDate, `Give ${name} as a real date, YYYY-MM-DD`).optional();

const idParam = z.uuid({ error: 'Give the id as a UUID' });

export type Parsed<T> = { ok: true; query: T } | { ok: false; response: Response };

/** The query by `schema` (and the path's `id` when given): every bad parameter named, 422. */
export function parseQuery<T>(schema: z.ZodType<T>, url: URL, id?: string): Parsed<T> {
	const query = schema.safeParse(queryObject(url));
	const details: Record<string, string[]> = {};
	for (const issue of query.error?.issues ?? []) {
		// An unknown parameter is named itself, like a bad one, not as the whole query.
		const names = issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.join('.')];
		const message =
			issue.code === 'unrecognized_keys'
				? 'This endpoint does not take this parameter'
				: issue.message;
		for (const name of names) (details[name || 'query'] ??= []).push(message);
	}
	if (id !== undefined) {
		const parsedId = idParam.safeParse(id);
		if (!parsedId.success) details.id = parsedId.error.issues.map((issue) => issue.message);
	}
	if (!query.success || Object.keys(details).length > 0)
		return {
			ok: false,
			response: fail(422, 'VALIDATION_ERROR', 'Some of the details are not valid', details)
		};
	return { ok: true, query: query.data };
}

/** Which page to read: limit and offset. */
function pageOf(q: { page?: number; page_size?: number }) {
	const page = q.page ?? 1;
	const pageSize = q.page_size ?? 25;
	return { page, pageSize, offset: (page - 1) * pageSize };
}

/**
 * One page of a list (`rows`, filtered and ordered, given its limit and offset) and how many the
 * whole list holds (`from` under `where`), read together: the two go out in one round trip.
 */
export async function readPage<Row>(
	q: { page?: number; page_size?: number },
	rows: (limit: number, offset: number) => PromiseLike<Row[]>,
	whole: { db: Db; from: PgTable; where: SQL | undefined }
) {
	const page = pageOf(q);
	const [items, [{ total }]] = await Promise.all([
		rows(page.pageSize, page.offset),
		whole.db.select({ total: count() }).from(whole.from).where(whole.where)
	]);
	return { rows: items, page, total };
}

/** A page of items with where it sits in the whole list. */
export function paged<T>(items: T[], p: { page: number; pageSize: number }, total: number) {
	return { items, page: p.page, page_size: p.pageSize, total };
}

/** Out of scope reads as absent, so ids outside a manager's reach give nothing away. */
export const notFoundHere = (what: string) => fail(404, 'NOT_FOUND', `There is no such ${what}`);
