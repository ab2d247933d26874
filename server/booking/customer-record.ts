import { and, eq } from 'drizzle-orm';
import { customers } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { parseUkPhone } from '../../sync/domain/phone.ts';
import type { CreateBookingArgs } from '../../sync/mutators/bookings.ts';
import type { Tx } from '../db/client.ts';

/**
 * The customer record for this booking, if there is one already: the signed-in customer's own, else
 * one with the same email and postcode (a returning customer at the same address). Otherwise the
 * booking creates one (insertCustomer).
 */
export async function findCustomer(
	tx: Tx,
	args: CreateBookingArgs,
	ctx: AuthContext | undefined,
	postcode: string
): Promise<string | undefined> {
	if (ctx?.customerID) return ctx.customerID;
	const [existing] = await tx
		.select({ id: customers.id })
		.from(customers)
		.where(and(eq(customers.email, args.customer.email), eq(customers.postcode, postcode)))
		.limit(1);
	return existing?.id;
}

/** The new customer's row, with the id the booking chose (its writes go out together). */
export function insertCustomer(
	tx: Tx,
	id: string,
	args: CreateBookingArgs,
	ctx: AuthContext | undefined,
	postcode: string
) {
	const c = args.customer;
	const phone = parseUkPhone(c.phone);
	return tx.insert(customers).values({
		id,
		userId: ctx?.role === 'customer' ? ctx.userID : null,
		name: c.name,
		email: c.email,
		phone: phone.ok ? phone.phone : c.phone,
		addressLine1: c.addressLine1,
		addressLine2: c.addressLine2 ?? '',
		city: c.city,
		postcode
	});
}
