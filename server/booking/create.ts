import { and, count, gte, inArray, lt, notInArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { appointments } from '../../drizzle/schema.ts';
import {
	insertAppointments,
	insertBookings,
	type NewAppointment,
	type NewBooking
} from './booking-rows.ts';
import { orderByTravel } from '../../sync/domain/assign.ts';
import type { AvailableSlot } from '../../sync/domain/availability.ts';
import { isPricedPerPerson } from '../../sync/domain/capacity.ts';
import { bookingFieldsOf, checkAnswers } from '../../sync/domain/custom-fields.ts';
import { localDate, localDayBounds } from '../../sync/domain/local-day.ts';
import { parsePostcode } from '../../sync/domain/postcode.ts';
import { quotePrice } from '../../sync/domain/pricing.ts';
import type { OccurrencesCheck } from '../../sync/domain/recurrence.ts';
import type { AuthContext } from '../../sync/auth.ts';
import type { CreateBookingArgs } from '../../sync/mutators/bookings.ts';
import type { Tx } from '../db/client.ts';
import { FREEING_STATUSES, readOffering, slotsFrom } from './availability.ts';
import { isOverlap, JUST_TAKEN, refuse, refuseFields } from './errors.ts';
import { lockCleaner } from './lock.ts';
import { lockAndCheckTravel, lockedDiary, travelRefusal } from './travel.ts';
import type { TravelConflict } from '../../sync/domain/travel-reach.ts';
import { checkSeries, seriesOf } from './series.ts';
import { findCustomer, insertCustomer } from './customer-record.ts';
import { extrasOf, loadExtras } from './extras.ts';
import { keepReceipt, type CreatedBooking } from './receipt.ts';
import { noteBooked, refusalIfJustBooked } from './just-booked.ts';
import { afterCommit } from '../observe/after-commit.ts';
import { lastStatementSent } from '../db/last-statement.ts';

const MINUTE = 60_000;

/**
 * The server's booking: checks the slot with the same search the customer saw, picks the cleaner,
 * prices it, finds or creates the customer, and writes appointment and booking as `pending` until
 * the hold's deadline — all in the caller's transaction. The exclusion constraint has the
 * last word: an overlap becomes SLOT_TAKEN (for "any cleaner", the next free cleaner is tried first).
 *
 * Round trips, for a booking with a chosen cleaner: BEGIN; the cleaner's lock, then what is
 * offered, their hours and busy time around the start, the customer and the extras; all the
 * writes; COMMIT. Independent statements go out together (postgres.js pipelines what is sent
 * without waiting, in the order it is sent), and the database still runs them one after another,
 * in that order, inside the transaction. Once the writes are sent it says so (lastStatementSent),
 * so that in a shared transaction the next request's statements can follow them at once.
 */
export async function createBookingOnServer(
	tx: Tx,
	args: CreateBookingArgs,
	ctx: AuthContext | undefined,
	now: number,
	/** A check sent beside the reads that must pass before anything is written (the hold count). */
	gate?: Promise<unknown>
): Promise<CreatedBooking> {
	const postcode = parsePostcode(args.customer.postcode);
	if (!postcode.ok) refuse('VALIDATION_ERROR', postcode.message, 'customer.postcode');
	// One of a burst on a slot already won: refused before any statement (just-booked.ts).
	const justTaken = refusalIfJustBooked(args, Date.now());
	if (justTaken) throw justTaken;
	// A cleaner asked for is locked first, so that their day is read below behind the lock and the
	// travel recheck (travel.ts) has it already.
	const locked = args.staffId ? lockCleaner(tx, args.staffId) : undefined;
	const [read, existingCustomer, extraRows] = await Promise.all([
		readOffering(tx, {
			serviceId: args.serviceId,
			staffId: args.staffId ?? undefined,
			around: args.startTime
		}),
		findCustomer(tx, args, ctx, postcode.postcode),
		loadExtras(tx, args.serviceId, args.extras ?? []),
		locked
	]);
	const timeZone = read.settings.timeZone;
	const date = localDate(args.startTime, timeZone);
	const search = await slotsFrom(tx, read, {
		serviceId: args.serviceId,
		date,
		postcode: postcode.postcode,
		staffId: args.staffId ?? undefined,
		persons: args.persons,
		now,
		settings: read.settings,
		keepUnreachable: true,
		at: args.startTime
	});
	if (!search.ok) {
		const field =
			{ service_id: 'serviceId', persons: 'persons' }[search.field ?? ''] ?? 'customer.postcode';
		const code = search.reason === 'INVALID' ? 'VALIDATION_ERROR' : search.reason;
		refuse(code, search.message, field);
	}
	const answers = checkAnswers(
		bookingFieldsOf(search.service.bookingFields),
		args.customFields ?? {}
	);
	if (!answers.ok) {
		const fields = Object.entries(answers.errors).map(([k, v]) => [`customFields.${k}`, v]);
		refuseFields(
			'VALIDATION_ERROR',
			'Some answers are missing or not valid',
			Object.fromEntries(fields)
		);
	}
	const { service, settings, offers } = search;
	const slot = search.slots.find((s) => s.start === args.startTime);
	if (!slot)
		refuse('SLOT_TAKEN', 'That time is not available any more: please choose another slot');
	// Free then, but no cleaner asked for can get there in time from their job before (or home)
	// or on to their next: say so, with why.
	const unreachable =
		slot.unreachable?.[args.staffId ?? ''] ?? Object.values(slot.unreachable ?? {})[0];
	if (unreachable && !(args.staffId ? slot.staffIds.includes(args.staffId) : slot.staffIds.length))
		refuse('TRAVEL_CONFLICT', travelRefusal(unreachable, ctx, timeZone));

	const extras = extrasOf(args.extras ?? [], extraRows);
	await gate;
	const candidates = await fairOrder(tx, slot, date, timeZone, args.staffId);
	const series = seriesOf(args, timeZone);
	// A new customer's id is chosen here, so that their row goes out with the booking's writes.
	const customerId = existingCustomer ?? uuidv7();
	const padBefore = service.paddingBeforeMinutes * MINUTE;
	const padAfter = service.paddingAfterMinutes * MINUTE;
	let missed: OccurrencesCheck | null = null;
	let travelMissed: TravelConflict | null = null;

	for (const staffId of candidates) {
		// A recurring clean keeps its cleaner: every later date must be free for them too.
		const check = await checkSeries(
			tx,
			series.slice(1),
			staffId,
			postcode.postcode,
			args,
			now,
			settings
		);
		if (!check.ok) {
			missed ??= check;
			continue;
		}
		const offer = offers.get(staffId);
		const quote = quotePrice({
			serviceName: service.name,
			servicePrice: service.price,
			staffPriceOverride: offer?.priceOverride,
			extras,
			persons: args.persons ?? 1,
			priceIsPerPerson: isPricedPerPerson(service),
			frequency: args.recurrence?.frequency ?? 'one_off',
			discounts: {
				weekly: settings.weeklyDiscountPercent,
				fortnightly: settings.fortnightlyDiscountPercent,
				four_weekly: settings.fourWeeklyDiscountPercent
			},
			vat: { ratePercent: settings.vatRatePercent, pricesIncludeVat: settings.pricesIncludeVat }
		});
		if (!quote.ok) refuse(quote.reason, quote.message, 'extras');
		const length = (offer?.durationOverride ?? service.durationMinutes) * MINUTE;
		const rows = series.map((occurrence, i): NewAppointment => ({
			id: i === 0 ? args.id : uuidv7(),
			seriesId: args.recurrence ? args.id : null,
			staffId,
			serviceId: service.id,
			startTime: new Date(occurrence.start),
			endTime: new Date(occurrence.start + length),
			blockedFrom: new Date(occurrence.start - padBefore),
			blockedUntil: new Date(occurrence.start + length + padAfter),
			status: 'pending' as const,
			holdExpiresAt: new Date(now + settings.holdMinutes * MINUTE)
		}));
		const customFields: Record<string, string> = {
			...answers.answers,
			...(args.notes && { accessNotes: args.notes })
		};
		// The booking's other writes, sent right behind the appointment (each `.execute()` sends its
		// statement at once, so they reach Postgres in this order).
		const rest = () =>
			[
				existingCustomer ? undefined : insertCustomer(tx, customerId, args, ctx, postcode.postcode),
				insertBookings(
					tx,
					rows.map((row): NewBooking => ({
						customerId,
						appointmentId: row.id,
						numberOfPersons: args.persons ?? 1,
						extras: extras.map((e) => ({
							extraId: e.extraId,
							name: e.name,
							quantity: e.quantity,
							price: e.unitPrice
						})),
						customFields: customFields,
						totalPrice: quote.total
					}))
				)
			] as const;
		// The padded spans, for the travel recheck under the cleaner's lock (travel.ts).
		const travel = {
			staffId,
			postcode: postcode.postcode,
			jobs: rows.map((r) => ({ start: r.blockedFrom.getTime(), end: r.blockedUntil.getTime() })),
			settings,
			underLock: locked ? lockedDiary(read, staffId) : undefined
		};
		let written: Awaited<ReturnType<typeof rest>[1]>;
		try {
			if (candidates.length === 1) {
				// One candidate: no savepoint. An overlap fails the whole transaction, which the
				// refusal below then rolls back; the statements sent behind the failed insert are
				// not run (Postgres answers them "transaction aborted").
				const conflict = await lockAndCheckTravel(tx, travel);
				if (conflict) refuse('TRAVEL_CONFLICT', travelRefusal(conflict, ctx, timeZone));
				const insert = insertAppointments(tx, rows);
				const writes = Promise.all([insert, ...rest()]);
				lastStatementSent();
				[, , written] = await writes;
			} else {
				// A savepoint, so that an overlap (or a deadlock between two "any cleaner" bookings
				// locking cleaners in different orders) leaves the transaction usable for the next.
				const conflict = await tx.transaction(async (sp) => {
					const found = await lockAndCheckTravel(sp, travel);
					if (!found) await insertAppointments(sp, rows);
					return found;
				});
				if (conflict) {
					travelMissed ??= conflict;
					continue;
				}
				const writes = Promise.all(rest());
				lastStatementSent();
				[, written] = await writes;
			}
		} catch (error) {
			if (isOverlap(error)) continue;
			throw error;
		}
		const created: CreatedBooking = {
			appointmentIds: rows.map((r) => r.id),
			staffId,
			serviceId: service.id,
			seriesId: args.recurrence ? args.id : null,
			occurrences: rows.map((r) => ({
				id: r.id,
				start: r.startTime.getTime(),
				end: r.endTime.getTime()
			})),
			totalPrice: quote.total,
			currency: settings.currency,
			timeZone,
			cancellationToken: written[0].token
		};
		keepReceipt(created);
		afterCommit(() => noteBooked(created, Date.now()));
		return created;
	}
	if (missed && !missed.ok) {
		refuse(missed.reason, missed.message, undefined, { unavailable: missed.unavailable });
	}
	if (travelMissed) refuse('TRAVEL_CONFLICT', travelRefusal(travelMissed, ctx, timeZone));
	refuse('SLOT_TAKEN', JUST_TAKEN);
}

/**
 * Candidates in the order to try: the customer's pick alone, else the one whose day gains the
 * least travel, then fewest bookings that day (orderByTravel).
 */
async function fairOrder(
	tx: Tx,
	slot: AvailableSlot,
	date: string,
	timeZone: string,
	picked?: string | null
) {
	const { staffIds } = slot;
	if (picked) return staffIds.includes(picked) ? [picked] : [];
	if (staffIds.length < 2) return staffIds;
	const day = localDayBounds(date, timeZone);
	const rows = await tx
		.select({ staffId: appointments.staffId, n: count() })
		.from(appointments)
		.where(
			and(
				inArray(appointments.staffId, staffIds),
				gte(appointments.startTime, new Date(day.start)),
				lt(appointments.startTime, new Date(day.end)),
				notInArray(appointments.status, [...FREEING_STATUSES])
			)
		)
		.groupBy(appointments.staffId);
	const counts = new Map(rows.map((r) => [r.staffId, r.n]));
	return orderByTravel(staffIds, slot.addedTravel ?? {}, counts);
}
