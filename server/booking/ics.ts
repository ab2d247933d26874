/**
 * One booking as an iCalendar file (RFC 5545) for "add to calendar": times in UTC so every
 * calendar app places them right, text escaped and lines folded at 75 octets as the RFC asks.
 */
export type CalendarEvent = {
	uid: string;
	start: number;
	end: number;
	summary: string;
	location: string;
	description: string;
	url: string;
	/** When the file is made (DTSTAMP). */
	now: number;
};

const stamp = (ms: number) =>
	new Date(ms)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');

const escape = (text: string) =>
	text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Splits a content line into 75-octet pieces, each continuation starting with a space. */
function fold(line: string): string {
	const bytes = new TextEncoder().encode(line);
	if (bytes.length <= 75) return line;
	const pieces: string[] = [];
	let piece = '';
	let size = 0;
	for (const char of line) {
		const n = new TextEncoder().encode(char).length;
		const limit = pieces.length === 0 ? 75 : 74; // continuation lines lose one octet to the space
		if (size + n > limit) {
			pieces.push(piece);
			piece = '';
			size = 0;
		}
		piece += char;
		size += n;
	}
	pieces.push(piece);
	return pieces.join('\r\n ');
}

/** A VEVENT's lines; an empty description or URL is left out (feeds carry no manage link). */
function eventLines(event: CalendarEvent): string[] {
	return [
		'BEGIN:VEVENT',
		`UID:${event.uid}`,
		`DTSTAMP:${stamp(event.now)}`,
		`DTSTART:${stamp(event.start)}`,
		`DTEND:${stamp(event.end)}`,
		`SUMMARY:${escape(event.summary)}`,
		...(event.location ? [`LOCATION:${escape(event.location)}`] : []),
		...(event.description ? [`DESCRIPTION:${escape(event.description)}`] : []),
		...(event.url ? [`URL:${event.url}`] : []),
		'END:VEVENT'
	];
}

/** Several events in one VCALENDAR (a subscribed feed); `name` is the calendar's display name. */
export function calendarIcs(events: CalendarEvent[], name?: string): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//VALClean//Booking//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		...(name ? [`X-WR-CALNAME:${escape(name)}`] : []),
		...events.flatMap(eventLines),
		'END:VCALENDAR'
	];
	return lines.map(fold).join('\r\n') + '\r\n';
}

export function bookingIcs(event: CalendarEvent): string {
	return calendarIcs([event]);
}
