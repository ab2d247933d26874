import type { calendar_v3 } from '@googleapis/calendar';
import { Temporal } from 'temporal-polyfill';
import { localDayBounds } from '../../sync/domain/local-day.ts';
import type { BusyChange, CalendarEventBody } from './port.ts';

// How a booking becomes a Google Calendar event, and what a listed Google event means for the
// user's busy times: the mapping, apart from the SDK calls (google-driver.ts).

/** Set on every event we write, so pulls leave our own bookings out of the busy times. */
export const APPOINTMENT_MARK = 'valcleanAppointment';

/**
 * The Google event id of an appointment's event: Google lets the client choose ids made of
 * base32hex characters (0-9, a-v), 5 to 1024 long. A uuid's hex fits as it is; anything else is
 * base32hex-encoded. The same appointment always gets the same id, which makes writes idempotent.
 */
export function googleEventId(appointmentId: string): string {
	const hex = appointmentId.toLowerCase().replaceAll('-', '');
	if (/^[0-9a-f]{32}$/.test(hex)) return hex;
	const alphabet = '0123456789abcdefghijklmnopqrstuv';
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of Buffer.from(appointmentId, 'utf8')) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += alphabet[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
		value &= (1 << bits) - 1;
	}
	if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
	return out.padEnd(5, '0');
}

/** The event as we write it: the booking's public details, marked as ours, busy. */
export function eventBody(event: CalendarEventBody, id: string): calendar_v3.Schema$Event {
	const at = (ms: number) => ({
		dateTime: Temporal.Instant.fromEpochMilliseconds(ms)
			.toZonedDateTimeISO(event.timeZone)
			.toString({ timeZoneName: 'never', smallestUnit: 'second' }),
		timeZone: event.timeZone
	});
	return {
		id,
		status: 'confirmed',
		summary: event.summary,
		description: event.description,
		location: event.location,
		start: at(event.start),
		end: at(event.end),
		transparency: 'opaque',
		extendedProperties: { private: { [APPOINTMENT_MARK]: event.appointmentId } }
	};
}

/**
 * What a listed event means for the user's busy times; null for our own events. Cancelled, free
 * (transparent), declined invitations and working-location markers do not block; all-day events
 * block their whole local days (`zone`: the calendar's time zone).
 */
export function busyChangeOf(event: calendar_v3.Schema$Event, zone: string): BusyChange | null {
	if (!event.id) return null;
	if (event.extendedProperties?.private?.[APPOINTMENT_MARK]) return null;
	const gone = { kind: 'gone', eventId: event.id } as const;
	const declined = event.attendees?.some((a) => a.self && a.responseStatus === 'declined');
	if (
		event.status === 'cancelled' ||
		event.transparency === 'transparent' ||
		event.eventType === 'workingLocation' ||
		declined
	)
		return gone;
	const instant = (when: calendar_v3.Schema$EventDateTime | undefined) =>
		when?.dateTime
			? Date.parse(when.dateTime)
			: when?.date
				? localDayBounds(when.date, zone).start
				: NaN;
	const start = instant(event.start);
	const end = instant(event.end);
	if (!(end > start)) return gone;
	return { kind: 'busy', eventId: event.id, start, end };
}
