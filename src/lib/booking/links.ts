import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

// A booking's pages, opened with its token as the confirmation email's link does (no sign-in).
const withToken = (path: string, token: string) =>
	`${path}?${new URLSearchParams({ token })}` as ResolvedPathname;

export const bookingLink = (id: string, token: string) =>
	withToken(resolve('/booking/[id]', { id }), token);

export const calendarLink = (id: string, token: string) =>
	withToken(resolve('/booking/[id]/calendar.ics', { id }), token);
