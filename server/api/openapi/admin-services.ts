import { DEPOSIT_KINDS } from '../../../drizzle/schema.ts';
import { serviceCreateBody, servicePatchBody } from '../admin-bodies.ts';
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
	int,
	bool,
	pence,
	officeSecurity,
	pageParams,
	page,
	refused,
	listFailures,
	oneFailures,
	flag,
	search,
	badFields,
	writeNote,
	bodyFailures,
	needs
} from './admin-shared.ts';

// admin/services: the office's reads of the catalogue and its writes (bodies from admin-bodies.ts).

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

export const adminServicePaths: Record<string, PathItem> = {
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
