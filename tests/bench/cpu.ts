import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** CPU seconds used so far by the processes whose command line matches each label (Linux /proc). */
export function cpuSeconds(groups: Record<string, RegExp>): Record<string, number> {
	const totals = Object.fromEntries(Object.keys(groups).map((k) => [k, 0]));
	for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
		try {
			const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
			for (const [label, pattern] of Object.entries(groups)) {
				if (pattern.test(cmd)) {
					totals[label] += seconds;
					break;
				}
			}
		} catch {
			// the process ended while we looked
		}
	}
	return totals;
}

/** Where the CPU went between two readings, as "web 3.1 s, postgres 2.0 s, …". */
export function cpuSpent(before: Record<string, number>, after: Record<string, number>): string {
	return Object.keys(after)
		.map((k) => `${k} ${(after[k] - before[k]).toFixed(1)} s`)
		.join(', ');
}

export const STACK_PROCESSES = {
	web: / build\s*$/,
	'zero-cache': /zero-cache|zero\/src\/cli\.js/,
	postgres: /postgres/,
	worker: /worker\/main\.ts/,
	bench: /tests\/bench\//
};
