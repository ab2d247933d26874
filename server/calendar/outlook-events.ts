import type { BusyChange, CalendarEventBody } from './port.ts';

// How a booking becomes an Outlook event, and what a Graph delta item means for the user's busy
// times: the mapping, apart from MSAL and the Graph client (outlook-driver.ts).

/** Our mark on the events we write: the appointment id, in a named property of our own GUID. */
export const APPOINTMENT_PROPERTY =
	'String {6b0f4d5a-1c39-4e0b-9a53-2f7c1d8e4b61} Name valcleanAppointmentId';
/** transactionId = prefix + appointment id: Graph's guard against a retried POST, and our mark. */
export const TRANSACTION_PREFIX = 'valclean-';
export type GraphEvent = {
	id: string;
	'@removed'?: { reason?: string };
	transactionId?: string | null;
	singleValueExtendedProperties?: { id: string; value: string }[];
	showAs?: string;
	isCancelled?: boolean;
	start?: { dateTime: string; timeZone: string };
	end?: { dateTime: string; timeZone: string };
};

export function eventBody(event: CalendarEventBody) {
	return {
		subject: event.summary,
		body: { contentType: 'text', content: event.description },
		location: { displayName: event.location },
		// Sent in UTC: no doubt about Windows vs IANA zone names, and Outlook shows every event
		// in the viewer's own zone anyway (event.timeZone matters for recurring series, which we
		// do not write).
		start: { dateTime: iso(event.start), timeZone: 'UTC' },
		end: { dateTime: iso(event.end), timeZone: 'UTC' },
		showAs: 'busy',
		singleValueExtendedProperties: [{ id: APPOINTMENT_PROPERTY, value: event.appointmentId }]
	};
}

/**
 * What one delta item means for the cleaner's availability. Free means free; tentative, out of
 * office, working elsewhere and unknown all block slots: a booking clashing with something the
 * cleaner half-agreed to, or a day they work for someone else, is worse than a missed slot.
 * Cancelled meetings stay in the calendar with isCancelled until dismissed: gone. Our own events
 * are left out (the booking is already in our diary).
 */
export function busyChange(item: GraphEvent): BusyChange | null {
	if (item['@removed']) return { kind: 'gone', eventId: item.id };
	const ours =
		item.transactionId?.startsWith(TRANSACTION_PREFIX) ||
		item.singleValueExtendedProperties?.some(
			(p) => p.id.toLowerCase() === APPOINTMENT_PROPERTY.toLowerCase()
		);
	if (ours) return null;
	if (item.isCancelled || item.showAs === 'free') return { kind: 'gone', eventId: item.id };
	if (!item.start || !item.end) return null;
	return { kind: 'busy', eventId: item.id, start: graphTime(item.start), end: graphTime(item.end) };
}

/** Graph's dateTimeTimeZone, which we ask for in UTC (Prefer: outlook.timezone). */
function graphTime(value: { dateTime: string; timeZone: string }): number {
	if (value.timeZone !== 'UTC') throw new Error(`Graph answered in ${value.timeZone}, not UTC`);
	const ms = Date.parse(value.dateTime.replace(/Z$/, '') + 'Z');
	if (Number.isNaN(ms)) throw new Error(`Graph gave an unreadable time: ${value.dateTime}`);
	return ms;
}

/** 2026-12-01T10:00:00.000 (no zone letter: the zone is said beside it). */
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 23);
