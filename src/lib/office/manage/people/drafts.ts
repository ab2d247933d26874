import type { QueryRowType } from '@rocicorp/zero';
import type { CleanerFormInput } from '$sync/domain/cleaner-form.ts';
import type { CustomerFormInput } from '$sync/domain/customer-form.ts';
import type { ManagerFormInput } from '$sync/domain/manager-form.ts';
import { formatClock } from '$sync/domain/person-fields.ts';
import type { manageCleaner, manageCustomer, manageManager } from '$sync/queries/people.ts';

// The people forms start from these: what is stored, written the way the form shows it (times as
// 'HH:MM', prices in pounds), so saving an untouched form writes back the same rows.

export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function newCleanerForm(locationId = ''): CleanerFormInput {
	return {
		name: '',
		email: '',
		phone: '',
		bio: '',
		locationId,
		hours: [],
		services: [],
		areas: [],
		travel: { homePostcode: '', roadFactor: '', speedKmh: '', overheadMinutes: '' }
	};
}

const pounds = (pence: number | null) =>
	pence === null ? '' : (pence / 100).toFixed(2).replace(/\.00$/, '');

export function cleanerFormOf(
	row: NonNullable<QueryRowType<typeof manageCleaner>>
): CleanerFormInput {
	return {
		name: row.name,
		email: row.email,
		phone: row.phone ?? '',
		bio: row.bio ?? '',
		locationId: row.locationId ?? '',
		hours: row.schedules.map((s) => ({
			dayOfWeek: s.dayOfWeek,
			start: formatClock(s.startMinute),
			end: formatClock(s.endMinute),
			breaks: (s.breaks ?? []).map((b) => ({
				start: formatClock(b.start),
				end: formatClock(b.end)
			}))
		})),
		services: row.services.map((s) => ({
			serviceId: s.serviceId,
			price: pounds(s.priceOverride ?? null),
			duration: s.durationOverride ? String(s.durationOverride) : ''
		})),
		areas: row.areas.map((a) => ({ postcode: a.postcode, radiusKm: String(a.radiusKm) })),
		travel: {
			homePostcode: row.travel?.homePostcode ?? '',
			roadFactor: text(row.travel?.roadFactor),
			speedKmh: text(row.travel?.speedKmh),
			overheadMinutes: text(row.travel?.overheadMinutes)
		}
	};
}

/** A stored number as the form shows it: '' for none (the business setting). */
const text = (value: number | null | undefined) => (value == null ? '' : String(value));

export function customerFormOf(
	row: NonNullable<QueryRowType<typeof manageCustomer>>
): CustomerFormInput {
	return {
		name: row.name,
		email: row.email,
		phone: row.phone ?? '',
		addressLine1: row.addressLine1 ?? '',
		addressLine2: row.addressLine2 ?? '',
		city: row.city ?? '',
		county: row.county ?? '',
		postcode: row.postcode,
		notes: row.notes ?? '',
		tags: (row.tags ?? []).join(', ')
	};
}

export function newManagerForm(): ManagerFormInput {
	return {
		name: '',
		email: '',
		canManageAll: false,
		permissions: [],
		locationIds: [],
		staffIds: [],
		customerIds: []
	};
}

export function managerFormOf(
	row: NonNullable<QueryRowType<typeof manageManager>>
): ManagerFormInput {
	return {
		name: row.user?.name ?? '',
		email: row.user?.email ?? '',
		canManageAll: row.canManageAll ?? false,
		permissions: Object.entries(row.permissions ?? {})
			.filter(([, granted]) => granted)
			.map(([name]) => name),
		locationIds: row.locations.map((l) => l.locationId),
		staffIds: row.staff.map((s) => s.staffId),
		customerIds: row.customers.map((c) => c.customerId)
	};
}
