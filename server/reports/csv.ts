import type { Column, ReportTable, Row } from './table.ts';

/**
 * A report as CSV (RFC 4180): a header row, the rows, the total; CRLF line ends. Money in pounds
 * with two decimals, hours with two, rates as percentages with one, so a spreadsheet reads numbers.
 * A field is quoted when it holds a comma, quote or line break, quotes doubled; a text field that
 * starts with = + - @ is prefixed with ' so a spreadsheet does not run it as a formula.
 */
export function reportCsv(table: ReportTable): string {
	const lines = [table.columns.map((c) => quote(c.label))];
	for (const row of table.total ? [...table.rows, table.total] : table.rows)
		lines.push(table.columns.map((c) => quote(cell(c, row))));
	return lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}

function cell(column: Column, row: Row): string {
	const value = row[column.key];
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return /^[=+\-@]/.test(value) ? `'${value}` : value;
	switch (column.kind) {
		case 'pence':
			return (value / 100).toFixed(2);
		case 'minutes':
			return (value / 60).toFixed(2);
		case 'rate':
			return (value * 100).toFixed(1);
		default:
			return String(value);
	}
}

function quote(field: string): string {
	return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
