import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	isZeroPublication,
	isZeroSchema,
	resetZeroReplicas,
	withoutZeroEntries
} from './zero-state.ts';

describe("Zero's own objects in the database", () => {
	it('knows its schemas, and none of ours', () => {
		for (const name of ['zero', 'zero_0', 'zero_0/cdc', 'zero_0/cvr', 'zero_12'])
			expect(isZeroSchema(name)).toBe(true);
		for (const name of ['public', 'graphile_worker', 'drizzle', 'zero_data', 'zeroes', 'zero_0x'])
			expect(isZeroSchema(name)).toBe(false);
	});

	it('keeps our publication zero_data and drops its own', () => {
		expect(isZeroPublication('_zero_metadata_0')).toBe(true);
		expect(isZeroPublication('_zero_public_0')).toBe(true);
		expect(isZeroPublication('zero_data')).toBe(false);
	});

	it('takes its event triggers and publications out of a restore list, and nothing else', () => {
		const list = [
			';     Dumped from database version 15.18',
			'4301; 3466 17045 EVENT TRIGGER - zero_ddl_end_0 valclean',
			'4300; 3466 17044 EVENT TRIGGER - zero_ddl_start_0 valclean',
			'4302; 3466 17050 EVENT TRIGGER - audit_ddl valclean',
			'4150; 6104 16999 PUBLICATION - _zero_metadata_0 valclean',
			'4149; 6104 16998 PUBLICATION - zero_data valclean',
			'4151; 6106 17000 PUBLICATION TABLE public zero_data appointments valclean',
			'250; 1259 16400 TABLE public appointments valclean'
		].join('\n');
		const { list: kept, left } = withoutZeroEntries(list);
		expect(left).toEqual([
			'event trigger zero_ddl_end_0',
			'event trigger zero_ddl_start_0',
			'publication _zero_metadata_0'
		]);
		expect(kept.split('\n')).toEqual([
			';     Dumped from database version 15.18',
			'4302; 3466 17050 EVENT TRIGGER - audit_ddl valclean',
			'4149; 6104 16998 PUBLICATION - zero_data valclean',
			'4151; 6106 17000 PUBLICATION TABLE public zero_data appointments valclean',
			'250; 1259 16400 TABLE public appointments valclean'
		]);
	});
});

describe("resetting zero-cache's replicas", () => {
	it('deletes the replica and its companions, the cluster’s per-process ones and Litestream’s backup, nothing else', async () => {
		const dataDir = await mkdtemp(join(tmpdir(), 'valclean-zero-'));
		try {
			const zero = join(dataDir, 'zero');
			for (const folder of ['', 'rm', 'vs-a', 'backup/generations'])
				await mkdir(join(zero, folder), { recursive: true });
			const files = [
				'replica.db',
				'replica.db-wal2',
				'replica.db-shm',
				'rm/replica.db',
				'rm/replica.db-wal',
				'vs-a/replica.db',
				'backup/generations/0001.wal.lz4',
				'notes.txt',
				'rm/other.db'
			];
			for (const file of files) await writeFile(join(zero, file), 'x');
			const removed = await resetZeroReplicas(dataDir);
			expect(removed.map((p) => p.slice(zero.length + 1)).sort()).toEqual([
				'backup',
				'replica.db',
				'replica.db-shm',
				'replica.db-wal2',
				'rm/replica.db',
				'rm/replica.db-wal',
				'vs-a/replica.db'
			]);
			expect((await readdir(zero)).sort()).toEqual(['notes.txt', 'rm', 'vs-a']);
			expect(await readdir(join(zero, 'rm'))).toEqual(['other.db']);
			expect(await resetZeroReplicas(join(dataDir, 'nothing-here'))).toEqual([]);
		} finally {
			await rm(dataDir, { recursive: true, force: true });
		}
	});
});
