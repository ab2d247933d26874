import { config } from '../env.ts';
import { googleCalendarProvider } from './google-driver.ts';
import { outlookCalendarProvider } from './outlook-driver.ts';
import type { CalendarProvider, CalendarProviderName } from './port.ts';
import { canSealTokens } from './tokens.ts';

// Which calendar providers this server offers: each one whose OAuth client is configured (read
// each time, as tests switch them). Grants must be sealed, so a configured provider without
// CALENDAR_TOKEN_KEY is a set-up error, said at once rather than at the first connection.

export function calendarProviders(): CalendarProvider[] {
	const google = config.googleCalendar();
	const outlook = config.outlookCalendar();
	const offered = [
		...(google ? [googleCalendarProvider(google)] : []),
		...(outlook ? [outlookCalendarProvider(outlook)] : [])
	];
	if (offered.length && !canSealTokens())
		throw new Error('CALENDAR_TOKEN_KEY must be set (32 bytes, base64) to connect calendars');
	return offered;
}

/** The provider of that name, or null when it is not configured here. */
export function calendarProvider(name: string): CalendarProvider | null {
	return calendarProviders().find((p) => p.name === name) ?? null;
}

export const isProviderName = (name: string): name is CalendarProviderName =>
	name === 'google' || name === 'outlook';
