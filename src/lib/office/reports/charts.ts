import type { ColumnKind, Report } from './format.ts';

/** What a report's chart draws: bars or a line per series over the first column's labels. */
export type ChartSpec = {
	type: 'bar' | 'line';
	/** The columns drawn, each a series; all of the same kind so they share one axis. */
	series: { key: string; color: string }[];
	kind: ColumnKind;
};

const BLUE = '#2563eb';
const RED = '#dc2626';
const GREEN = '#16a34a';
const AMBER = '#d97706';

const SPECS: Record<string, ChartSpec> = {
	'revenue-weekly': {
		type: 'bar',
		kind: 'pence',
		series: [
			{ key: 'received', color: BLUE },
			{ key: 'refunded', color: RED },
			{ key: 'net', color: GREEN }
		]
	},
	'bookings-by-service': { type: 'bar', kind: 'count', series: [{ key: 'bookings', color: BLUE }] },
	'bookings-by-district': {
		type: 'bar',
		kind: 'count',
		series: [{ key: 'bookings', color: BLUE }]
	},
	utilisation: { type: 'bar', kind: 'rate', series: [{ key: 'utilisation', color: GREEN }] },
	cancellations: {
		type: 'line',
		kind: 'rate',
		series: [
			{ key: 'cancellationRate', color: RED },
			{ key: 'noShowRate', color: AMBER }
		]
	},
	conversion: { type: 'line', kind: 'rate', series: [{ key: 'conversion', color: BLUE }] }
};
SPECS['revenue-monthly'] = SPECS['revenue-weekly'];

export const chartSpecOf = (report: Pick<Report, 'name'>): ChartSpec | null =>
	SPECS[report.name] ?? null;
