import { calendarStatus, type dayPlacer } from '$sync/domain/calendar.ts';
import { jobStates } from '$sync/domain/field-state.ts';
import { storedEvent } from '$sync/field-events.ts';
import type { queries } from '$sync/queries/index.ts';
import { formatTime } from '$lib/format.ts';
import type { CalendarBooking } from './types.ts';

export type CalendarRow = ReturnType<typeof queries.appointments.officeCalendar>['~']['$return'];
type Service = ReturnType<typeof queries.catalog.officeServices>['~']['$return'];

/**
 * A synced appointment as the calendar draws it: its field status folded from its events, its
 * padding, place in the days shown, and the words on its block; null when it is not drawn.
 */
export function toBlock(
	a: CalendarRow,
	{
		place,
		services
	}: { place: ReturnType<typeof dayPlacer>; services: ReadonlyMap<string, Service> }
): CalendarBooking | null {
	const service = services.get(a.serviceId);
	const field = jobStates(a.fieldEvents.filter((e) => e.refusal === null).map(storedEvent));
	const status = calendarStatus(a.status ?? 'pending', field.get(a.id)?.status ?? null);
	const customer = a.customerAppointments[0]?.customer;
	const at = place(a.startTime);
	if (!status || !at) return null;
	return {
		id: a.id,
		staffId: a.staffId,
		startTime: a.startTime,
		endTime: a.endTime,
		busyFrom: a.startTime - (service?.paddingBeforeMinutes ?? 0) * 60_000,
		busyUntil: a.endTime + (service?.paddingAfterMinutes ?? 0) * 60_000,
		...at,
		status,
		hours: `${formatTime(a.startTime)}–${formatTime(a.endTime)}`,
		color: service?.color ?? '#64748b',
		service: service?.name ?? 'Service',
		customer: customer?.name ?? 'Customer',
		postcode: customer?.postcode ?? ''
	};
}
