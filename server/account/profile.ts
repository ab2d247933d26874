import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { customers, users } from '../../drizzle/schema.ts';
import { parsePostcode } from '../../sync/domain/postcode.ts';
import { parseUkPhone } from '../../sync/domain/phone.ts';
import { fieldErrors } from '../api/validation.ts';
import type { Db } from '../db/client.ts';

const profileInput = z.object({
	name: z.string().trim().min(1, 'Enter your name').max(120, 'Name is too long'),
	phone: z.string().transform((value, ctx) => {
		const parsed = parseUkPhone(value);
		if (parsed.ok) return parsed.phone;
		ctx.addIssue({ code: 'custom', message: 'Enter a UK phone number, for example 07700 900123' });
		return z.NEVER;
	}),
	address_line1: z.string().trim().min(1, 'Enter the first line of the address').max(200),
	address_line2: z.string().trim().max(200).default(''),
	city: z.string().trim().min(1, 'Enter the town or city').max(100),
	postcode: z.string().transform((value, ctx) => {
		const parsed = parsePostcode(value);
		if (parsed.ok && parsed.inward !== null) return parsed.postcode;
		ctx.addIssue({ code: 'custom', message: 'Enter the full postcode, for example N16 9PD' });
		return z.NEVER;
	})
});

export type ProfileResult = { ok: true } | { ok: false; fields: Record<string, string[]> };

/**
 * Saves a signed-in customer's name, phone and address: on their customer record (made on first
 * save for an account that has not booked yet), which their bookings' address comes from.
 */
export async function saveProfile(
	db: Db,
	user: { id: string; email: string },
	input: unknown
): Promise<ProfileResult> {
	const parsed = profileInput.safeParse(input);
	if (!parsed.success) return { ok: false, fields: fieldErrors(parsed.error) };
	const p = parsed.data;
	const details = {
		name: p.name,
		phone: p.phone,
		addressLine1: p.address_line1,
		addressLine2: p.address_line2,
		city: p.city,
		postcode: p.postcode
	};
	await db.transaction(async (tx) => {
		await tx.update(users).set({ name: p.name }).where(eq(users.id, user.id));
		const updated = await tx
			.update(customers)
			.set(details)
			.where(eq(customers.userId, user.id))
			.returning({ id: customers.id });
		if (updated.length === 0)
			await tx.insert(customers).values({ ...details, userId: user.id, email: user.email });
	});
	return { ok: true };
}
