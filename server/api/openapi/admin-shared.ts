import { MAX_PAGE_SIZE } from '../admin-query.ts';
import { arrayOf, failures, object, queryParam, type Schema } from './common.ts';

// What the office's endpoints (admin-*.ts beside this file) share: scalar schemas, paging, the
// usual refusals and the notes their descriptions repeat.

export const text = { type: 'string' };
export const int = { type: 'integer' };
export const bool = { type: 'boolean' };
export const instant = { type: 'string', format: 'date-time', description: 'UTC, ISO 8601' };
export const pence = { type: 'integer', minimum: 0, description: 'In pence' };
export const officeSecurity = [{ bearerAuth: [] }, { cookieAuth: [] }];

export const pageParams = [
	queryParam('page', { type: 'integer', minimum: 1, default: 1 }, 'Which page, from 1'),
	queryParam(
		'page_size',
		{ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 25 },
		'Items per page'
	)
];

export const page = (item: Schema) =>
	object({
		items: arrayOf(item),
		page: { type: 'integer', minimum: 1 },
		page_size: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
		total: { type: 'integer', minimum: 0, description: 'Items on every page together' }
	});

export const refused = {
	401: { UNAUTHORIZED: 'not signed in' },
	403: { FORBIDDEN: 'signed in as a cleaner or a customer: this is for admins and managers' }
};

export const listFailures = (params: string) =>
	failures({
		...refused,
		422: {
			VALIDATION_ERROR: `a bad ${params}, or a parameter this endpoint does not take; \`details\` names each one`
		}
	});

export const oneFailures = (what: string, scoped: boolean) =>
	failures({
		...refused,
		404: {
			NOT_FOUND: scoped
				? `no ${what} has this id within the caller's scope (out of scope reads as absent)`
				: `no ${what} has this id`
		},
		422: { VALIDATION_ERROR: 'the `id` in the path is not a UUID, or a query parameter is given' }
	});

export const date = { type: 'string', format: 'date' };
export const flag = { type: 'string', enum: ['true', 'false'] };
export const search = (what: string) => queryParam('q', { type: 'string', maxLength: 200 }, what);

export const scopeNote =
	'For admins and managers (session cookie or bearer token). A manager with a limited scope reads only what it reaches; anything else reads as absent (404), never as forbidden, so ids outside it give nothing away.';

export const badFields =
	"a field is not valid or not known; `details` names each in the body's spelling (e.g. `schedule.0.end_minute`)";
export const writeNote =
	"Checked and audited (source `api`) as the office app's form: the same rule names each bad field, and nothing is saved unless all is well.";
export const bodyFailures = (kib: number) => ({
	400: { VALIDATION_ERROR: 'the request body is not JSON' },
	413: { PAYLOAD_TOO_LARGE: `the request body is over ${kib} KiB` }
});
export const needs = (permission: string) => ({
	FORBIDDEN: `signed in as a cleaner or a customer, or a manager without \`${permission}\``
});
