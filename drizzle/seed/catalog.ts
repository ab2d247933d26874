// What the company sells: categories, services with their extras, and the two offices.
// Prices are integer pence (GBP), durations whole minutes; padding is the cleaner's travel time.
// Deposits: regular and office cleans are paid in full when booked; deep cleans take £30 up front
// and end-of-tenancy cleans a quarter, the rest settled after the clean.
import type { categories, DepositKind, locations, serviceExtras, services } from '../schema.ts';
import { DEMO_BOOKING_FIELDS } from './booking-fields.ts';
import { DEMO_CHECKLISTS } from './checklists.ts';

type CategoryRow = typeof categories.$inferInsert & { id: string };
type ServiceRow = typeof services.$inferInsert & { id: string };
type ExtraRow = typeof serviceExtras.$inferInsert & { id: string };
type LocationRow = typeof locations.$inferInsert & { id: string };

type ExtraDef = { name: string; price: number; minutes: number; max: number };
type ServiceDef = {
	key: ServiceKey;
	slug: string;
	category: string;
	name: string;
	description: string;
	minutes: number;
	price: number;
	color: string;
	capacity?: number;
	padBefore: number;
	padAfter: number;
	extras: ExtraDef[];
	/** Absent: the full price when booking. */
	deposit?: { kind: DepositKind; value: number };
};

export type ServiceKey =
	| 'regular2'
	| 'regular3'
	| 'oneOff'
	| 'kitchenDeep'
	| 'deepFlat'
	| 'deepHouse'
	| 'eotSmall'
	| 'eotLarge'
	| 'office';

const CATEGORY_DEFS = [
	{
		slug: 'regular-home-clean',
		name: 'Regular home clean',
		description: 'Weekly or fortnightly cleans by the same vetted cleaner, products included.'
	},
	{
		slug: 'deep-clean',
		name: 'Deep clean',
		description: 'Top-to-bottom cleans for homes that need more than the usual once-over.'
	},
	{
		slug: 'end-of-tenancy-office',
		name: 'End of tenancy & office',
		description: 'Move-out cleans to agency checklists and after-hours cleans for small offices.'
	}
];

const oven = (price: number): ExtraDef => ({ name: 'Inside oven', price, minutes: 60, max: 1 });
const fridge: ExtraDef = { name: 'Inside fridge', price: 1500, minutes: 20, max: 1 };
const windows = (price: number): ExtraDef => ({
	name: 'Interior windows',
	price,
	minutes: 30,
	max: 1
});
const ironing: ExtraDef = { name: 'Ironing (per hour)', price: 1800, minutes: 60, max: 3 };
const balcony: ExtraDef = { name: 'Balcony or patio', price: 1500, minutes: 20, max: 1 };
const carpet = (max: number): ExtraDef => ({
	name: 'Carpet steam clean (per room)',
	price: 3000,
	minutes: 30,
	max
});

const deepCleanDeposit = { kind: 'fixed', value: 3000 } as const;
const endOfTenancyDeposit = { kind: 'percent', value: 25 } as const;

const SERVICE_DEFS: ServiceDef[] = [
	{
		key: 'regular2',
		slug: 'regular-clean-2-hours',
		category: 'regular-home-clean',
		name: 'Regular clean, 2 hours',
		description: 'Kitchen, bathroom, dusting and floors for a flat of up to two bedrooms.',
		minutes: 120,
		price: 4800,
		color: '#22c55e',
		padBefore: 15,
		padAfter: 15,
		extras: [fridge, windows(2000), ironing]
	},
	{
		key: 'regular3',
		slug: 'regular-clean-3-hours',
		category: 'regular-home-clean',
		name: 'Regular clean, 3 hours',
		description: 'The same routine for larger homes, with time for changing beds.',
		minutes: 180,
		price: 6900,
		color: '#16a34a',
		padBefore: 15,
		padAfter: 15,
		extras: [
			oven(3500),
			ironing,
			{ name: 'Change bed linen (per bed)', price: 500, minutes: 10, max: 4 }
		]
	},
	{
		key: 'oneOff',
		slug: 'one-off-clean',
		category: 'regular-home-clean',
		name: 'One-off clean',
		description: 'A single visit before guests arrive or after a busy month.',
		minutes: 180,
		price: 7800,
		color: '#0ea5e9',
		padBefore: 15,
		padAfter: 15,
		extras: [oven(4000), fridge, windows(2000), balcony]
	},
	{
		key: 'kitchenDeep',
		slug: 'kitchen-deep-clean',
		category: 'deep-clean',
		name: 'Kitchen deep clean',
		description: 'Cupboards inside and out, tiles, grout, hob, sink and appliances degreased.',
		minutes: 180,
		price: 12000,
		color: '#f59e0b',
		padBefore: 15,
		padAfter: 15,
		deposit: deepCleanDeposit,
		extras: [
			oven(3500),
			{ name: 'Inside fridge and freezer', price: 2000, minutes: 30, max: 1 },
			{ name: 'Extractor hood degrease', price: 1500, minutes: 20, max: 1 }
		]
	},
	{
		key: 'deepFlat',
		slug: 'deep-clean-flat',
		category: 'deep-clean',
		name: 'Deep clean, flat (1–2 bedrooms)',
		description: 'Every room in detail: skirting, doors, limescale, behind furniture.',
		minutes: 240,
		price: 18000,
		color: '#f97316',
		padBefore: 15,
		padAfter: 30,
		deposit: deepCleanDeposit,
		extras: [oven(4000), windows(2500), balcony, carpet(4)]
	},
	{
		key: 'deepHouse',
		slug: 'deep-clean-house',
		category: 'deep-clean',
		name: 'Deep clean, house (3+ bedrooms)',
		description: 'A full deep clean for family houses, stairs and landings included.',
		minutes: 300,
		price: 26000,
		color: '#ea580c',
		padBefore: 15,
		padAfter: 30,
		deposit: deepCleanDeposit,
		extras: [oven(4500), windows(3500), carpet(6)]
	},
	{
		key: 'eotSmall',
		slug: 'end-of-tenancy-small',
		category: 'end-of-tenancy-office',
		name: 'End of tenancy, studio or 1 bedroom',
		description: 'To the letting agent’s inventory checklist, oven and fridge included.',
		minutes: 240,
		price: 22000,
		color: '#8b5cf6',
		padBefore: 15,
		padAfter: 30,
		deposit: endOfTenancyDeposit,
		extras: [carpet(3), balcony]
	},
	{
		key: 'eotLarge',
		slug: 'end-of-tenancy-large',
		category: 'end-of-tenancy-office',
		name: 'End of tenancy, 2–3 bedrooms',
		description: 'Move-out clean for larger flats and houses, with a re-clean guarantee.',
		minutes: 300,
		price: 34000,
		color: '#7c3aed',
		padBefore: 15,
		padAfter: 30,
		deposit: endOfTenancyDeposit,
		extras: [
			carpet(5),
			{ name: 'Wall spot cleaning', price: 2500, minutes: 30, max: 1 },
			{ name: 'Garden or patio sweep', price: 2000, minutes: 30, max: 1 }
		]
	},
	{
		key: 'office',
		slug: 'office-clean-team',
		category: 'end-of-tenancy-office',
		name: 'Office clean, team of up to 3',
		description: 'Desks, kitchenette, washrooms and bins for offices of up to 20 people.',
		minutes: 120,
		price: 15000,
		color: '#64748b',
		capacity: 3,
		padBefore: 15,
		padAfter: 15,
		extras: [
			{ name: 'Kitchenette deep clean', price: 2500, minutes: 30, max: 1 },
			{ name: 'Glass partitions', price: 3000, minutes: 30, max: 1 },
			{ name: 'Fridge clear-out', price: 1500, minutes: 15, max: 1 }
		]
	}
];

export type Catalog = {
	categories: CategoryRow[];
	services: ServiceRow[];
	extras: ExtraRow[];
	serviceByKey: Record<ServiceKey, ServiceRow>;
	extrasByService: Map<string, ExtraRow[]>;
	locations: { north: LocationRow; south: LocationRow };
};

export function buildCatalog(): Catalog {
	const categoryRows = CATEGORY_DEFS.map((c, position): CategoryRow => ({
		id: crypto.randomUUID(),
		...c,
		position
	}));
	const categoryId = new Map(categoryRows.map((c) => [c.slug, c.id]));
	const serviceRows: ServiceRow[] = [];
	const extras: ExtraRow[] = [];
	const extrasByService = new Map<string, ExtraRow[]>();
	const serviceByKey = {} as Record<ServiceKey, ServiceRow>;
	SERVICE_DEFS.forEach((s, position) => {
		const row: ServiceRow = {
			id: crypto.randomUUID(),
			categoryId: categoryId.get(s.category)!,
			name: s.name,
			slug: s.slug,
			description: s.description,
			durationMinutes: s.minutes,
			price: s.price,
			currency: 'GBP',
			color: s.color,
			capacity: s.capacity ?? 1,
			paddingBeforeMinutes: s.padBefore,
			paddingAfterMinutes: s.padAfter,
			depositKind: s.deposit?.kind ?? 'full',
			depositValue: s.deposit?.value ?? 0,
			bookingFields: DEMO_BOOKING_FIELDS,
			checklist: DEMO_CHECKLISTS[s.category] ?? [],
			position
		};
		serviceRows.push(row);
		serviceByKey[s.key] = row;
		const own = s.extras.map((e, i): ExtraRow => ({
			id: crypto.randomUUID(),
			serviceId: row.id,
			name: e.name,
			price: e.price,
			durationMinutes: e.minutes,
			maxQuantity: e.max,
			position: i
		}));
		extras.push(...own);
		extrasByService.set(row.id, own);
	});
	return {
		categories: categoryRows,
		services: serviceRows,
		extras,
		serviceByKey,
		extrasByService,
		locations: {
			north: {
				id: crypto.randomUUID(),
				name: 'North London',
				addressLine1: 'Unit 6, 3 Bradbury Street',
				city: 'London',
				postcode: 'N16 8JN'
			},
			south: {
				id: crypto.randomUUID(),
				name: 'South London',
				addressLine1: '2nd Floor, 41 Bellenden Road',
				city: 'London',
				postcode: 'SE15 4QY'
			}
		}
	};
}
