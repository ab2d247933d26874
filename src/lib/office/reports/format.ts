import { formatPence } from '$lib/format.ts';

export type ColumnKind = 'text' | 'count' | 'pence' | 'minutes' | 'rate';
export type ReportColumn = { key: string; label: string; kind: ColumnKind };
export type ReportRow = Record<string, string | number | null>;
export type Report = {
	name: string;
	title: string;
	columns: ReportColumn[];
	rows: ReportRow[];
	total: ReportRow | null;
};

const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });
const hours = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const weekLabel = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	timeZone: 'UTC'
});
const monthLabel = new Intl.DateTimeFormat('en-GB', {
	month: 'long',
	year: 'numeric',
	timeZone: 'UTC'
});

/** A cell as the table shows it: £ for pence, hours for minutes, % for rates, '–' for no rate. */
export function formatCell(kind: ColumnKind, value: string | number | null | undefined): string {
	if (value === null || value === undefined) return '–';
	if (typeof value === 'string') return periodLabel(value);
	switch (kind) {
		case 'pence':
			return formatPence(value);
		case 'minutes':
			return `${hours.format(value / 60)} h`;
		case 'rate':
			return percent.format(value);
		default:
			return String(value);
	}
}

/** '2026-04-27' → '27 Apr 2026', '2026-05' → 'May 2026'; other text as it is. */
export function periodLabel(text: string): string {
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return weekLabel.format(new Date(`${text}T00:00:00Z`));
	if (/^\d{4}-\d{2}$/.test(text)) return monthLabel.format(new Date(`${text}-01T00:00:00Z`));
	return text;
}
