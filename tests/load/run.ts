import { cpus, loadavg, totalmem } from 'node:os';
import type postgres from 'postgres';
import type { startTestCluster } from '../support/cluster.ts';
import type { LoadOptions } from './options.ts';

/** What each phase of `npm run load` works with. */
export type LoadRun = {
	cluster: Awaited<ReturnType<typeof startTestCluster>>;
	/** Straight to Postgres, for set-up and the checks. */
	sql: postgres.Sql;
	options: LoadOptions;
};

// Districts the demo's cleaners cover, north and south: different postcodes, different cleaners.
export const POSTCODES = [
	'N16 9PD',
	'N7 6PA',
	'NW5 2HR',
	'N4 3QP',
	'SW9 8EJ',
	'SE15 4QN',
	'SW11 5TB',
	'SE5 8RS'
];

const machine = () =>
	`load average ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')} on ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
export const section = (title: string) => console.log(`\n== ${title} (${machine()})`);
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
