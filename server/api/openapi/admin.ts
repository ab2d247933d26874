import { APPOINTMENT_STATUSES, DEPOSIT_KINDS, PAYMENT_STATUSES } from '../../../drizzle/schema.ts';
import { customerBody, serviceCreateBody, servicePatchBody, staffBody } from '../admin-bodies.ts';
import { MAX_PAGE_SIZE } from '../admin-query.ts';
import {
	arrayOf,
	body,
	failures,
	fromZod,
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
// (server/api/admin-*.ts), within the caller's scope, and its writes (admin-*-writes.ts, bodies
// from admin-bodies.ts), through the app's own mutators.

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

const StaffDetail = {
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
	position: { type: 'integer', description: 'Order in the catalogue, from 0' },
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

const badFields =
	"a field is not valid or not known; `details` names each in the body's spelling (e.g. `schedule.0.end_minute`)";
const writeNote =
	"Checked and audited (source `api`) as the office app's form: the same rule names each bad field, and nothing is saved unless all is well.";
const bodyFailures = (kib: number) => ({
	400: { VALIDATION_ERROR: 'the request body is not JSON' },
	413: { PAYLOAD_TOO_LARGE: `the request body is over ${kib} KiB` }
});
const needs = (permission: string) => ({
	FORBIDDEN: `signed in as a cleaner or a customer, or a manager without \`${permission}\``
});

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
		},
		post: {
			operationId: 'createAdminStaff',
			tags: ['Office'],
			summary: 'Adds a cleaner, with their sign-in account and a temporary password shown once',
			description: `Needs \`manage_staff\`. ${writeNote} The body is spelt as GET /admin/staff/{id} answers; \`name\` and \`email\` are required (an email no other account uses). A manager with a limited scope adds cleaners only at one of their locations (\`location_id\`); an admin may leave it null.

Like the app, this also makes the cleaner's sign-in account (role staff), and gives it a **temporary password, answered once** in \`temporary_password\`: it is stored only hashed and cannot be read again, so hand it to the cleaner now (the office app issues a new one if it is lost). Both the new cleaner and the password are audited.`,
			security: officeSecurity,
			requestBody: body(fromZod(staffBody)),
			responses: {
				201: success(
					'The cleaner as saved, with their temporary password',
					object({
						...StaffDetail,
						temporary_password: {
							type: 'string',
							description: 'For the first sign-in; shown this once, never again'
						}
					})
				),
				...failures({
					...refused,
					...bodyFailures(64),
					403: needs('manage_staff'),
					422: { VALIDATION_ERROR: badFields }
				})
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
				200: success('The cleaner', object(StaffDetail)),
				...oneFailures('cleaner', true)
			}
		},
		patch: {
			operationId: 'updateAdminStaff',
			tags: ['Office'],
			summary:
				"Changes a cleaner's details, hours, services or areas: the fields given, the others kept",
			description: `Needs \`manage_staff\`. ${scopeNote} ${writeNote} A list given (\`schedule\`, \`services\`, \`areas\`) replaces the cleaner's whole list. A changed email is their sign-in email too.`,
			security: officeSecurity,
			parameters: [pathId('The cleaner')],
			requestBody: body(fromZod(staffBody)),
			responses: {
				200: success('The cleaner as saved', object(StaffDetail)),
				...failures({
					...refused,
					...bodyFailures(64),
					403: needs('manage_staff'),
					404: { NOT_FOUND: "no cleaner has this id within the caller's scope" },
					422: { VALIDATION_ERROR: `the \`id\` is not a UUID, or ${badFields}` }
				})
			}
		},
		delete: {
			operationId: 'archiveAdminStaff',
			tags: ['Office'],
			summary: 'Archives a cleaner: off the calendar and the booking page, and signed out',
			description: `Needs \`manage_staff\`. ${scopeNote} Audited. Their account can no longer sign in and its sessions end. Refused while they have booked jobs ahead: move those to another cleaner first. GET /admin/staff?active=false lists archived cleaners.`,
			security: officeSecurity,
			parameters: [pathId('The cleaner')],
			responses: {
				200: success('The cleaner, archived', object(StaffDetail)),
				...failures({
					...refused,
					403: needs('manage_staff'),
					404: { NOT_FOUND: "no cleaner has this id within the caller's scope" },
					409: { HAS_UPCOMING_JOBS: 'the cleaner has pending or confirmed jobs ahead' },
					422: { VALIDATION_ERROR: 'the `id` is not a UUID' }
				})
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
		},
		post: {
			operationId: 'createAdminCustomer',
			tags: ['Office'],
			summary: 'Adds a customer by hand (most are made by their first booking)',
			description: `For admins and managers. ${writeNote} \`name\`, \`email\`, \`address_line1\` and a whole UK \`postcode\` are required. Refused (on \`email\`) when a customer with this email already lives at this postcode: a booking finds a returning customer by that pair. A manager with a limited scope has the new customer listed for them, so it is in their reach from then on.`,
			security: officeSecurity,
			requestBody: body(fromZod(customerBody)),
			responses: {
				201: success('The customer as saved', object(Customer)),
				...failures({
					...refused,
					...bodyFailures(16),
					422: { VALIDATION_ERROR: badFields }
				})
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
			requestBody: body(fromZod(customerBody)),
			responses: {
				200: success('The customer as saved', object(Customer)),
				...failures({
					...refused,
					400: { VALIDATION_ERROR: 'the request body is not JSON' },
					404: { NOT_FOUND: "no customer has this id within the caller's scope" },
					413: { PAYLOAD_TOO_LARGE: 'the request body is over 16 KiB' },
					422: { VALIDATION_ERROR: `the \`id\` is not a UUID, or ${badFields}` }
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
		},
		post: {
			operationId: 'createAdminService',
			tags: ['Office'],
			summary: 'Adds a service to the catalogue, offered at once',
			description: `Needs \`manage_services\`. ${writeNote} The body is spelt as GET /admin/services/{id} answers. \`category_id\` (an active category), \`name\`, \`duration_minutes\` (15–600, in fives) and \`price\` (pence) are required; the rest default as in the app: no padding, capacity 1, colour \`#3b82f6\`, deposit \`full\`, no checklist or questions, position 0, and a \`slug\` made from the name. Prices are in the business's currency.`,
			security: officeSecurity,
			requestBody: body(fromZod(serviceCreateBody)),
			responses: {
				201: success('The service as saved', Service),
				...failures({
					...refused,
					...bodyFailures(64),
					403: needs('manage_services'),
					422: { VALIDATION_ERROR: `${badFields}; a \`slug\` another service uses is one` }
				})
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
		},
		patch: {
			operationId: 'updateAdminService',
			tags: ['Office'],
			summary: 'Changes a service: the fields given, the others kept',
			description: `Needs \`manage_services\`. ${writeNote} A list given (\`checklist\`, \`booking_fields\`) replaces the whole list. Bookings already made keep their price.`,
			security: officeSecurity,
			parameters: [pathId('The service')],
			requestBody: body(fromZod(servicePatchBody)),
			responses: {
				200: success('The service as saved', Service),
				...failures({
					...refused,
					...bodyFailures(64),
					403: needs('manage_services'),
					404: { NOT_FOUND: 'no service has this id' },
					422: { VALIDATION_ERROR: `the \`id\` is not a UUID, or ${badFields}` }
				})
			}
		},
		delete: {
			operationId: 'archiveAdminService',
			tags: ['Office'],
			summary: 'Archives a service: kept for its bookings, out of the catalogue and new bookings',
			description: `Needs \`manage_services\`. Audited. GET /admin/services?active=false lists archived services.`,
			security: officeSecurity,
			parameters: [pathId('The service')],
			responses: {
				200: success('The service, archived', Service),
				...failures({
					...refused,
					403: needs('manage_services'),
					404: { NOT_FOUND: 'no service has this id' },
					422: { VALIDATION_ERROR: 'the `id` is not a UUID' }
				})
			}
		}
	}
};
