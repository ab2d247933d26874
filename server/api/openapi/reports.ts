import { REPORT_NAMES } from '../../reports/catalogue.ts';
import {
	arrayOf,
	failures,
	nullable,
	object,
	queryParam,
	success,
	uuid,
	WHEN,
	type PathItem
} from './common.ts';

// admin/reports/ (server/api/reports.ts → server/reports/run.ts).

const cell = { type: ['string', 'number', 'null'] };
const Row = { type: 'object', additionalProperties: cell };

const Report = object({
	report: { type: 'string', enum: REPORT_NAMES },
	title: { type: 'string' },
	from: { type: 'string', format: 'date' },
	to: { type: 'string', format: 'date' },
	time_zone: { type: 'string', examples: ['Europe/London'] },
	location_id: nullable(uuid),
	columns: arrayOf(
		object({
			key: { type: 'string', description: 'The property of each row' },
			label: { type: 'string' },
			kind: {
				type: 'string',
				enum: ['text', 'count', 'pence', 'minutes', 'rate'],
				description:
					'pence: whole pence; minutes: whole minutes; rate: 0–1, null when there is nothing to divide by'
			}
		})
	),
	rows: arrayOf(Row),
	total: nullable(Row)
});

const date = { type: 'string', format: 'date' };

export const reportPaths: Record<string, PathItem> = {
	'/admin/reports': {
		get: {
			operationId: 'getReport',
			tags: ['Office'],
			summary: 'One office report: revenue, bookings, utilisation, cancellations or conversion',
			description: `For admins and managers (session cookie or bearer token). A manager's report counts only their scope: appointments of their cleaners or at their locations, their cleaners' hours. The revenue reports (\`revenue-weekly\`, \`revenue-monthly\`) need the \`see_revenue\` permission. Days are the business's local days (Europe/London), \`from\` and \`to\` both included. Revenue is payments received minus refunds, in pence. Slot searches in \`conversion\` belong to no location: they are the company's in every view.`,
			security: [{ bearerAuth: [] }, { cookieAuth: [] }],
			parameters: [
				queryParam('report', { type: 'string', enum: REPORT_NAMES }, 'Which report', true),
				queryParam('from', date, 'The first local day, YYYY-MM-DD', true),
				queryParam(
					'to',
					date,
					'The last local day, YYYY-MM-DD (at most two years after `from`)',
					true
				),
				queryParam('location', uuid, 'Only this location')
			],
			responses: {
				200: success('The report', Report),
				...failures({
					400: {
						VALIDATION_ERROR: `\`from\` or \`to\` missing or not a real date, \`to\` before \`from\` or over two years after it, \`location\` not a UUID, or ${WHEN.unknownParameter}`
					},
					401: { UNAUTHORIZED: 'not signed in' },
					403: {
						FORBIDDEN:
							'not an office user, or a revenue report without the `see_revenue` permission'
					},
					404: { NOT_FOUND: 'no report of that name (`details.report`)' }
				})
			}
		}
	}
};
