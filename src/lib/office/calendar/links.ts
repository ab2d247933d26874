import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

/** The office calendar at a view and day: kept in the address so a reload or a link shows it. */
export const calendarLink = (at: { view: string; date: string }) =>
	`${resolve('/office')}?${new URLSearchParams(at)}` as ResolvedPathname;
