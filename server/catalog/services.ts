import { and, asc, eq, inArray } from 'drizzle-orm';
import { categories, serviceExtras, services } from '../../drizzle/schema.ts';
import { bookingFieldsOf, type BookingField } from '../../sync/domain/custom-fields.ts';
import type { DbOrTx } from '../db/client.ts';

export type CatalogExtra = {
	id: string;
	name: string;
	price: number;
	durationMinutes: number;
	maxQuantity: number;
};

export type CatalogService = {
	id: string;
	name: string;
	slug: string;
	description: string;
	category: { id: string; name: string; slug: string };
	durationMinutes: number;
	price: number;
	currency: string;
	color: string;
	capacity: number;
	/** The office's own questions on the booking form. */
	questions: BookingField[];
	paddingBeforeMinutes: number;
	paddingAfterMinutes: number;
	imageUrl: string | null;
	extras: CatalogExtra[];
};

/**
 * Active services in catalogue order (category position, then service position, then name), each
 * with its active extras. `ids` narrows the list (an empty list gives no services); an inactive or
 * unknown id is simply absent. A service's own `is_active` is the one switch, as in the slot search
 * (server/booking/availability.ts): what can be listed here can be booked there, and vice versa.
 */
export async function activeServices(
	db: DbOrTx,
	ids?: readonly string[]
): Promise<CatalogService[]> {
	if (ids && ids.length === 0) return [];
	const rows = await db
		.select({
			id: services.id,
			name: services.name,
			slug: services.slug,
			description: services.description,
			categoryId: categories.id,
			categoryName: categories.name,
			categorySlug: categories.slug,
			durationMinutes: services.durationMinutes,
			price: services.price,
			currency: services.currency,
			color: services.color,
			capacity: services.capacity,
			bookingFields: services.bookingFields,
			paddingBeforeMinutes: services.paddingBeforeMinutes,
			paddingAfterMinutes: services.paddingAfterMinutes,
			imageUrl: services.imageUrl
		})
		.from(services)
		.innerJoin(categories, eq(categories.id, services.categoryId))
		.where(and(eq(services.isActive, true), ids ? inArray(services.id, [...ids]) : undefined))
		.orderBy(asc(categories.position), asc(services.position), asc(services.name));
	if (rows.length === 0) return [];

	const extras = await db
		.select({
			id: serviceExtras.id,
			serviceId: serviceExtras.serviceId,
			name: serviceExtras.name,
			price: serviceExtras.price,
			durationMinutes: serviceExtras.durationMinutes,
			maxQuantity: serviceExtras.maxQuantity
		})
		.from(serviceExtras)
		.where(
			and(
				eq(serviceExtras.isActive, true),
				inArray(
					serviceExtras.serviceId,
					rows.map((r) => r.id)
				)
			)
		)
		.orderBy(asc(serviceExtras.position), asc(serviceExtras.name));

	const extrasOf = new Map<string, CatalogExtra[]>();
	for (const { serviceId, ...extra } of extras) {
		const list = extrasOf.get(serviceId) ?? [];
		list.push(extra);
		extrasOf.set(serviceId, list);
	}
	return rows.map(({ categoryId, categoryName, categorySlug, bookingFields, ...service }) => ({
		...service,
		questions: bookingFieldsOf(bookingFields),
		category: { id: categoryId, name: categoryName, slug: categorySlug },
		extras: extrasOf.get(service.id) ?? []
	}));
}
