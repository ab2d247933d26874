import { describe, expect, it } from 'vitest';
import {
	backupFileName,
	backupsToRemove,
	parseBackupFileName,
	type BackupFile
} from './retention.ts';

const at = (iso: string): BackupFile => {
	const takenAt = new Date(iso);
	return { name: backupFileName(takenAt), takenAt };
};
const names = (files: BackupFile[]) => files.map((f) => f.takenAt.toISOString()).sort();

describe('backup file names', () => {
	it('stamps the UTC time to the second, and reads it back', () => {
		const taken = new Date('2026-12-01T19:05:12.345Z');
		expect(backupFileName(taken)).toBe('valclean-20261201T190512Z.dump');
		expect(parseBackupFileName('valclean-20261201T190512Z.dump')).toEqual(
			new Date('2026-12-01T19:05:12Z')
		);
	});

	it('leaves other files alone: unfinished dumps, other names, impossible dates', () => {
		expect(parseBackupFileName('valclean-20261201T190512Z.dump.partial')).toBeNull();
		expect(parseBackupFileName('notes.txt')).toBeNull();
		expect(parseBackupFileName('valclean-20261301T190512Z.dump')).toBeNull();
		expect(parseBackupFileName('valclean-20260230T190512Z.dump')).toBeNull();
	});
});

describe('which backups to remove', () => {
	const now = new Date('2026-12-01T20:00:00Z'); // a Tuesday

	it('keeps the newest of each of the last 7 days and removes the others of those days', () => {
		const files = [
			at('2026-12-01T02:00:00Z'),
			at('2026-12-01T14:00:00Z'),
			at('2026-11-30T02:00:00Z'),
			at('2026-11-30T14:00:00Z'),
			at('2026-11-25T14:00:00Z'), // 7th day back counting today: kept
			at('2026-11-24T23:59:59Z') // 8th day back: outside the daily window
		];
		const removed = backupsToRemove(files, { daily: 7, weekly: 0 }, now);
		expect(names(removed)).toEqual([
			'2026-11-24T23:59:59.000Z',
			'2026-11-30T02:00:00.000Z',
			'2026-12-01T02:00:00.000Z'
		]);
	});

	it('keeps the newest of each of the last 4 ISO weeks (Monday to Sunday) beyond the daily ones', () => {
		const files = [
			at('2026-12-01T03:00:00Z'), // this week (from Monday 30 November)
			at('2026-11-29T03:00:00Z'), // Sunday: last week's newest
			at('2026-11-23T03:00:00Z'), // Monday of last week: not its newest
			at('2026-11-20T03:00:00Z'), // two weeks back
			at('2026-11-10T03:00:00Z'), // three weeks back (week of 9 November)
			at('2026-11-08T03:00:00Z') // four weeks back: outside
		];
		const removed = backupsToRemove(files, { daily: 1, weekly: 4 }, now);
		expect(names(removed)).toEqual(['2026-11-08T03:00:00.000Z', '2026-11-23T03:00:00.000Z']);
	});

	it('keeps what either rule keeps', () => {
		const files = [
			at('2026-12-01T03:00:00Z'),
			at('2026-11-30T03:00:00Z'), // daily window (2 days)
			at('2026-11-29T03:00:00Z'), // last week's newest
			at('2026-11-28T03:00:00Z') // neither
		];
		expect(names(backupsToRemove(files, { daily: 2, weekly: 2 }, now))).toEqual([
			'2026-11-28T03:00:00.000Z'
		]);
	});

	it('never removes the newest backup, even when every backup is older than the windows', () => {
		const files = [at('2026-01-02T03:00:00Z'), at('2026-01-01T03:00:00Z')];
		expect(names(backupsToRemove(files, { daily: 7, weekly: 4 }, now))).toEqual([
			'2026-01-01T03:00:00.000Z'
		]);
		expect(backupsToRemove([], { daily: 7, weekly: 4 }, now)).toEqual([]);
	});

	it('refuses a policy that is not a whole number', () => {
		expect(() => backupsToRemove([], { daily: -1, weekly: 4 }, now)).toThrow(/daily/);
		expect(() => backupsToRemove([], { daily: 7, weekly: 1.5 }, now)).toThrow(/weekly/);
	});
});
