/** How a column's numbers read: counts, pence (shown in £), minutes (shown in hours), or a 0–1 rate. */
export type ColumnKind = 'text' | 'count' | 'pence' | 'minutes' | 'rate';
export type Column = { key: string; label: string; kind: ColumnKind };
export type Row = Record<string, string | number | null>;

/** A report's answer: its columns, one row per week, service, district or cleaner, and a total row. */
export type ReportTable = { columns: Column[]; rows: Row[]; total: Row | null };

/** part / whole, or null when there is no whole (no searches, no working hours). */
export const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
