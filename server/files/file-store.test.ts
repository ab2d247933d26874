import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3 } from '../../tests/fakes/s3.ts';
import { localFileStore } from './local-driver.ts';
import type { FileStore } from './port.ts';
import { s3FileStore } from './s3-driver.ts';

// Both file-store drivers keep the same promises: the local folder, and the real S3 SDK against a
// local fake of an S3-compatible store (tests/fakes/s3.ts).

const S3 = { bucket: 'valclean-test', accessKeyId: 'AKIDVALCLEAN', secretAccessKey: 'shh' };
let dir: string;
let fake: FakeS3;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'valclean-files-'));
	fake = await startFakeS3(S3);
});

afterAll(async () => {
	await fake?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);
const text = async (store: FileStore, key: string) => {
	const file = await store.get(key);
	return file && { ...file, body: await new Response(file.body).text() };
};

const drivers: [string, () => FileStore][] = [
	['local folder', () => localFileStore(dir)],
	['S3-compatible (fake)', () => s3FileStore({ ...S3, region: 'eu-west-2', endpoint: fake.url })]
];

describe.each(drivers)('file store: %s', (_name, make) => {
	it('gives back what it stored, with its type and size; a second put replaces it', async () => {
		const store = make();
		const key = 'photos/job-1/a.jpg';
		expect(await store.has(key)).toBe(false);
		await store.put(key, bytes('first'), 'image/jpeg');
		expect(await store.has(key)).toBe(true);
		expect(await text(store, key)).toEqual({ body: 'first', contentType: 'image/jpeg', size: 5 });
		await store.put(key, bytes('second!'), 'image/jpeg');
		expect(await text(store, key)).toEqual({ body: 'second!', contentType: 'image/jpeg', size: 7 });
	});

	it('deletes a file for good, and deleting a missing one is no error', async () => {
		const store = make();
		const key = 'photos/job-4/gone.jpg';
		await store.put(key, bytes('soon gone'), 'image/jpeg');
		await store.delete(key);
		expect(await store.has(key)).toBe(false);
		expect(await store.get(key)).toBeNull();
		await store.delete(key);
		await expect(store.delete('../escape.jpg')).rejects.toThrow(/Not a file-store key/);
	});

	it('answers null and false for a key it does not have', async () => {
		const store = make();
		expect(await store.get('photos/job-1/none.jpg')).toBeNull();
		expect(await store.has('photos/job-1/none.jpg')).toBe(false);
	});

	it('refuses keys that could reach outside its place', async () => {
		const store = make();
		for (const key of [
			'../escape.jpg',
			'photos/../../x.jpg',
			'/etc/passwd',
			'a\\b.jpg',
			'',
			'a//b'
		])
			await expect(store.put(key, bytes('x'), 'image/jpeg')).rejects.toThrow(
				/Not a file-store key/
			);
	});
});

describe('file store: local folder', () => {
	it('leaves no temporary file behind, only the file under its key', async () => {
		const store = localFileStore(dir);
		await Promise.all(
			[1, 2, 3].map((n) => store.put('photos/job-2/b.png', bytes(`copy ${n}`), 'image/png'))
		);
		expect(await readdir(join(dir, 'photos', 'job-2'))).toEqual(['b.png']);
		expect((await text(store, 'photos/job-2/b.png'))?.body).toMatch(/^copy [123]$/);
	});
});

describe('file store: S3-compatible (fake)', () => {
	it('sends path-style requests to the bucket with the object’s type', async () => {
		const store = s3FileStore({ ...S3, region: 'eu-west-2', endpoint: fake.url });
		await store.put('photos/job-3/c.webp', bytes('webp'), 'image/webp');
		expect(fake.objects.get('photos/job-3/c.webp')).toMatchObject({ contentType: 'image/webp' });
		expect(fake.requests.at(-1)).toEqual({ method: 'PUT', key: 'photos/job-3/c.webp' });
	});

	it('tries again after a passing failure of the store (the SDK’s retry), and stores once', async () => {
		const store = s3FileStore({ ...S3, region: 'eu-west-2', endpoint: fake.url });
		fake.next({ status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' });
		const before = fake.requests.length;
		await store.put('photos/job-3/d.jpg', bytes('retried'), 'image/jpeg');
		expect(fake.requests.slice(before).map((r) => r.method)).toEqual(['PUT', 'PUT']);
		expect(fake.objects.get('photos/job-3/d.jpg')?.body.toString()).toBe('retried');
	});

	it('fails loudly with wrong keys or a missing bucket', async () => {
		const wrongKey = s3FileStore({
			...S3,
			accessKeyId: 'AKIDOTHER',
			region: 'eu-west-2',
			endpoint: fake.url
		});
		await expect(wrongKey.put('photos/x.jpg', bytes('x'), 'image/jpeg')).rejects.toThrow(
			/Access Denied/
		);
		const noBucket = s3FileStore({
			...S3,
			bucket: 'gone',
			region: 'eu-west-2',
			endpoint: fake.url
		});
		await expect(noBucket.get('photos/x.jpg')).rejects.toThrow(/bucket does not exist/);
	});
});
