// npm run bench:startup — time from start to "ready" (/healthz 200) for `npm run dev`'s stack:
// cold (empty data folder: initdb, migrations, demo data) and warm (the same folder again).
import { rm } from 'node:fs/promises';
import { startTestStack, temporaryDataDir } from '../support/stack.ts';
import { report } from './stats.ts';

const runs = Number(process.env.RUNS ?? 3);
const mode = process.env.MODE === 'start' ? 'start' : 'dev';
const cold: number[] = [];
const warm: number[] = [];

async function timeStart(dataDir: string) {
	const started = performance.now();
	const stack = await startTestStack(mode, dataDir);
	const seconds = (performance.now() - started) / 1000;
	await stack.stop();
	return seconds;
}

for (let i = 0; i < runs; i++) {
	const dataDir = await temporaryDataDir();
	try {
		cold.push(await timeStart(dataDir));
		warm.push(await timeStart(dataDir));
		console.log(
			`run ${i + 1}: cold ${cold.at(-1)!.toFixed(2)} s, warm ${warm.at(-1)!.toFixed(2)} s`
		);
	} finally {
		await rm(dataDir, { recursive: true, force: true });
	}
}
report(`${mode} start to ready, cold`, 's', cold);
report(`${mode} start to ready, warm`, 's', warm);
