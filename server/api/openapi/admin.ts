import { APPOINTMENT_STATUSES, DEPOSIT_KINDS, PAYMENT_STATUSES } from '../../../drizzle/schema.ts';
import { MAX_PAGE_SIZE } from '../admin-query.ts';
import {
	arrayOf,
	body,
	failures,
	nullable,
	object,
	pathId,
	queryParam,
	success,
	uuid,
	type PathItem,
	type Schema
} from './common.ts';

// admin/appointments, admin/staff, admin/customers, admin/services: the office's reads
// (server/api/admin-*.ts), within the caller's scope.

const text = { type: 'string' };
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const instant = { type: 'string', format: 'date-time', description: 'UTC, ISO 8601' };
const pence = { type: 'integer', minimum: 0, description: 'In pence' };
const officeSecurity = [{ bearerAuth: [] }, { cookieAuth: [] }];

const pageParams = [
	queryParam('page', { type: 'integer', minimum: 1, default: 1 }, 'Which page, from 1'),
	queryParam(
		'page_size',
		{ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 25 },
		'Items per page'
	)
];

const page = (item: Schema) =>
	object({
		items: arrayOf(item),
		page: { type: 'integer', minimum: 1 },
		page_size: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
		total: { type: 'integer', minimum: 0, description: 'Items on every page together' }
	});

const refused = {
	401: { UNAUTHORIZED: 'not signed in' },
	403: { FORBIDDEN: 'signed in as a cleaner or a customer: this is for admins and managers' }
};

const listFailures = (params: string) =>
	failures({
		...refused,
		422: {
			VALIDATION_ERROR: `a bad ${params}, or a parameter this endpoint does not take; \`details\` names each one`
		}
	});

const oneFailures = (what: string, scoped: boolean) =>
	failures({
		...refused,
		404: {
			NOT_FOUND: scoped
				? `no ${what} has this id within the caller's scope (out of scope reads as absent)`
				: `no ${what} has this id`
		},
		422: { VALIDATION_ERROR: 'the `id` in the path is not a UUID, or a query parameter is given' }
	});

const Booking = object({
	id: { ...uuid, description: 'The booking (customer_appointments row)' },
	customer: object({ id: uuid, name: text, email: text, phone: text, postcode: text }),
	number_of_persons: int,
	extras: arrayOf(object({ extra_id: uuid, name: text, quantity: int, price: pence })),
	total_price: pence,
	deposit_paid: pence,
	payment_status: { type: 'string', enum: PAYMENT_STATUSES }
});

const appointmentProps = {
	id: uuid,
	status: { type: 'string', enum: APPOINTMENT_STATUSES },
	start_time: instant,
	end_time: instant,
	staff: object({ id: uuid, name: text }),
	service: object({ id: uuid, name: text }),
	location_id: nullable(uuid),
	series_id: nullable({ ...uuid, description: 'Shared by the occurrences of a recurring clean' }),
	created_at: instant,
	updated_at: instant,
	bookings: arrayOf(Booking)
};
const Appointment = object(appointmentProps);

const Staff = {
	id: uuid,
	name: text,
	email: text,
	phone: text,
	location_id: nullable(uuid),
	photo_url: nullable(text),
	bio: text,
	is_active: bool,
	has_account: { type: 'boolean', description: 'Whether the cleaner can sign in' }
};

const Customer = {
	id: uuid,
	name: text,
	email: text,
	phone: text,
	address_line1: text,
	address_line2: text,
	city: text,
	county: text,
	postcode: text,
	country: text,
	notes: { type: 'string', description: "The office's notes" },
	tags: arrayOf(text),
	is_archived: bool,
	has_account: { type: 'boolean', description: 'Whether the customer can sign in' },
	created_at: instant
};

const Service = object({
	id: uuid,
	name: text,
	slug: text,
	description: text,
	category: object({ id: uuid, name: text }),
	duration_minutes: int,
	price: pence,
	currency: text,
	color: { type: 'string', examples: ['#3b82f6'] },
	capacity: int,
	padding_before_minutes: int,
	padding_after_minutes: int,
	deposit_kind: { type: 'string', enum: DEPOSIT_KINDS },
	deposit_value: { type: 'integer', description: 'Percent (1–100), pence (fixed), 0 (full)' },
	checklist: arrayOf(text),
	booking_fields: arrayOf({ type: 'object' }),
	is_active: bool,
	extras: arrayOf(
		object({
			id: uuid,
			name: text,
			price: pence,
			duration_minutes: int,
			max_quantity: int,
			is_active: bool
		})
	)
});

const date = { type: 'string', format: 'date' };
const flag = { type: 'string', enum: ['true', 'false'] };
const search = (what: string) => queryParam('q', { type: 'string', maxLength: 200 }, what);

const scopeNote =
	'For admins and managers (session cookie or bearer token). A manager with a limited scope reads only what it reaches; anything else reads as absent (404), never as forbidden, so ids outside it give nothing away.';

export const adminPaths: Record<string, PathItem> = {
	'/admin/appointments': {
		get: {
			operationId: 'listAdminAppointments',
			tags: ['Office'],
			summary: 'Appointments in scope, by start time, paged and filtered',
			description: `${scopeNote} A scoped manager reads the appointments of their cleaners or at their locations. To change one, use POST /bookings/{id}/cancel and /bookings/{id}/reschedule (with the booking's id), or the office app.`,
			security: officeSecurity,
			parameters: [
				...pageParams,
				queryParam('from', date, 'Starting on or after this local day (Europe/London)'),
				queryParam('to', date, 'Starting on or before this local day (on or after `from`)'),
				queryParam('status', { type: 'string', enum: APPOINTMENT_STATUSES }, 'Only this status'),
				queryParam('staff_id', uuid, 'Only this cleaner'),
				queryParam('customer_id', uuid, 'Only appointments this customer booked'),
				queryParam('location_id', uuid, 'Only this location')
			],
			responses: {
				200: success('A page of appointments', page(Appointment)),
				...listFailures(
					'`page`, `page_size`, `from`, `to` (or `to` before `from`), `status`, `staff_id`, `customer_id` or `location_id`'
				)
			}
		}
	},
	'/admin/appointments/{id}': {
		get: {
			operationId: 'getAdminAppointment',
			tags: ['Office'],
			summary: 'One appointment in scope, with its bookings and the office notes',
			description: scopeNote,
			security: officeSecurity,
			parameters: [pathId('The appointment')],
			responses: {
				200: success(
					'The appointment',
					object({ ...appointmentProps, internal_notes: { type: 'string' } })
				),
				...oneFailures('appointment', true)
			}
		}
	},
	'/admin/staff': {
		get: {
			operationId: 'listAdminStaff',
			tags: ['Office'],
			summary: 'Cleaners in scope, by name, paged',
			description: `${scopeNote} A scoped manager reads their own cleaners and anyone at their locations.`,
			security: officeSecurity,
			parameters: [
				...pageParams,
				search('Name or email containing this, in any case'),
				queryParam('location_id', uuid, 'Only this location'),
				queryParam('active', flag, 'Only active (`true`) or archived (`false`) cleaners')
			],
			responses: {
				200: success('A page of cleaners', page(object(Staff))),
				...listFailures('`page`, `page_size`, `q`, `location_id` or `active`')
			}
		}
	},
	'/admin/staff/{id}': {
		get: {
			operationId: 'getAdminStaff',
			tags: ['Office'],
			summary: 'One cleaner in scope with weekly hours, services and service areas',
			description: scopeNote,
			security: officeSecurity,
			parameters: [pathId('The cleaner')],
			responses: {
				200: success(
					'The cleaner',
					object({
						...Staff,
						schedule: arrayOf(
							object({
								day_of_week: { type: 'integer', description: '0 = Monday … 6 = Sunday' },
								start_minute: { type: 'integer', description: 'Minutes after local midnight' },
								end_minute: int,
								breaks: arrayOf(object({ start: int, end: int }))
							})
						),
						services: arrayOf(
							object({
								service_id: uuid,
								name: text,
								price_override: nullable(pence),
								duration_override: nullable(int)
							})
						),
						areas: arrayOf(
							object({ id: uuid, postcode: text, radius_km: { type: 'number' }, is_active: bool })
						)
					})
				),
				...oneFailures('cleaner', true)
			}
		}
	},
	'/admin/customers': {
		get: {
			operationId: 'listAdminCustomers',
			tags: ['Office'],
			summary: 'Customers in scope, by name, searched and paged',
			description: `${scopeNote} A scoped manager reads the customers listed for them and everyone who has booked one of their cleaners or at one of their locations.`,
			security: officeSecurity,
			parameters: [
				...pageParams,
				search(
					"Name or email containing it; a phone number however it is written (+44, spaces); a postcode's start ('N16', or a whole postcode without its space)"
				),
				queryParam('archived', flag, 'Archived customers instead of current ones')
			],
			responses: {
				200: success('A page of customers', page(object(Customer))),
				...listFailures('`page`, `page_size`, `q` or `archived`')
			}
		}
	},
	'/admin/customers/{id}': {
		get: {
			operationId: 'getAdminCustomer',
			tags: ['Office'],
			summary: 'One customer in scope with their latest 100 bookings, newest first',
			description: scopeNote,
			security: officeSecurity,
			parameters: [pathId('The customer')],
			responses: {
				200: success(
					'The customer',
					object({
						...Customer,
						bookings: arrayOf(
							object({
								id: uuid,
								appointment_id: uuid,
								start_time: instant,
								status: { type: 'string', enum: APPOINTMENT_STATUSES },
								service: text,
								staff: text,
								total_price: pence,
								payment_status: { type: 'string', enum: PAYMENT_STATUSES }
							})
						)
					})
				),
				...oneFailures('customer', true)
			}
		},
		patch: {
			operationId: 'updateAdminCustomer',
			tags: ['Office'],
			summary: "Changes a customer's details: the fields given, the others kept",
			description: `${scopeNote} Checked and audited as the office app's customer form: a phone or postcode that is not a UK one, a bad email or a missing name is named in \`details\`, and nothing is saved. A changed address is no longer marked validated.`,
			security: officeSecurity,
			parameters: [pathId('The customer')],
			requestBody: body({
				type: 'object',
				additionalProperties: false,
				properties: {
					name: text,
					email: text,
					phone: text,
					address_line1: text,
					address_line2: text,
					city: text,
					county: text,
					postcode: text,
					notes: text,
					tags: arrayOf(text)
				}
			}),
			responses: {
				200: success('The customer as saved', object(Customer)),
				...failures({
					...refused,
					400: { VALIDATION_ERROR: 'the request body is not JSON' },
					404: { NOT_FOUND: "no customer has this id within the caller's scope" },
					413: { PAYLOAD_TOO_LARGE: 'the request body is over 16 KiB' },
					422: {
						VALIDATION_ERROR:
							'the `id` is not a UUID, a field is not valid or not known; `details` names each'
					}
				})
			}
		},
		delete: {
			operationId: 'archiveAdminCustomer',
			tags: ['Office'],
			summary: 'Archives a customer (kept for their bookings and invoices, out of the lists)',
			description: `${scopeNote} Audited. GET /admin/customers?archived=true lists archived customers.`,
			security: officeSecurity,
			parameters: [pathId('The customer')],
			responses: {
				200: success('The customer, archived', object(Customer)),
				...failures({
					...refused,
					404: { NOT_FOUND: "no customer has this id within the caller's scope" },
					422: { VALIDATION_ERROR: 'the `id` is not a UUID' }
				})
			}
		}
	},
	'/admin/services': {
		get: {
			operationId: 'listAdminServices',
			tags: ['Office'],
			summary: 'The whole catalogue, inactive services and extras included, paged',
			description:
				'For admins and managers (session cookie or bearer token). Services belong to the business, so every office user reads them all.',
			security: officeSecurity,
			parameters: [
				...pageParams,
				search('Name containing this, in any case'),
				queryParam('category_id', uuid, 'Only this category'),
				queryParam('active', flag, 'Only active (`true`) or inactive (`false`) services')
			],
			responses: {
				200: success('A page of services', page(Service)),
				...listFailures('`page`, `page_size`, `q`, `category_id` or `active`')
			}
		}
	},
	'/admin/services/{id}': {
		get: {
			operationId: 'getAdminService',
			tags: ['Office'],
			summary: 'One service with its extras',
			security: officeSecurity,
			parameters: [pathId('The service')],
			responses: {
				200: success('The service', Service),
				...oneFailures('service', false)
			}
		}
	}
};
