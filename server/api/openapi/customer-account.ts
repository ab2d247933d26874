import {
	APPOINTMENT_STATUSES,
	INVOICE_STATUSES,
	PAYMENT_STATUSES
} from '../../../drizzle/schema.ts';
import {
	arrayOf,
	body,
	failures,
	nullable,
	object,
	success,
	uuid,
	type PathItem
} from './common.ts';

// customers/profile, customers/appointments, customers/invoices (server/api/customer-account.ts):
// the signed-in customer's own account.

const text = { type: 'string' };
const instant = { type: 'string', format: 'date-time', description: 'UTC, ISO 8601' };
const pence = { type: 'integer', minimum: 0, description: 'In pence' };
const security = [{ bearerAuth: [] }, { cookieAuth: [] }];

const Profile = object({
	email: { type: 'string', description: "The account's email (not changed here)" },
	name: text,
	phone: text,
	address_line1: text,
	address_line2: text,
	city: text,
	postcode: text
});

const ProfileInput = {
	type: 'object',
	additionalProperties: false,
	required: ['name', 'phone', 'address_line1', 'city', 'postcode'],
	properties: {
		name: { type: 'string', minLength: 1, maxLength: 120 },
		phone: { type: 'string', description: 'A UK phone number, e.g. 07700 900123' },
		address_line1: { type: 'string', minLength: 1, maxLength: 200 },
		address_line2: { type: 'string', maxLength: 200 },
		city: { type: 'string', minLength: 1, maxLength: 100 },
		postcode: { type: 'string', description: 'A full UK postcode, e.g. N16 9PD' }
	}
};

const refused = {
	401: { UNAUTHORIZED: 'not signed in' },
	403: { FORBIDDEN: 'signed in, but not as a customer' }
};
const noQuery = {
	422: { VALIDATION_ERROR: 'a query parameter is given (this endpoint takes none)' }
};

export const customerAccountPaths: Record<string, PathItem> = {
	'/customers/profile': {
		get: {
			operationId: 'getCustomerProfile',
			tags: ['Account'],
			summary: "The signed-in customer's name, phone and address",
			security,
			responses: {
				200: success('The profile', Profile),
				...failures({ ...refused, ...noQuery })
			}
		},
		put: {
			operationId: 'putCustomerProfile',
			tags: ['Account'],
			summary: "Replaces the signed-in customer's name, phone and address",
			description:
				'The address of their future bookings comes from here. Nothing is saved unless every field is valid.',
			security,
			requestBody: body(ProfileInput),
			responses: {
				200: success('The profile as saved', Profile),
				...failures({
					400: { VALIDATION_ERROR: 'the request body is not a JSON object' },
					...refused,
					422: {
						VALIDATION_ERROR:
							'a field missing or not valid (a phone number or postcode that is not a UK one), or a field that cannot be changed here; `details` names each'
					}
				})
			}
		}
	},
	'/customers/appointments': {
		get: {
			operationId: 'listCustomerAppointments',
			tags: ['Account'],
			summary: "The signed-in customer's bookings, oldest first",
			description:
				'Each `id` works with GET /bookings/{id}, and POST /bookings/{id}/cancel and /reschedule, signed in, without a token.',
			security,
			responses: {
				200: success(
					'The bookings',
					object({
						appointments: arrayOf(
							object({
								id: uuid,
								start_time: instant,
								end_time: instant,
								status: { type: 'string', enum: APPOINTMENT_STATUSES },
								service: text,
								total_price: pence,
								payment_status: { type: 'string', enum: PAYMENT_STATUSES }
							})
						)
					})
				),
				...failures({ ...refused, ...noQuery })
			}
		}
	},
	'/customers/invoices': {
		get: {
			operationId: 'listCustomerInvoices',
			tags: ['Account'],
			summary: "The signed-in customer's invoices, newest first",
			security,
			responses: {
				200: success(
					'The invoices',
					object({
						invoices: arrayOf(
							object({
								number: text,
								total: pence,
								status: { type: 'string', enum: INVOICE_STATUSES },
								appointment_id: nullable(uuid),
								pdf_url: nullable({
									type: 'string',
									description: 'The PDF, for the signed-in customer (session cookie)'
								})
							})
						)
					})
				),
				...failures({ ...refused, ...noQuery })
			}
		}
	}
};
