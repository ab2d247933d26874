import { wholeNumberIn } from './form-rules.ts';

/**
 * How long personal data is kept (spec §6.2), in whole days; null keeps it forever. Edited with the
 * business settings, applied once a day by the task privacy__apply_retention.
 *
 * Invoices and payments have no setting: they are accounting records, which UK law (HMRC, the
 * Companies Act) requires us to keep for six years, so retention never purges them.
 */
export type RetentionSettings = {
	/** Field photos (the file and its row), from the end of the job. */
	photoRetentionDays: number | null;
	/** GPS positions of clock-ins and clock-outs, from the end of the job. */
	positionRetentionDays: number | null;
	/** Message bodies and recipients' addresses of emails and texts, from when they were sent. */
	messageRetentionDays: number | null;
	/** Bookings whose payment hold ran out unpaid, and their guest customer, from booking. */
	abandonedBookingRetentionDays: number | null;
};

export type RetentionKey = keyof RetentionSettings;

/**
 * The defaults, as careful products choose them: long enough to answer a complaint (a photo
 * settles "the oven was not cleaned" or a damage claim weeks later), short enough that a
 * cleaner's movements and a customer's messages do not pile up. Positions go first: they say
 * where a person was, and once the job is paid nobody needs them.
 */
export const RETENTION_DEFAULTS: RetentionSettings = {
	photoRetentionDays: 180,
	positionRetentionDays: 90,
	messageRetentionDays: 180,
	abandonedBookingRetentionDays: 30
};

/** One day to ten years; the database's check says the same (migration 0031). */
export const RETENTION_LIMITS = { min: 1, max: 3650 } as const;

/** What each setting keeps, as the office reads it in the form and its messages. */
export const RETENTION_WHAT: Record<RetentionKey, string> = {
	photoRetentionDays: 'field photos',
	positionRetentionDays: 'GPS positions',
	messageRetentionDays: 'sent messages',
	abandonedBookingRetentionDays: 'abandoned bookings'
};

export const RETENTION_KEYS = Object.keys(RETENTION_DEFAULTS) as RetentionKey[];

/** A retention period as typed: null (keep forever) or whole days in range; the message, or null. */
export function retentionProblem(key: RetentionKey, days: number | null): string | null {
	if (days === null) return null;
	const { min, max } = RETENTION_LIMITS;
	return wholeNumberIn(
		days,
		min,
		max,
		`Keep ${RETENTION_WHAT[key]} for ${min} to ${max} whole days, or leave it empty to keep them forever`
	);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The moment before which data is due: anything whose clock started (a job's end, a message's
 * sending, a booking's making) strictly before it goes; null when the setting keeps it forever.
 * Days are 24-hour days, not calendar days: the task runs daily, so an hour either way around a
 * clock change is immaterial, and the rule stays one subtraction.
 *
 * Worked example: now 2026-06-30T03:30Z, 90 days → 2026-04-01T03:30Z; a job that ended
 * 2026-04-01T03:29Z is due, one that ended at 03:30Z is kept until tomorrow's run.
 */
export function retentionCutoff(now: number, days: number | null): number | null {
	return days === null ? null : now - days * DAY_MS;
}

/** Whether something whose clock started at `since` is due now (see `retentionCutoff`). */
export function isDue(since: number, now: number, days: number | null): boolean {
	const cutoff = retentionCutoff(now, days);
	return cutoff !== null && since < cutoff;
}

/** The settings row's retention columns (null columns kept as null: keep forever). */
export function retentionOf(row: Partial<Record<RetentionKey, number | null | undefined>>) {
	return Object.fromEntries(
		RETENTION_KEYS.map((key) => [key, row[key] === undefined ? RETENTION_DEFAULTS[key] : row[key]])
	) as RetentionSettings;
}
