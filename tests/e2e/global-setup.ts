import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStack } from '../../server/runtime/stack.ts';
import { freePort, freePortRange } from '../support/ports.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		appUrl: string;
		databaseUrl: string;
		dataDir: string;
	}
}

/** Starts the production build with everything it needs, on free ports, in a temporary folder. */
export default async function setup(project: TestProject) {
	const dataDir = await mkdtemp(join(tmpdir(), 'valclean-e2e-'));
	// Postgres runs as its own user when we are root: it must be able to reach its folder inside.
	await chmod(dataDir, 0o755);
	const log: string[] = [];
	const stack = await startStack({
		mode: 'start',
		dataDir,
		webPort: await freePort(),
		zeroPort: await freePortRange(3),
		postgresPort: await freePort(),
		seed: true,
		output: (line) => log.push(line),
		onCrash: (name, code) =>
			console.error(`${name} crashed (exit ${code}):\n${log.slice(-40).join('\n')}`)
	}).catch((error) => {
		console.error(log.slice(-60).join('\n'));
		throw error;
	});
	project.provide('appUrl', stack.appUrl);
	project.provide('databaseUrl', stack.databaseUrl);
	project.provide('dataDir', dataDir);
	return async () => {
		await stack.stop();
		await rm(dataDir, { recursive: true, force: true });
	};
}
