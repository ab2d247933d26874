import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

// A booking's pages, opened with its token as the confirmation email's link does (no sign-in).
const withToken = (path: string, token: string) =>
	`${path}?${new URLSearchParams({ token })}` as ResolvedPathname;

export const bookingLink = (id: string, token: string) =>
	withToken(resolve('/booking/[id]', { id }), token);

export const calendarLink = (id: string, token: string) =>
	withToken(resolve('/booking/[id]/calendar.ics', { id }), token);

/** Sign-up that takes over the guest's bookings (src/routes/(auth)/register). */
export const claimLink = (id: string, token: string) =>
	`${resolve('/register')}?${new URLSearchParams({ booking: id, token })}` as ResolvedPathname;

export const invoiceLink = (id: string, token: string) =>
	withToken(resolve('/booking/[id]/invoice.pdf', { id }), token);
