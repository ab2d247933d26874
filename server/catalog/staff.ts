import { and, asc, eq, inArray } from 'drizzle-orm';
import { categories, services, staff, staffAreas, staffServices } from '../../drizzle/schema.ts';
import { parsePostcode } from '../../sync/domain/postcode.ts';
import { coveringStaff, type LocateError } from '../../sync/domain/service-area.ts';
import { ukCentroids } from '../../sync/domain/uk-outcodes.ts';
import type { DbOrTx } from '../db/client.ts';

/**
 * What anyone may read about a cleaner. Security: the staff row also holds email, phone, user_id
 * and a location; they are personal data and never selected here, so no later mapping can leak them.
 */
export type PublicCleaner = {
	id: string;
	name: string;
	bio: string;
	photoUrl: string | null;
	/** Ids of the active services they offer, in catalogue order. */
	serviceIds: string[];
};

/** A cleaner who offers one service, with their own price (pence) and duration (minutes). */
export type ServiceCleaner = Omit<PublicCleaner, 'serviceIds'> & {
	price: number;
	durationMinutes: number;
};

export type Coverage =
	| { ok: true; postcode: string; staffIds: ReadonlySet<string> }
	| (LocateError & { field: 'postcode' });

/** Active cleaners in roster order; `ids` narrows the list (unknown or inactive ids are absent). */
export async function activeCleaners(
	db: DbOrTx,
	ids?: readonly string[]
): Promise<PublicCleaner[]> {
	if (ids && ids.length === 0) return [];
	const rows = await db
		.select({ id: staff.id, name: staff.name, bio: staff.bio, photoUrl: staff.photoUrl })
		.from(staff)
		.where(and(eq(staff.isActive, true), ids ? inArray(staff.id, [...ids]) : undefined))
		.orderBy(asc(staff.position), asc(staff.name));
	if (rows.length === 0) return [];

	const offers = await db
		.select({ staffId: staffServices.staffId, serviceId: staffServices.serviceId })
		.from(staffServices)
		.innerJoin(services, eq(services.id, staffServices.serviceId))
		.innerJoin(categories, eq(categories.id, services.categoryId))
		.where(
			and(
				eq(services.isActive, true),
				inArray(
					staffServices.staffId,
					rows.map((r) => r.id)
				)
			)
		)
		.orderBy(asc(categories.position), asc(services.position), asc(services.name));
	return rows.map((row) => ({
		...row,
		serviceIds: offers.filter((o) => o.staffId === row.id).map((o) => o.serviceId)
	}));
}

/**
 * Which active cleaners cover `postcode`, by the rule of sync/domain/service-area.ts over their
 * active areas. The postcode comes back normalised ('n169pd' → 'N16 9PD'); a malformed one is
 * INVALID and an unknown district UNKNOWN_DISTRICT, both about the field `postcode`.
 */
export async function coverage(db: DbOrTx, postcode: string): Promise<Coverage> {
	const parsed = parsePostcode(postcode);
	if (!parsed.ok)
		return { ok: false, reason: 'INVALID', message: parsed.message, field: 'postcode' };
	const areas = await db
		.select({
			staffId: staffAreas.staffId,
			postcode: staffAreas.postcode,
			radiusKm: staffAreas.radiusKm,
			isActive: staffAreas.isActive
		})
		.from(staffAreas)
		.innerJoin(staff, eq(staff.id, staffAreas.staffId))
		.where(and(eq(staff.isActive, true), eq(staffAreas.isActive, true)));
	const covering = coveringStaff(areas, parsed.postcode, ukCentroids());
	if (!covering.ok) return { ...covering, field: 'postcode' };
	return { ok: true, postcode: parsed.postcode, staffIds: new Set(covering.staffIds) };
}

/** Active cleaners who offer `serviceId`, in roster order, with their override or the service's terms. */
export async function cleanersOffering(
	db: DbOrTx,
	service: { id: string; price: number; durationMinutes: number }
): Promise<ServiceCleaner[]> {
	const rows = await db
		.select({
			id: staff.id,
			name: staff.name,
			bio: staff.bio,
			photoUrl: staff.photoUrl,
			priceOverride: staffServices.priceOverride,
			durationOverride: staffServices.durationOverride
		})
		.from(staffServices)
		.innerJoin(staff, eq(staff.id, staffServices.staffId))
		.where(and(eq(staffServices.serviceId, service.id), eq(staff.isActive, true)))
		.orderBy(asc(staff.position), asc(staff.name));
	return rows.map(({ priceOverride, durationOverride, ...cleaner }) => ({
		...cleaner,
		price: priceOverride ?? service.price,
		durationMinutes: durationOverride ?? service.durationMinutes
	}));
}
