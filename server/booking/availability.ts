import { and, eq, gt, inArray, lt, ne, notInArray } from 'drizzle-orm';
import {
	appointments,
	services,
	staff,
	staffAreas,
	staffSchedules,
	staffServices,
	staffTimeOff
} from '../../drizzle/schema.ts';
import { availableSlots } from '../../sync/domain/availability.ts';
import { localDayBounds } from '../../sync/domain/local-day.ts';
import { coveringStaff } from '../../sync/domain/service-area.ts';
import type { Slot } from '../../sync/domain/slots.ts';
import { ukCentroids } from '../../sync/domain/uk-outcodes.ts';
import type { DbOrTx } from '../db/client.ts';
import { bookingSettingsOf, loadSettings } from './settings.ts';

/** Statuses that no longer hold a cleaner's time (the exclusion constraint ignores them too). */
export const FREEING_STATUSES = ['cancelled', 'expired'] as const;

export type SlotSearch = {
	serviceId: string;
	date: string;
	postcode: string;
	staffId?: string;
	now: number;
	/** A booking being moved: its own time does not count as busy. */
	excludeAppointmentId?: string;
};

export type SlotSearchResult =
	| { ok: true; slots: Slot[]; timeZone: string }
	| {
			ok: false;
			reason: 'SERVICE_NOT_FOUND' | 'INVALID' | 'UNKNOWN_DISTRICT';
			message: string;
			field?: string;
	  };

/**
 * The free slots for a service on a day at a postcode, from the server's data: cleaners who offer
 * the service and cover the postcode, their hours, bookings and approved time off.
 */
export async function searchSlots(db: DbOrTx, search: SlotSearch): Promise<SlotSearchResult> {
	const [settingsRow, [service]] = await Promise.all([
		loadSettings(db),
		db
			.select()
			.from(services)
			.where(and(eq(services.id, search.serviceId), eq(services.isActive, true)))
	]);
	if (!service) {
		return {
			ok: false,
			reason: 'SERVICE_NOT_FOUND',
			message: 'No bookable service has this id',
			field: 'service_id'
		};
	}
	const settings = bookingSettingsOf(settingsRow);
	const offering = await db
		.select({ staffId: staffServices.staffId, durationOverride: staffServices.durationOverride })
		.from(staffServices)
		.innerJoin(staff, eq(staff.id, staffServices.staffId))
		.where(
			and(
				eq(staffServices.serviceId, service.id),
				eq(staff.isActive, true),
				search.staffId ? eq(staff.id, search.staffId) : undefined
			)
		);
	const offeringIds = offering.map((o) => o.staffId);
	const areas = offeringIds.length
		? await db.select().from(staffAreas).where(inArray(staffAreas.staffId, offeringIds))
		: [];
	const covering = coveringStaff(areas, search.postcode, ukCentroids());
	if (!covering.ok) return { ...covering, field: 'postcode' };
	const ids = covering.staffIds;
	if (ids.length === 0) return { ok: true, slots: [], timeZone: settings.timeZone };

	const day = localDayBounds(search.date, settings.timeZone);
	const dayStart = new Date(day.start);
	const dayEnd = new Date(day.end);
	const [schedules, bookings, timeOff] = await Promise.all([
		db.select().from(staffSchedules).where(inArray(staffSchedules.staffId, ids)),
		db
			.select({
				staffId: appointments.staffId,
				from: appointments.blockedFrom,
				until: appointments.blockedUntil
			})
			.from(appointments)
			.where(
				and(
					inArray(appointments.staffId, ids),
					lt(appointments.blockedFrom, dayEnd),
					gt(appointments.blockedUntil, dayStart),
					notInArray(appointments.status, [...FREEING_STATUSES]),
					search.excludeAppointmentId ? ne(appointments.id, search.excludeAppointmentId) : undefined
				)
			),
		db
			.select({
				staffId: staffTimeOff.staffId,
				from: staffTimeOff.startsAt,
				until: staffTimeOff.endsAt
			})
			.from(staffTimeOff)
			.where(
				and(
					inArray(staffTimeOff.staffId, ids),
					eq(staffTimeOff.status, 'approved'),
					lt(staffTimeOff.startsAt, dayEnd),
					gt(staffTimeOff.endsAt, dayStart)
				)
			)
	]);
	const overrides = new Map(offering.map((o) => [o.staffId, o.durationOverride]));
	const slots = availableSlots({
		date: search.date,
		now: search.now,
		settings,
		service: {
			durationMinutes: service.durationMinutes,
			paddingBeforeMinutes: service.paddingBeforeMinutes,
			paddingAfterMinutes: service.paddingAfterMinutes
		},
		staff: ids.map((staffId) => ({
			staffId,
			durationOverride: overrides.get(staffId) ?? null,
			week: schedules.filter((s) => s.staffId === staffId),
			busy: [...bookings, ...timeOff]
				.filter((b) => b.staffId === staffId)
				.map((b) => ({ start: b.from.getTime(), end: b.until.getTime() }))
		}))
	});
	return { ok: true, slots, timeZone: settings.timeZone };
}
