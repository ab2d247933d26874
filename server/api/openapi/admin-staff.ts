import { staffBody } from '../admin-bodies.ts';
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
	scopeNote,
	badFields,
	writeNote,
	bodyFailures,
	needs
} from './admin-shared.ts';

// admin/staff: the office's reads of cleaners and its writes (bodies from admin-bodies.ts).

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

export const adminStaffPaths: Record<string, PathItem> = {
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
	}
};
