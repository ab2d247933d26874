import { and, eq, inArray, sql } from 'drizzle-orm';
import {
	services,
	staff,
	staffAreas,
	staffSchedules,
	staffServices,
	staffTravel
} from '../../drizzle/schema.ts';
import { availableSlots, type AvailableSlot } from '../../sync/domain/availability.ts';
import { checkPersons } from '../../sync/domain/capacity.ts';
import { localDayBounds, type Interval } from '../../sync/domain/local-day.ts';
import { coveringStaff } from '../../sync/domain/service-area.ts';
import { businessTravel, travelSettingsFor } from '../../sync/domain/travel.ts';
import { ukCentroids } from '../../sync/domain/uk-outcodes.ts';
import type { DbOrTx } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';
import { busySpans, type BusySpan } from './busy-spans.ts';
import { bookingSettingsOf, loadSettings, type BusinessSettings } from './settings.ts';

/** Statuses that no longer hold a cleaner's time (the exclusion constraint ignores them too). */
export const FREEING_STATUSES = ['cancelled', 'expired'] as const;

export type SlotSearch = {
	serviceId: string;
	date: string;
	postcode: string;
	staffId?: string;
	/** How many people the booking is for; more than the service's capacity is refused. */
	persons?: number;
	now: number;
	/** The settings row, when the caller has read it already. */
	settings?: BusinessSettings;
	/** A booking being moved: its own time does not count as busy. */
	excludeAppointmentId?: string;
	/** Keep slots no cleaner can reach in time, with why (availableSlots' `keepUnreachable`). */
	keepUnreachable?: boolean;
	/** Only the slots starting at this instant (availableSlots' `at`): a booking checking its start. */
	at?: number;
};

export type SlotSearchResult =
	| {
			ok: true;
			/** Only what the cleaners can reach in time (travel), each with the travel it adds. */
			slots: AvailableSlot[];
			timeZone: string;
			/** What the search read, for a booking that follows it in the same transaction. */
			service: typeof services.$inferSelect;
			settings: BusinessSettings;
			offers: ReadonlyMap<
				string,
				{ durationOverride: number | null; priceOverride: number | null }
			>;
	  }
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
	return slotsFrom(db, await readOffering(db, search), search);
}

/** What is offered: the settings, the service, and which cleaners offer it where. */
export type Offering = {
	settings: BusinessSettings;
	service: typeof services.$inferSelect | undefined;
	offering: {
		staffId: string;
		durationOverride: number | null;
		priceOverride: number | null;
		postcode: string;
		radiusKm: number;
		isActive: boolean;
		/** Their staff_travel row's values (null: none, or the business's). */
		homePostcode: string | null;
		roadFactor: number | null;
		speedKmh: number | null;
		overheadMinutes: number | null;
	}[];
	/** The one cleaner asked for: their hours and busy time around an instant (readOffering's `around`). */
	cleaner?: {
		staffId: string;
		schedules: (typeof staffSchedules.$inferSelect)[];
		busy: BusySpan[];
		span: Interval;
	};
};

/**
 * Half the width of the span read around an instant: the local day that holds the instant lies
 * inside it in any time zone (a day is at most 25 hours, and the instant is inside that day).
 */
const AROUND = 26 * 60 * 60_000;

/**
 * The first of the search's two round trips: what is offered where. Its queries go out together
 * (postgres.js pipelines them on one connection), so a caller can add reads of its own to the same
 * round trip with Promise.all — the booking does. With one cleaner asked for and `around` (an
 * instant whose local day is the search's, before the time zone is known), their hours and busy
 * time around it come in the same round trip, and slotsFrom needs no second one.
 */
export async function readOffering(
	db: DbOrTx,
	search: Pick<SlotSearch, 'serviceId' | 'staffId' | 'settings'> & { around?: number }
): Promise<Offering> {
	const near =
		search.staffId && search.around !== undefined
			? { start: search.around - AROUND, end: search.around + AROUND }
			: undefined;
	const { serviceId, staffId } = search;
	const [settings, [service], offering, schedules, busy] = await Promise.all([
		search.settings ?? loadSettings(db),
		activeService(db, { serviceId }),
		staffId ? offeringOfCleaner(db, { serviceId, staffId }) : offeringOf(db, { serviceId }),
		near && schedulesOf(db, { staffId }),
		near && busySpans(db, [staffId!], near)
	]);
	const cleaner =
		near && schedules && busy
			? { staffId: search.staffId!, schedules, busy, span: near }
			: undefined;
	return { settings, service, offering, cleaner };
}

// readOffering's statements, asked by every search and booking: built once (server/db/prepared.ts).
const activeService = prepared('active-service', (db) =>
	db
		.select()
		.from(services)
		.where(and(eq(services.id, sql.placeholder('serviceId')), eq(services.isActive, true)))
);

function offeringQuery(db: DbOrTx, ofCleaner: boolean) {
	return db
		.select({
			staffId: staffServices.staffId,
			durationOverride: staffServices.durationOverride,
			priceOverride: staffServices.priceOverride,
			postcode: staffAreas.postcode,
			radiusKm: staffAreas.radiusKm,
			isActive: staffAreas.isActive,
			homePostcode: staffTravel.homePostcode,
			roadFactor: staffTravel.roadFactor,
			speedKmh: staffTravel.speedKmh,
			overheadMinutes: staffTravel.overheadMinutes
		})
		.from(staffServices)
		.innerJoin(staff, eq(staff.id, staffServices.staffId))
		.innerJoin(staffAreas, eq(staffAreas.staffId, staffServices.staffId))
		.leftJoin(staffTravel, eq(staffTravel.staffId, staffServices.staffId))
		.where(
			and(
				eq(staffServices.serviceId, sql.placeholder('serviceId')),
				eq(staff.isActive, true),
				ofCleaner ? eq(staff.id, sql.placeholder('staffId')) : undefined
			)
		);
}
const offeringOf = prepared('offering', (db) => offeringQuery(db, false));
const offeringOfCleaner = prepared('offering-of-cleaner', (db) => offeringQuery(db, true));

const schedulesOf = prepared('schedules-of-cleaner', (db) =>
	db
		.select()
		.from(staffSchedules)
		.where(eq(staffSchedules.staffId, sql.placeholder('staffId')))
);

/** Hours and busy time read once for a run of days (the booking page's reachable-slots). */
export type Diary = {
	schedules: (typeof staffSchedules.$inferSelect)[];
	busy: BusySpan[];
	span: Interval;
};

/**
 * The second round trip and the computation: the covering cleaners' hours and busy time that day
 * (none when `diary` already holds them for that day).
 */
export async function slotsFrom(
	db: DbOrTx,
	read: Offering,
	search: SlotSearch,
	diary?: Diary
): Promise<SlotSearchResult> {
	const { settings: settingsRow, service, offering } = read;
	if (!service) {
		return {
			ok: false,
			reason: 'SERVICE_NOT_FOUND',
			message: 'No bookable service has this id',
			field: 'service_id'
		};
	}
	const persons = checkPersons(search.persons, service);
	if (!persons.ok)
		return { ok: false, reason: 'INVALID', message: persons.message, field: 'persons' };
	const settings = bookingSettingsOf(settingsRow);
	const covering = coveringStaff(offering, search.postcode, ukCentroids());
	if (!covering.ok) return { ...covering, field: 'postcode' };
	const ids = covering.staffIds;
	const offers = new Map(offering.map((o) => [o.staffId, o]));
	const found = { timeZone: settings.timeZone, service, settings: settingsRow, offers };
	if (ids.length === 0) return { ok: true, slots: [], ...found };

	const day = localDayBounds(search.date, settings.timeZone);
	const pre = read.cleaner;
	const [schedules, busy] =
		diary && diary.span.start <= day.start && day.end <= diary.span.end
			? [diary.schedules, diary.busy.filter((b) => b.start < day.end && b.end > day.start)]
			: pre &&
				  !search.excludeAppointmentId &&
				  ids.every((id) => id === pre.staffId) &&
				  pre.span.start <= day.start &&
				  day.end <= pre.span.end
				? [pre.schedules, pre.busy.filter((b) => b.start < day.end && b.end > day.start)]
				: await Promise.all([
						db.select().from(staffSchedules).where(inArray(staffSchedules.staffId, ids)),
						busySpans(db, ids, day, search.excludeAppointmentId)
					]);
	const business = businessTravel(settingsRow);
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
			durationOverride: offers.get(staffId)?.durationOverride ?? null,
			week: schedules.filter((s) => s.staffId === staffId),
			busy: busy.filter((b) => b.staffId === staffId),
			travel: {
				home: offers.get(staffId)?.homePostcode ?? null,
				commitments: busy.filter((b) => b.staffId === staffId),
				settings: travelSettingsFor(business, offers.get(staffId))
			}
		})),
		travelTo: { postcode: search.postcode, centroids: ukCentroids() },
		keepUnreachable: search.keepUnreachable,
		at: search.at
	});
	return { ok: true, slots, ...found };
}
