// Which backups to keep: the newest of each UTC day for the last `daily` days and the newest of
// each ISO week for the last `weekly` weeks (a grandfather-father-son rotation). Pure, so that the
// rule can be tested without files; backup.ts applies it to the folder.

export type RetentionPolicy = { daily: number; weekly: number };

export type BackupFile = { name: string; takenAt: Date };

const NAME = /^valclean-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.dump$/;

/** `valclean-20261201T190512Z.dump`: sorts by time, and says when it was taken. */
export function backupFileName(takenAt: Date): string {
	const stamp = takenAt
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/[-:]/g, '');
	return `valclean-${stamp}.dump`;
}

/** When a backup named by backupFileName was taken; null for any other file (left alone). */
export function parseBackupFileName(name: string): Date | null {
	const m = NAME.exec(name);
	if (!m) return null;
	const [, y, mo, d, h, mi, s] = m.map(Number);
	const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
	return Number.isNaN(at.getTime()) || backupFileName(at) !== name ? null : at;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC) of the day holding `at`. */
function dayNumber(at: Date): number {
	return Math.floor(at.getTime() / DAY_MS);
}

/** Weeks since the ISO week holding 1970-01-01 (a Thursday): weeks start on Monday. */
function isoWeekNumber(at: Date): number {
	// Day 0 was a Thursday; shifting by 3 makes Monday the first day of each block of 7.
	return Math.floor((dayNumber(at) + 3) / 7);
}

/**
 * The backups to remove under `policy` at `now`. Kept: the newest in each of the last
 * `policy.daily` UTC days (today is the first) and in each of the last `policy.weekly` ISO weeks
 * (this week is the first), and always the newest backup of all — even when a wrong clock puts
 * everything outside the windows, the latest copy is never deleted.
 */
export function backupsToRemove(
	files: BackupFile[],
	policy: RetentionPolicy,
	now: Date
): BackupFile[] {
	for (const [name, value] of Object.entries(policy))
		if (!Number.isInteger(value) || value < 0)
			throw new Error(`retention: ${name} must be a whole number ≥ 0, got ${value}`);
	const newestFirst = [...files].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
	const keep = new Set<BackupFile>(newestFirst.slice(0, 1));
	const today = dayNumber(now);
	const thisWeek = isoWeekNumber(now);
	const seenDays = new Set<number>();
	const seenWeeks = new Set<number>();
	for (const file of newestFirst) {
		const day = dayNumber(file.takenAt);
		const week = isoWeekNumber(file.takenAt);
		if (today - day < policy.daily && day <= today && !seenDays.has(day)) keep.add(file);
		if (thisWeek - week < policy.weekly && week <= thisWeek && !seenWeeks.has(week)) keep.add(file);
		seenDays.add(day);
		seenWeeks.add(week);
	}
	return newestFirst.filter((f) => !keep.has(f));
}
