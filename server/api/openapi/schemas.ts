import { APPOINTMENT_STATUSES } from '../../../drizzle/schema/bookings.ts';
import { ROLES } from '../../../drizzle/schema/users.ts';
import { ACCESS_TOKEN_SECONDS } from '../../auth/api-tokens.ts';
import { arrayOf, nullable, object, ref, uuid, type Schema } from './common.ts';

// components.schemas: the envelope's parts and what `data` holds. The answers are built field by
// field in server/api/*.ts (no zod there), so these mirror those builders by hand.

const pence = (what: string): Schema => ({
	type: 'integer',
	minimum: 0,
	description: `${what}, in pence (minor units of \`currency\`)`
});
const minutes = (what: string): Schema => ({ type: 'integer', minimum: 0, description: what });
const localDateTime: Schema = {
	type: 'string',
	format: 'date-time',
	description:
		'ISO 8601 in the business time zone with its offset, whole seconds, e.g. 2026-03-29T10:00:00+01:00'
};
const Meta = object({
	timestamp: { type: 'string', format: 'date-time', description: 'When the answer was made (UTC)' },
	version: { const: '1.0', description: 'The API version' }
});

const ErrorEnvelope = object(
	{
		success: { const: false },
		error: object({
			code: {
				type: 'string',
				description: 'A stable, machine-readable code; each operation lists its own',
				examples: ['VALIDATION_ERROR']
			},
			message: { type: 'string', description: 'A plain-English message for the person' },
			details: {
				type: 'object',
				description:
					'Messages by field (the first segment of the field path; `body` for the body as a whole); `{}` when none',
				additionalProperties: arrayOf({ type: 'string' })
			}
		}),
		meta: ref('Meta')
	},
	'The error envelope of every 4xx answer'
);

const Extra = object({
	id: uuid,
	name: { type: 'string' },
	price: pence('Price of one'),
	duration_minutes: minutes('Minutes one adds to the clean'),
	max_quantity: { type: 'integer', minimum: 1 }
});

const Service = object({
	id: uuid,
	name: { type: 'string' },
	slug: { type: 'string' },
	description: { type: 'string' },
	category: object({ id: uuid, name: { type: 'string' }, slug: { type: 'string' } }),
	duration_minutes: minutes('Length of the clean'),
	price: pence('Base price'),
	currency: { type: 'string', description: 'ISO 4217', examples: ['GBP'] },
	color: { type: 'string', description: 'Display colour, e.g. `#1e88e5`' },
	capacity: { type: 'integer', minimum: 1 },
	questions: arrayOf({
		type: 'object',
		description:
			'A question of the business on this service’s booking form; answer it in the booking’s `custom_fields` under `key`',
		required: ['key', 'label', 'type', 'required'],
		properties: {
			key: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' },
			label: { type: 'string' },
			type: { enum: ['text', 'choice'] },
			required: { type: 'boolean' },
			options: arrayOf({ type: 'string' }),
			maxLength: { type: 'integer', minimum: 1 }
		}
	}),
	padding_before_minutes: minutes('Travel/set-up time kept free before the clean'),
	padding_after_minutes: minutes('Time kept free after the clean'),
	image_url: nullable({ type: 'string' }),
	extras: arrayOf(ref('Extra'))
});

const cleanerBase = {
	id: uuid,
	name: { type: 'string' },
	bio: { type: 'string' },
	photo_url: nullable({ type: 'string' })
};

const StaffMember = object(
	{ ...cleanerBase, services: { ...arrayOf(uuid), description: 'Ids of the services they offer' } },
	'A cleaner as anyone may see them (no contact details)'
);

const ServiceStaffMember = object(
	{
		...cleanerBase,
		price: pence('Their price for the service'),
		duration_minutes: minutes('Their duration for the service')
	},
	'A cleaner who offers one service, with their own terms for it'
);

const AvailableSlots = object({
	service_id: uuid,
	date: { type: 'string', format: 'date' },
	time_zone: {
		type: 'string',
		description: 'IANA time zone of the business',
		examples: ['Europe/London']
	},
	slots: arrayOf(
		object({
			start_time: localDateTime,
			end_time: localDateTime,
			staff_ids: { ...arrayOf(uuid), description: 'The cleaners free for the whole slot' }
		})
	)
});

const Booking = object({
	id: uuid,
	status: {
		enum: [...APPOINTMENT_STATUSES],
		description: 'A new booking is `pending` (held) until it is confirmed or its hold expires'
	},
	start_time: localDateTime,
	end_time: localDateTime,
	staff_id: uuid,
	service_id: uuid,
	total_price: pence('Total price, VAT included as the settings say'),
	currency: { type: 'string', examples: ['GBP'] },
	cancellation_token: {
		...uuid,
		description:
			'Lets whoever holds it view, cancel or reschedule this booking without signing in (`token`); keep it secret'
	}
});

const User = object({
	id: uuid,
	email: { type: 'string', format: 'email' },
	name: { type: 'string' },
	role: { enum: [...ROLES] }
});

const TokenPair = object(
	{
		user: ref('User'),
		access_token: {
			type: 'string',
			description: 'For `Authorization: Bearer …`; short-lived'
		},
		refresh_token: {
			type: 'string',
			description: 'For POST /auth/refresh; single use (rotated), 7 days'
		},
		token_type: { const: 'Bearer' },
		expires_in: {
			type: 'integer',
			description: 'Seconds the access token lives',
			examples: [ACCESS_TOKEN_SECONDS]
		}
	},
	'The signed-in user and a new bearer token pair (the answer is `Cache-Control: no-store`)'
);

export const schemas: Record<string, Schema> = {
	Meta,
	Error: ErrorEnvelope,
	Extra,
	Service,
	StaffMember,
	ServiceStaffMember,
	AvailableSlots,
	Booking,
	User,
	TokenPair
};
