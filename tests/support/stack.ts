import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type StackOptions } from '../../server/runtime/stack.ts';
import { relaxPublicLimits } from './limits.ts';
import { freePort, freePortRange } from './ports.ts';

/** A fresh data folder Postgres can use (as root it runs as its own user, so not mkdtemp's 0700). */
export async function temporaryDataDir(): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'valclean-stack-'));
	await chmod(dir, 0o755);
	return dir;
}

/**
 * The whole stack with demo data, on free ports, in `dataDir` (a new temporary folder by default,
 * deleted by stop()). Its output is kept and shown only if it fails to start or a part crashes
 * (STACK_LOG=1 prints it as it comes).
 */
export async function startTestStack(mode: StackOptions['mode'], dataDir?: string) {
	relaxPublicLimits();
	// The suite signs the demo admin in dozens of times a minute; a code works once otherwise, and
	// only three are valid at a time (server/auth/totp.ts).
	process.env.TOTP_ACCEPT_REPLAYS ??= '1';
	const dir = dataDir ?? (await temporaryDataDir());
	const log: string[] = [];
	const stack = await startStack({
		mode,
		dataDir: dir,
		webPort: await freePort(),
		zeroPort: await freePortRange(3),
		postgresPort: await freePort(),
		seed: true,
		output: (line) => (process.env.STACK_LOG ? console.log(line) : log.push(line)),
		onCrash: (name, code) =>
			console.error(`${name} crashed (exit ${code}):\n${log.slice(-40).join('\n')}`)
	}).catch(async (error) => {
		console.error(log.slice(-60).join('\n'));
		if (!dataDir) await rm(dir, { recursive: true, force: true });
		throw error;
	});
	return {
		...stack,
		dataDir: dir,
		/** The web server's and worker's error lines so far, to show beside failing tests. */
		errors: () =>
			log.filter(
				(l) => /^\[(web|worker)\].*(error|failed|Error)/.test(l) && !l.includes('ApplicationError')
			),
		async stop() {
			await stack.stop();
			if (!dataDir) await rm(dir, { recursive: true, force: true });
		}
	};
}
