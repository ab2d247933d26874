import { and, eq, sql } from 'drizzle-orm';
import { customers } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { parseUkPhone } from '../../sync/domain/phone.ts';
import type { CreateBookingArgs } from '../../sync/mutators/bookings.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import { placeholders, prepared } from '../db/prepared.ts';

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
	const [existing] = await customerAt(tx, { email: args.customer.email, postcode });
	return existing?.id;
}

/** Sends the new customer's row, with the id the booking chose (its writes go out together). */
export function insertCustomer(
	tx: Tx,
	id: string,
	args: CreateBookingArgs,
	ctx: AuthContext | undefined,
	postcode: string
) {
	const c = args.customer;
	const phone = parseUkPhone(c.phone);
	const row: NewCustomer = {
		id,
		userId: ctx?.role === 'customer' ? ctx.userID : null,
		name: c.name,
		email: c.email,
		phone: phone.ok ? phone.phone : c.phone,
		addressLine1: c.addressLine1,
		addressLine2: c.addressLine2 ?? '',
		city: c.city,
		postcode
	};
	return newCustomer(tx, row);
}

// Both on every booking: built once (server/db/prepared.ts).
const customerAt = prepared('customer-at', (db: DbOrTx) =>
	db
		.select({ id: customers.id })
		.from(customers)
		.where(
			and(
				eq(customers.email, sql.placeholder('email')),
				eq(customers.postcode, sql.placeholder('postcode'))
			)
		)
		.limit(1)
);

const CUSTOMER_COLUMNS = [
	'id',
	'userId',
	'name',
	'email',
	'phone',
	'addressLine1',
	'addressLine2',
	'city',
	'postcode'
] as const;
type NewCustomer = Required<Pick<typeof customers.$inferInsert, (typeof CUSTOMER_COLUMNS)[number]>>;

const newCustomer = prepared('new-customer', (db: DbOrTx) =>
	db.insert(customers).values(placeholders(CUSTOMER_COLUMNS))
);
