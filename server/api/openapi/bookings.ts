import { z } from 'zod';
import { createBookingArgs } from '../../../sync/mutators/bookings.ts';
import {
	body,
	failures,
	fromZod,
	optionalSignIn,
	pathId,
	queryParam,
	ref,
	success,
	uuid,
	WHEN,
	type Codes,
	type PathItem,
	type Schema,
	RATE_LIMITED
} from './common.ts';

// bookings/ (server/api/bookings.ts, booking-create.ts, booking-manage.ts).

const offsetDateTime = (what: string) =>
	({
		type: 'string',
		description: `${what}: ISO 8601 with a UTC offset (\`Z\` or ±hh:mm), seconds optional; it must be a start the slot search offers`,
		examples: ['2026-03-29T10:00:00+01:00', '2026-03-29T09:00:00Z']
	}) satisfies Schema;

// The body of POST /bookings: booking-create.ts reads it loosely, then checks it with the mutator's
// own schema; so the mutator's fields are reused here under their REST names.
const args = createBookingArgs.shape;
const customer = args.customer.shape;
const createBody = fromZod(
	z.strictObject({
		service_id: args.serviceId,
		start_time: z.string().meta(offsetDateTime('The start')),
		staff_id: args.staffId.describe('A cleaner the customer picked; absent or null for any'),
		persons: args.persons.describe(
			'How many people the booking is for (default 1, at most the service’s `capacity`); a group service (capacity above 1) is priced per person'
		),
		extras: args.extras,
		customer: z.strictObject({
			name: customer.name,
			email: customer.email.meta({ format: 'email' }),
			phone: customer.phone.meta({ description: 'A UK phone number, e.g. 07700 900123' }),
			address_line1: customer.addressLine1,
			address_line2: customer.addressLine2,
			city: customer.city,
			postcode: customer.postcode.meta({
				description: 'The full postcode of the address to clean, e.g. N16 9PD'
			})
		}),
		notes: args.notes.describe('Access notes for the cleaner (key safe, parking, pets)'),
		custom_fields: args.customFields.describe(
			'Answers to the business’s own booking questions, by question key; required questions must be answered, a choice must be one of its options'
		)
	})
);

// booking-manage.ts keeps its body schemas to itself: these mirror cancelBody and rescheduleBody.
const tokenField: Schema = {
	...uuid,
	description: 'The booking’s `cancellation_token`; wins over `?token=`'
};
const cancelBody: Schema = {
	type: 'object',
	additionalProperties: false,
	properties: { token: tokenField }
};
const rescheduleBody: Schema = {
	type: 'object',
	additionalProperties: false,
	required: ['start_time'],
	properties: {
		start_time: offsetDateTime('The new start'),
		staff_id: { ...uuid, description: 'Hand the booking to this cleaner (the office only)' },
		token: tokenField,
		allow_travel_conflict: {
			type: 'boolean',
			description:
				'The office only: move it even though the cleaner cannot get there in time from the job before (or home) or on to the next one (`TRAVEL_CONFLICT`). Deliberate, and kept in the audit log; an overlap is never allowed'
		}
	}
};

const travelConflict =
	'the cleaner is free then but cannot get there in time from their job before (or home at the start of their day), or on to their next job, by the business’s travel rule (district centres × road factor ÷ speed + overhead); the message says how long is needed and how long is free (the office also sees the districts)';

const tokenQuery = queryParam(
	'token',
	uuid,
	'The booking’s `cancellation_token` (as in the links of its emails), for a caller who is not signed in as its customer or office'
);

const whoMay =
	'Allowed to the office (for bookings in its scope), the signed-in customer who owns the booking, and anyone holding its `cancellation_token` (`token`). Anyone else is told the booking does not exist.';

const notFound = {
	NOT_FOUND:
		'the id is not a UUID, no booking has it, or the caller may not see it (ids cannot be probed)'
};
const bodyFailures = (fields: string, more: Codes = {}) => ({
	400: { VALIDATION_ERROR: WHEN.notJson },
	413: { PAYLOAD_TOO_LARGE: WHEN.tooLarge },
	422: { VALIDATION_ERROR: fields, ...more }
});
const notChangeable = {
	NOT_CHANGEABLE: 'the booking is not `pending` or `confirmed` any more',
	CUTOFF_PASSED: 'a customer is past the cancellation cut-off (the office is not bound by it)'
};

export const bookingPaths: Record<string, PathItem> = {
	'/bookings/available-slots': {
		get: {
			operationId: 'getAvailableSlots',
			tags: ['Bookings'],
			summary: 'The free start times for a service on a day at a postcode',
			description:
				'Starts inside the minimum notice or past the booking horizon are left out; a postcode nobody covers gives no slots. A cleaner is listed on a slot only if they can get there in time from their job before (or from home at the start of their day) and on to their next job (travel between postcode districts); a slot no cleaner can reach is not offered.',
			parameters: [
				queryParam('service_id', uuid, 'The service', true),
				queryParam('date', { type: 'string', format: 'date' }, 'The local day, YYYY-MM-DD', true),
				queryParam(
					'postcode',
					{ type: 'string', maxLength: 16 },
					'The postcode of the address to clean',
					true
				),
				queryParam('staff_id', uuid, 'Only this cleaner'),
				queryParam(
					'persons',
					{ type: 'integer', minimum: 1, maximum: 50 },
					'How many people the booking is for (default 1); more than the service’s `capacity` is a validation error'
				)
			],
			responses: {
				200: success('The slots', ref('AvailableSlots')),
				...failures({
					400: {
						VALIDATION_ERROR: `a parameter missing or malformed (not a UUID, not a real date, not a UK postcode, persons out of 1–50 or above the service’s capacity), or ${WHEN.unknownParameter}`,
						UNKNOWN_DISTRICT: WHEN.unknownDistrict
					},
					404: { SERVICE_NOT_FOUND: 'no active service has this id (`details.service_id`)' },
					429: RATE_LIMITED
				})
			}
		}
	},
	'/bookings': {
		post: {
			operationId: 'createBooking',
			tags: ['Bookings'],
			summary: 'Book a clean at a start the slot search offered',
			description:
				'The booking is made `pending` (held) and its price worked out by the server. A signed-in customer’s booking goes on their own customer record; otherwise the customer is found by email and postcode, or created.',
			security: optionalSignIn,
			requestBody: body(createBody),
			responses: {
				201: success('The new booking, with its `cancellation_token`', ref('Booking')),
				...failures({
					...bodyFailures(
						'a field missing or not valid (unknown fields too; `start_time` without an offset; the postcode without its inward part, under `details["customer.postcode"]`; each field under its dotted path, e.g. `customer.email`; an extra not offered with the service, under `details.extras`)',
						{
							UNKNOWN_DISTRICT: `${WHEN.unknownDistrict} (\`details["customer.postcode"]\`)`,
							INVALID_QUANTITY: 'an extra’s quantity is over its `max_quantity` (`details.extras`)',
							INVALID_PRICE: 'a price in the catalogue cannot be used (a data problem)'
						}
					),
					404: { SERVICE_NOT_FOUND: 'no active service has `service_id` (`details.service_id`)' },
					409: {
						SLOT_TAKEN:
							'the start is not (or no longer) free, or the picked cleaner is not free or does not cover the postcode',
						TRAVEL_CONFLICT: travelConflict
					},
					429: {
						...RATE_LIMITED,
						RATE_LIMITED: `${RATE_LIMITED.RATE_LIMITED}; or this customer email has made too many pending bookings (holds) in the last hour (\`details["customer.email"]\`)`
					}
				})
			}
		}
	},
	'/bookings/{id}': {
		get: {
			operationId: 'getBooking',
			tags: ['Bookings'],
			summary: 'One booking',
			description: whoMay,
			security: optionalSignIn,
			parameters: [pathId('The booking'), tokenQuery],
			responses: {
				200: success('The booking', ref('Booking')),
				...failures({ 404: notFound })
			}
		}
	},
	'/bookings/{id}/cancel': {
		post: {
			operationId: 'cancelBooking',
			tags: ['Bookings'],
			summary: 'Cancel a booking; its time is free again at once',
			description: `${whoMay} The token may come as \`?token=\` or in the body; the body may be empty.`,
			security: optionalSignIn,
			parameters: [pathId('The booking'), tokenQuery],
			requestBody: body(cancelBody, undefined, false),
			responses: {
				200: success('The booking, now `cancelled`', ref('Booking')),
				...failures({
					...bodyFailures('an unknown field, or a `token` that is not a UUID'),
					404: notFound,
					409: notChangeable
				})
			}
		}
	},
	'/bookings/{id}/reschedule': {
		post: {
			operationId: 'rescheduleBooking',
			tags: ['Bookings'],
			summary: 'Move a booking to another start the slot search offers',
			description: `${whoMay} The same cleaner keeps it unless the office passes \`staff_id\`. The token may come as \`?token=\` or in the body.`,
			security: optionalSignIn,
			parameters: [pathId('The booking'), tokenQuery],
			requestBody: body(rescheduleBody),
			responses: {
				200: success('The booking at its new time', ref('Booking')),
				...failures({
					...bodyFailures(
						'an unknown field, `start_time` missing or without an offset, or an id that is not a UUID'
					),
					403: {
						FORBIDDEN: 'someone other than the office passed `staff_id` or `allow_travel_conflict`'
					},
					404: {
						...notFound,
						SERVICE_NOT_FOUND: 'the booking’s service is no longer bookable'
					},
					409: {
						...notChangeable,
						SLOT_TAKEN: 'the new start is not free for the cleaner',
						TRAVEL_CONFLICT: `${travelConflict}; the office may pass \`allow_travel_conflict: true\``
					}
				})
			}
		}
	}
};
