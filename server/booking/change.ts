import { eq } from 'drizzle-orm';
import { appointments } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { canCustomerChange } from '../../sync/domain/booking-policy.ts';
import { localDate } from '../../sync/domain/local-day.ts';
import type {
	CancelBookingArgs,
	RescheduleBookingArgs
} from '../../sync/mutators/booking-changes.ts';
import type { Tx } from '../db/client.ts';
import { bookingCancelled, bookingRescheduled } from '../notifications/enqueue.ts';
import { refundDepositOnCancel } from '../payments/refund.ts';
import { actorFor, loadBooking } from './access.ts';
import { searchSlots } from './availability.ts';
import { isOverlap, JUST_TAKEN, refuse } from './errors.ts';
import { forgetBooked } from './just-booked.ts';
import { lockAndCheckTravel, travelRefusal } from './travel.ts';
import { bookingSettingsOf, loadSettings } from './settings.ts';

const MINUTE = 60_000;

/** Loads the booking and checks the caller may change it now; refuses otherwise. */
async function changeable(
	tx: Tx,
	id: string,
	ctx: AuthContext | undefined,
	token: string | undefined,
	now: number
) {
	const loaded = await loadBooking(tx, id);
	const actor = loaded && actorFor(loaded, ctx, token);
	// Security: a booking the caller may not see is "not found", so ids cannot be probed.
	if (!loaded || !actor) refuse('NOT_FOUND', 'No booking with this id for you');
	const settings = await loadSettings(tx);
	const { appointment } = loaded;
	if (appointment.status !== 'pending' && appointment.status !== 'confirmed') {
		refuse(
			'NOT_CHANGEABLE',
			`This booking is ${appointment.status.replace('_', ' ')} and cannot be changed`
		);
	}
	if (actor === 'customer') {
		const rule = canCustomerChange(
			now,
			appointment.startTime.getTime(),
			appointment.status,
			bookingSettingsOf(settings)
		);
		if (!rule.ok) refuse(rule.reason, rule.message);
	}
	return { ...loaded, actor, settings };
}

/**
 * Cancels: the slot is free again at once (the overlap constraint ignores cancelled bookings).
 * Before the cut-off, what was paid when booking is refunded in the same transaction.
 */
export async function cancelBookingOnServer(
	tx: Tx,
	args: CancelBookingArgs,
	ctx: AuthContext | undefined,
	now: number
) {
	const { appointment, settings } = await changeable(tx, args.id, ctx, args.token, now);
	forgetBooked(appointment.staffId);
	await tx
		.update(appointments)
		.set({ status: 'cancelled', updatedAt: new Date(now) })
		.where(eq(appointments.id, args.id));
	await bookingCancelled(tx, appointment);
	await refundDepositOnCancel(tx, appointment, settings, now);
}

/**
 * Moves a booking to another start the slot search offers (its own current time not counting as
 * busy); the same cleaner, unless the office hands it to another. An overlap is SLOT_TAKEN.
 */
export async function rescheduleBookingOnServer(
	tx: Tx,
	args: RescheduleBookingArgs,
	ctx: AuthContext | undefined,
	now: number
) {
	const { appointment, customer, actor, settings } = await changeable(
		tx,
		args.id,
		ctx,
		args.token,
		now
	);
	if (args.staffId && actor !== 'office')
		refuse('FORBIDDEN', 'Only the office can hand a booking to another cleaner');
	if (args.allowTravelConflict && actor !== 'office')
		refuse('FORBIDDEN', 'Only the office can move a booking despite the travel time');
	forgetBooked(appointment.staffId);
	const staffId = args.staffId ?? appointment.staffId;
	const search = await searchSlots(tx, {
		serviceId: appointment.serviceId,
		date: localDate(args.startTime, settings.timeZone),
		postcode: customer.postcode,
		staffId,
		now,
		settings,
		excludeAppointmentId: appointment.id,
		keepUnreachable: true,
		at: args.startTime
	});
	if (!search.ok) refuse(search.reason, search.message);
	const { service } = search;
	const slot = search.slots.find(
		(s) => s.start === args.startTime && (s.staffIds.includes(staffId) || s.unreachable?.[staffId])
	);
	if (!slot) refuse('SLOT_TAKEN', 'That time is not available: please choose another slot');
	const padded = {
		start: slot.start - service.paddingBeforeMinutes * MINUTE,
		end: slot.end + service.paddingAfterMinutes * MINUTE
	};
	try {
		await tx.transaction(async (sp) => {
			// Under the cleaner's lock, with their day read afresh (travel.ts).
			const conflict = await lockAndCheckTravel(sp, {
				staffId,
				postcode: customer.postcode,
				jobs: [padded],
				settings,
				excludeAppointmentId: appointment.id
			});
			// The office's deliberate override is kept by the normal audit row of this change,
			// whose details carry allowTravelConflict: true.
			if (conflict && !args.allowTravelConflict)
				refuse('TRAVEL_CONFLICT', travelRefusal(conflict, ctx, settings.timeZone));
			await sp
				.update(appointments)
				.set({
					staffId,
					startTime: new Date(slot.start),
					endTime: new Date(slot.end),
					blockedFrom: new Date(padded.start),
					blockedUntil: new Date(padded.end),
					updatedAt: new Date(now)
				})
				.where(eq(appointments.id, appointment.id));
		});
	} catch (error) {
		if (isOverlap(error)) refuse('SLOT_TAKEN', JUST_TAKEN);
		throw error;
	}
	await bookingRescheduled(tx, appointment, { start: slot.start, staffId }, now);
}
