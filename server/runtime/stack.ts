import { join } from 'node:path';
import { hashPassword } from '../auth/password.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { seedIfEmpty, type SeedSummary } from '../../drizzle/seed/seed.ts';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.ts';
import { APP_NODE_FLAGS } from './node-flags.ts';
import { httpOk, startChild, waitFor, type Child, type ChildOptions } from './processes.ts';
import { startZeroCache } from './zero-cache.ts';

export type StackOptions = {
	mode: 'dev' | 'start';
	/** Embedded Postgres data, zero-cache's replica and (by default) uploaded files live here. */
	dataDir: string;
	webPort: number;
	zeroPort: number;
	/** Port of the embedded Postgres; ignored when `databaseUrl` is given. */
	postgresPort: number;
	/** An external Postgres (with wal_level=logical) instead of the embedded one. */
	databaseUrl?: string;
	seed: boolean;
	output: ChildOptions['output'];
	/** Called if a child dies while the stack runs. */
	onCrash?: (name: string, code: number | null) => void;
};

export type RunningStack = {
	appUrl: string;
	zeroUrl: string;
	databaseUrl: string;
	seeded: SeedSummary | null;
	stop: () => Promise<void>;
};

/**
 * Starts everything in order — Postgres, migrations, demo data, zero-cache, worker, web — and
 * resolves once /healthz answers 200. stop() takes it down in reverse order.
 */
export async function startStack(o: StackOptions): Promise<RunningStack> {
	const children: Child[] = [];
	let pg: RunningPostgres | undefined;
	const stop = async () => {
		for (const child of children.reverse()) await child.stop();
		children.length = 0;
		await pg?.stop();
		pg = undefined;
	};
	try {
		let databaseUrl = o.databaseUrl;
		if (!databaseUrl) {
			pg = await startEmbeddedPostgres(join(o.dataDir, 'postgres'), o.postgresPort);
			databaseUrl = pg.url;
		}
		await migrateDatabase(databaseUrl);
		const seeded = o.seed ? await seedIfEmpty(databaseUrl, new Date(), hashPassword) : null;

		const appUrl = `http://localhost:${o.webPort}`;
		const zeroUrl = `http://localhost:${o.zeroPort}`;
		const crash = (name: string) => (code: number | null) => o.onCrash?.(name, code);
		children.push(
			startZeroCache({
				databaseUrl,
				dataDir: o.dataDir,
				port: o.zeroPort,
				appUrl: `http://127.0.0.1:${o.webPort}`,
				output: o.output,
				onUnexpectedExit: crash('zero-cache')
			})
		);
		const env = {
			DATABASE_URL: databaseUrl,
			ZERO_PUBLIC_URL: zeroUrl,
			ZERO_INTERNAL_URL: `http://127.0.0.1:${o.zeroPort}`,
			PORT: String(o.webPort),
			INSECURE_COOKIES: '1',
			// Photos beside the stack's other data, unless a folder (or S3) is configured.
			FILE_STORE_DIR: process.env.FILE_STORE_DIR || join(o.dataDir, 'files')
		};
		children.push(
			startChild(
				'worker',
				process.execPath,
				[...APP_NODE_FLAGS, '--import', 'tsx', 'server/worker/main.ts'],
				{
					env,
					output: o.output,
					onUnexpectedExit: crash('worker')
				}
			)
		);
		const web =
			o.mode === 'dev'
				? [
						join(process.cwd(), 'node_modules', 'vite', 'bin', 'vite.js'),
						'dev',
						'--port',
						String(o.webPort),
						'--strictPort',
						'--clearScreen',
						'false',
						'--logLevel',
						'warn'
					]
				: ['build'];
		children.push(
			startChild('web', process.execPath, [...APP_NODE_FLAGS, ...web], {
				env: {
					...env,
					HOST: process.env.HOST ?? '0.0.0.0',
					ORIGIN: process.env.ORIGIN ?? appUrl,
					// adapter-node refuses bodies over 512 KB; a photo may be up to 8 MB (the route checks).
					BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '9M'
				},
				output: o.output,
				onUnexpectedExit: crash('web')
			})
		);
		await waitFor(
			'the app to report healthy at /healthz',
			() => httpOk(`${appUrl}/healthz`),
			120_000
		);
		return { appUrl, zeroUrl, databaseUrl, seeded, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
