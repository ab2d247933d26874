import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../drizzle/schema.ts';
import { seedIfEmpty } from '../../drizzle/seed/seed.ts';
import { officeCanManageAppointment, type AuthContext } from '../../sync/auth.ts';
import { startFakeS3, type FakeS3 } from '../../tests/fakes/s3.ts';
import { jpegHeader, pngImage } from '../../tests/support/images.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { authContextFor } from '../auth/context.ts';
import { closeDatabase } from '../db/client.ts';
import { apiGetFieldPhoto, apiPutFieldPhoto } from './photo-api.ts';

// Photos of jobs through PUT and GET /api/field/photos/{id}, against the demo company, with each
// file-store driver: the local folder, and S3 (the real SDK against tests/fakes/s3.ts). One photo
// id is one row and one file however often it is sent; only the job's cleaner uploads; only they
// and the office in scope read it back.

const S3 = { bucket: 'valclean-photos', accessKeyId: 'AKIDPHOTOS', secretAccessKey: 'shh' };
const FILE_ENV = ['FILE_STORE_DIR', 'S3_BUCKET', 'S3_ENDPOINT', 'S3_REGION'];
const FILE_ENV_KEYS = ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'];
const saved = Object.fromEntries([...FILE_ENV, ...FILE_ENV_KEYS].map((n) => [n, process.env[n]]));

let pg: TestDatabase;
let fake: FakeS3;
let dir: string;
let amira: AuthContext;
let otherCleaner: AuthContext;
let mine: { id: string; staffId: string; locationId: string | null };
let theirs: string;

async function contextOf(email: string): Promise<AuthContext> {
	const [user] = await pg.db.select().from(users).where(eq(users.email, email));
	return authContextFor(pg.db, user);
}

function put(
	ctx: AuthContext | undefined,
	photoId: string,
	jobId: string | null,
	body: Uint8Array
) {
	const url = new URL(`http://test/api/field/photos/${photoId}`);
	if (jobId) url.searchParams.set('job', jobId);
	const request = new Request(url, {
		method: 'PUT',
		headers: { 'content-type': 'image/jpeg' },
		body: body as BodyInit
	});
	return apiPutFieldPhoto(request, url, photoId, ctx);
}

const errorOf = async (response: Response) => (await response.json()).error;

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedIfEmpty(pg.url, new Date(), async (p) => `test-hash:${p}`);
	process.env.DATABASE_URL = pg.url;
	dir = await mkdtemp(join(tmpdir(), 'valclean-photos-'));
	fake = await startFakeS3(S3);
	amira = await contextOf('amira@valclean.test');
	const [other] = await pg.sql`
		SELECT u.email FROM staff s JOIN users u ON u.id = s.user_id WHERE s.id <> ${amira.staffID}
		LIMIT 1`;
	otherCleaner = await contextOf(other.email);
	[mine] = await pg.sql<(typeof mine)[]>`
		SELECT id, staff_id AS "staffId", location_id AS "locationId" FROM appointments
		WHERE staff_id = ${amira.staffID} LIMIT 1`;
	[{ id: theirs }] = await pg.sql`
		SELECT id FROM appointments WHERE staff_id <> ${amira.staffID} LIMIT 1`;
});

afterAll(async () => {
	for (const [name, value] of Object.entries(saved))
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	await closeDatabase();
	await fake?.close();
	await pg?.stop();
	if (dir) await rm(dir, { recursive: true, force: true });
});

const drivers = [
	{
		name: 'local folder',
		use() {
			for (const n of [...FILE_ENV, ...FILE_ENV_KEYS]) delete process.env[n];
			process.env.FILE_STORE_DIR = dir;
		},
		async files(jobId: string) {
			return (await readdir(join(dir, 'photos', jobId)).catch(() => [])).map(
				(f) => `photos/${jobId}/${f}`
			);
		},
		async bytes(key: string) {
			return readFile(join(dir, ...key.split('/')));
		}
	},
	{
		name: 'S3-compatible (fake)',
		use() {
			delete process.env.FILE_STORE_DIR;
			Object.assign(process.env, {
				S3_BUCKET: S3.bucket,
				S3_ENDPOINT: fake.url,
				S3_REGION: 'eu-west-2',
				S3_ACCESS_KEY_ID: S3.accessKeyId,
				S3_SECRET_ACCESS_KEY: S3.secretAccessKey
			});
		},
		async files(jobId: string) {
			return [...fake.objects.keys()].filter((k) => k.startsWith(`photos/${jobId}/`));
		},
		async bytes(key: string) {
			return fake.objects.get(key)!.body;
		}
	}
];

describe.each(drivers)('photos of a job, stored in the $name', (driver) => {
	it('stores a photo once: a repeat, or several at once, answer 200 and add nothing', async () => {
		driver.use();
		const id = uuidv7();
		const picture = pngImage(64, 48, 1);
		const first = await put(amira, id, mine.id, picture);
		expect(first.status).toBe(201);
		expect((await first.json()).data).toMatchObject({
			id,
			job_id: mine.id,
			content_type: 'image/png',
			bytes: picture.length,
			width: 64,
			height: 48,
			url: `/api/field/photos/${id}`,
			status: 'stored'
		});
		const again = await Promise.all([1, 2, 3].map(() => put(amira, id, mine.id, picture)));
		expect(again.map((r) => r.status)).toEqual([200, 200, 200]);
		expect((await again[0].json()).data.status).toBe('duplicate');

		const rows = await pg.sql`SELECT * FROM field_photos WHERE id = ${id}`;
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			job_id: mine.id,
			staff_id: amira.staffID,
			bytes: picture.length
		});
		expect(rows[0].storage_key).toBe(`photos/${mine.id}/${id}.png`);
		expect((await driver.files(mine.id)).filter((k) => k.includes(id))).toEqual([
			rows[0].storage_key
		]);
		expect(Buffer.compare(await driver.bytes(rows[0].storage_key), picture)).toBe(0);
	});

	it('stores photos sent at the same time exactly once each (a restarted upload races the first)', async () => {
		driver.use();
		const id = uuidv7();
		const results = await Promise.all(
			[1, 2, 3, 4].map(() => put(amira, id, mine.id, jpegHeader(1600, 1200, 2048)))
		);
		expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
		expect(await pg.sql`SELECT 1 FROM field_photos WHERE id = ${id}`).toHaveLength(1);
		expect((await driver.files(mine.id)).filter((k) => k.includes(id))).toHaveLength(1);
	});

	it('streams the photo back to the job’s cleaner and the office in scope, and hides it from others', async () => {
		driver.use();
		const id = uuidv7();
		const picture = pngImage(20, 10, 2);
		expect((await put(amira, id, mine.id, picture)).status).toBe(201);

		const mineBack = await apiGetFieldPhoto(id, amira);
		expect(mineBack.status).toBe(200);
		expect(mineBack.headers.get('content-type')).toBe('image/png');
		expect(mineBack.headers.get('x-content-type-options')).toBe('nosniff');
		expect(Buffer.from(await mineBack.arrayBuffer()).equals(picture)).toBe(true);
		expect((await apiGetFieldPhoto(id, await contextOf('admin@valclean.test'))).status).toBe(200);

		const seen: boolean[] = [];
		for (const email of ['north.manager@valclean.test', 'south.manager@valclean.test']) {
			const manager = await contextOf(email);
			const inScope = officeCanManageAppointment(manager.office, mine);
			seen.push(inScope);
			const response = await apiGetFieldPhoto(id, manager);
			expect(response.status).toBe(inScope ? 200 : 404);
		}
		expect(seen).toContain(true);
		expect(seen).toContain(false);

		const other = await apiGetFieldPhoto(id, otherCleaner);
		expect(other.status).toBe(404);
		expect(await errorOf(other)).toMatchObject({ code: 'NOT_FOUND' });
		const customer = await apiGetFieldPhoto(id, await contextOf('customer@valclean.test'));
		expect(customer.status).toBe(403);
		expect((await apiGetFieldPhoto(id, undefined)).status).toBe(401);
		expect((await apiGetFieldPhoto(uuidv7(), amira)).status).toBe(404);
		expect((await apiGetFieldPhoto('not-an-id', amira)).status).toBe(404);
	});
});

describe('what an upload must be', () => {
	const picture = pngImage(8, 8);

	it('comes from the cleaner the job is assigned to', async () => {
		drivers[0].use();
		expect((await put(undefined, uuidv7(), mine.id, picture)).status).toBe(401);
		const admin = await put(await contextOf('admin@valclean.test'), uuidv7(), mine.id, picture);
		expect(admin.status).toBe(403);
		const customer = await put(
			await contextOf('customer@valclean.test'),
			uuidv7(),
			mine.id,
			picture
		);
		expect(customer.status).toBe(403);
		const someoneElses = await put(amira, uuidv7(), theirs, picture);
		expect(someoneElses.status).toBe(403);
		expect(await errorOf(someoneElses)).toMatchObject({
			code: 'FORBIDDEN',
			message: expect.stringMatching(/not yours/)
		});
		expect((await put(amira, uuidv7(), uuidv7(), picture)).status).toBe(404);
		expect(await pg.sql`SELECT 1 FROM field_photos WHERE job_id = ${theirs}`).toHaveLength(0);
	});

	it('keeps a photo id to its first photo: another job or cleaner cannot take it over', async () => {
		drivers[0].use();
		const id = uuidv7();
		expect((await put(amira, id, mine.id, picture)).status).toBe(201);
		const [{ id: otherJob }] = await pg.sql`
			SELECT id FROM appointments WHERE staff_id = ${otherCleaner.staffID} LIMIT 1`;
		const takeover = await put(otherCleaner, id, otherJob, pngImage(8, 8, 9));
		expect(takeover.status).toBe(409);
		expect(await errorOf(takeover)).toMatchObject({ code: 'PHOTO_ID_TAKEN' });
		const [row] = await pg.sql`SELECT job_id, staff_id FROM field_photos WHERE id = ${id}`;
		expect(row).toEqual({ job_id: mine.id, staff_id: amira.staffID });
	});

	it('is a JPEG, PNG or WebP by its bytes, whatever the request says', async () => {
		drivers[0].use();
		const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>');
		const refused = await put(amira, uuidv7(), mine.id, svg);
		expect(refused.status).toBe(415);
		expect(await errorOf(refused)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
		const truncated = await put(amira, uuidv7(), mine.id, pngImage(8, 8).subarray(0, 12));
		expect(truncated.status).toBe(415);
	});

	it('weighs at most 8 MB, and is not empty', async () => {
		drivers[0].use();
		const id = uuidv7();
		const big = await put(amira, id, mine.id, jpegHeader(4000, 3000, 8 * 1024 * 1024));
		expect(big.status).toBe(413);
		expect(await errorOf(big)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
		expect(await pg.sql`SELECT 1 FROM field_photos WHERE id = ${id}`).toHaveLength(0);
		const empty = await put(amira, uuidv7(), mine.id, new Uint8Array());
		expect(empty.status).toBe(400);
		expect((await errorOf(empty)).details).toHaveProperty('body');
	});

	it('names a bad photo id or a missing job', async () => {
		drivers[0].use();
		const bad = await put(amira, 'photo-1', null, picture);
		expect(bad.status).toBe(400);
		expect(await errorOf(bad)).toMatchObject({
			code: 'VALIDATION_ERROR',
			details: { id: [expect.any(String)], job: [expect.any(String)] }
		});
	});
});
