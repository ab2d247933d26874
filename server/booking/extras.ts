import { and, eq, inArray } from 'drizzle-orm';
import { serviceExtras } from '../../drizzle/schema.ts';
import type { CreateBookingArgs } from '../../sync/mutators/bookings.ts';
import type { Tx } from '../db/client.ts';
import { refuse } from './errors.ts';

/** The active extras of this service among those asked for (checked against the request later). */
export async function loadExtras(
	tx: Tx,
	serviceId: string,
	wanted: NonNullable<CreateBookingArgs['extras']>
) {
	if (wanted.length === 0) return [];
	return tx
		.select()
		.from(serviceExtras)
		.where(
			and(
				eq(serviceExtras.serviceId, serviceId),
				eq(serviceExtras.isActive, true),
				inArray(
					serviceExtras.id,
					wanted.map((w) => w.id)
				)
			)
		);
}

/** The extras asked for, priced from their rows; one not offered with the service is refused. */
export function extrasOf(
	wanted: NonNullable<CreateBookingArgs['extras']>,
	rows: (typeof serviceExtras.$inferSelect)[]
) {
	return wanted.map((w) => {
		const row = rows.find((r) => r.id === w.id);
		if (!row)
			refuse('VALIDATION_ERROR', 'One of the extras is not offered with this service', 'extras');
		return {
			extraId: row.id,
			name: row.name,
			unitPrice: row.price,
			quantity: w.quantity,
			maxQuantity: row.maxQuantity
		};
	});
}
