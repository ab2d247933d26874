import { APPOINTMENT_STATUSES, PAYMENT_STATUSES } from '../../../drizzle/schema.ts';
import { customerBody } from '../admin-bodies.ts';
import {
	arrayOf,
	body,
	failures,
	fromZod,
	object,
	pathId,
	queryParam,
	success,
	uuid,
	type PathItem
} from './common.ts';
import {
	text,
	bool,
	instant,
	pence,
	officeSecurity,
	pageParams,
	page,
	refused,
	listFailures,
	oneFailures,
	flag,
	search,
	scopeNote,
	badFields,
	writeNote,
	bodyFailures
} from './admin-shared.ts';

// admin/customers: the office's reads of customers and its writes (bodies from admin-bodies.ts).

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

export const adminCustomerPaths: Record<string, PathItem> = {
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
	}
};
