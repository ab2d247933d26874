import { z } from 'zod';
import { DEPOSIT_KINDS } from '../../sync/domain/service-form.ts';

// The request bodies of the office's REST writes (admin-*-writes.ts), in REST spelling; the
// OpenAPI document is made from them (openapi/admin.ts). They check types and sizes, never
// tighter than the app: the office's form rules, run by the mutators, say what else is wrong, per
// field. Each limit here is within the mutator's own argument schema, so whatever passes here is
// the form rule's to judge.

/** Text of at most `max` characters. */
export const text = (max: number) =>
	z.string({ error: 'Give this as text' }).max(max, `Use at most ${max} characters`);

const range = (min: number, max: number, what: string) =>
	`Give ${what} as a whole number from ${min} to ${max}`;

/** A whole number from `min` to `max`; `what` names it in the message. */
export const wholeNumber = (min: number, max: number, what: string) =>
	z
		.number({ error: range(min, max, what) })
		.int(range(min, max, what))
		.min(min, range(min, max, what))
		.max(max, range(min, max, what));

const anyWhole = (what: string) =>
	z.number({ error: `Give ${what} as a whole number` }).int(`Give ${what} as a whole number`);

const uuidOf = (what: string) => z.uuid({ error: `Give ${what} as a UUID` });

// Customers ------------------------------------------------------------------------------------

const customerText = text(10_000);

/** POST and PATCH admin/customers: every field optional, the form rule names what is missing. */
export const customerBody = z.strictObject({
	name: customerText.optional(),
	email: customerText.optional(),
	phone: customerText.optional(),
	address_line1: customerText.optional(),
	address_line2: customerText.optional(),
	city: customerText.optional(),
	county: customerText.optional(),
	postcode: customerText.optional(),
	notes: customerText.optional(),
	tags: z
		.array(text(100), { error: 'Give tags as a list of words' })
		.max(50, 'At most 20 tags')
		.optional()
});

// Cleaners -------------------------------------------------------------------------------------

const cleanerText = text(5000);
const minute = wholeNumber(0, 1440, 'minutes after local midnight');

/** POST and PATCH admin/staff, as GET admin/staff/{id} answers (minus what is read only). */
export const staffBody = z.strictObject({
	name: cleanerText.optional(),
	email: cleanerText.optional(),
	phone: cleanerText.optional(),
	bio: cleanerText.optional(),
	location_id: uuidOf('location_id').nullable().optional(),
	schedule: z
		.array(
			z.strictObject({
				day_of_week: wholeNumber(0, 6, 'the day (0 = Monday … 6 = Sunday)'),
				start_minute: minute,
				end_minute: minute,
				breaks: z
					.array(z.strictObject({ start: minute, end: minute }))
					.max(20, 'At most 20 breaks a stretch')
					.optional()
			})
		)
		.max(100, 'At most 28 working stretches')
		.optional(),
	services: z
		.array(
			z.strictObject({
				service_id: uuidOf('service_id'),
				price_override: wholeNumber(0, 1_000_000, 'the price in pence').nullable().optional(),
				duration_override: wholeNumber(5, 1440, 'the minutes').nullable().optional()
			})
		)
		.max(500, 'At most 100 services')
		.optional(),
	areas: z
		.array(
			z.strictObject({
				postcode: text(20),
				radius_km: z.number({ error: 'Give radius_km as a number of kilometres' })
			})
		)
		.max(100, 'At most 20 areas')
		.optional()
});

// Services -------------------------------------------------------------------------------------

/** A question on the booking form, as GET admin/services/{id} answers it in `booking_fields`. */
const question = z.strictObject({
	key: text(200),
	label: text(1000),
	type: z.enum(['text', 'choice'], { error: 'Give the type as text or choice' }),
	required: z.boolean({ error: 'Give required as true or false' }).optional(),
	options: z.array(text(1000)).max(100, 'At most 20 answers').optional(),
	maxLength: anyWhole('maxLength').nullable().optional()
});

const checklistItem = text(150).regex(/^[^\r\n]*$/, 'One item each: no line breaks');

/** PATCH admin/services/{id}: the fields given, the others kept. */
export const servicePatchBody = z.strictObject({
	category_id: uuidOf('category_id').optional(),
	name: text(1000).optional(),
	slug: text(1000).optional(),
	description: text(10_000).optional(),
	duration_minutes: anyWhole('duration_minutes').optional(),
	price: wholeNumber(0, 1_000_000, 'the price in pence').optional(),
	padding_before_minutes: anyWhole('padding_before_minutes').optional(),
	padding_after_minutes: anyWhole('padding_after_minutes').optional(),
	capacity: anyWhole('capacity').optional(),
	color: text(100).optional(),
	deposit_kind: z
		.enum(DEPOSIT_KINDS, { error: `Give deposit_kind as ${DEPOSIT_KINDS.join(', ')}` })
		.optional(),
	deposit_value: anyWhole('deposit_value').optional(),
	checklist: z.array(checklistItem).max(100, 'At most 40 items').optional(),
	booking_fields: z.array(question).max(100, 'At most 20 questions').optional(),
	position: anyWhole('position').optional()
});

/** POST admin/services: the duration and price must be given; the rest has the app's defaults. */
export const serviceCreateBody = servicePatchBody.required({
	duration_minutes: true,
	price: true
});
