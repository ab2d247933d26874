import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { addDays, isLocalDate, localDayBounds } from '../../sync/domain/local-day.ts';

/** The longest range a report covers: two years of days is plenty for a cleaning company. */
const MAX_DAYS = 731;

/** A report's filters as the query string gives them: `from`, `to` (local days, inclusive), `location`. */
export const reportQuery = z
	.strictObject(
		{
			from: z
				.string({ error: 'Give the first day as YYYY-MM-DD' })
				.refine(isLocalDate, 'Give the first day as a real date, YYYY-MM-DD'),
			to: z
				.string({ error: 'Give the last day as YYYY-MM-DD' })
				.refine(isLocalDate, 'Give the last day as a real date, YYYY-MM-DD'),
			location: z
				.uuid({ error: 'Give the location as its id (a UUID)' })
				.optional()
				.or(z.literal(''))
		},
		{
			error: (issue) =>
				issue.code === 'unrecognized_keys'
					? `Unknown parameter: ${issue.keys.join(', ')}`
					: undefined
		}
	)
	.superRefine(({ from, to }, ctx) => {
		if (!isLocalDate(from) || !isLocalDate(to)) return;
		if (to < from)
			ctx.addIssue({
				code: 'custom',
				path: ['to'],
				message: 'The last day must be on or after the first day'
			});
		else if (Temporal.PlainDate.from(from).until(to).days >= MAX_DAYS)
			ctx.addIssue({ code: 'custom', path: ['to'], message: 'A report covers at most two years' });
	});

/** What every report runs on: local days [from, to] as instants [start, end), the time zone, a location. */
export type ReportFilters = {
	from: string;
	to: string;
	timeZone: string;
	locationId: string | null;
	start: Date;
	end: Date;
};

export function filtersOf(q: z.infer<typeof reportQuery>, timeZone: string): ReportFilters {
	return {
		from: q.from,
		to: q.to,
		timeZone,
		locationId: q.location || null,
		start: new Date(localDayBounds(q.from, timeZone).start),
		end: new Date(localDayBounds(addDays(q.to, 1), timeZone).start)
	};
}

/** Every local day of the range, in order. */
export function daysOf(f: Pick<ReportFilters, 'from' | 'to'>): string[] {
	const days: string[] = [];
	for (let d = f.from; d <= f.to; d = addDays(d, 1)) days.push(d);
	return days;
}

/** The Monday of a day's week (weeks run Monday to Sunday, as in the UK). */
export const weekOf = (day: string) =>
	Temporal.PlainDate.from(day)
		.subtract({ days: Temporal.PlainDate.from(day).dayOfWeek - 1 })
		.toString();

/** 'YYYY-MM' of a day. */
export const monthOf = (day: string) => day.slice(0, 7);

/** The weeks (their Mondays) or months the range touches, in order, so empty ones show as zero. */
export function periodsOf(f: Pick<ReportFilters, 'from' | 'to'>, by: 'week' | 'month'): string[] {
	const of = by === 'week' ? weekOf : monthOf;
	return [...new Set(daysOf(f).map(of))];
}
