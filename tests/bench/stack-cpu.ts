import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** CPU seconds by part of the stack, and the system (kernel) share of each as `<part> sys`. */
export type CpuReading = Record<string, number>;

/** Which part of the stack a command line belongs to. */
function partOf(cmd: string): string {
	if (/ build\s*$/.test(cmd)) return 'web';
	if (/zero-cache|@rocicorp\/zero/.test(cmd)) return 'zero-cache';
	if (/postgres/.test(cmd)) return 'postgres';
	if (/worker\/main\.ts/.test(cmd)) return 'worker';
	return 'other';
}

/**
 * CPU seconds used so far by the processes this bench started (its descendants, through Linux
 * /proc), by part, plus the bench process itself. Other stacks running on the machine at the same
 * time (tests, other benches) are not counted. A process's own time includes its children that
 * have ended (a Postgres backend that closed, say).
 */
export function stackCpu(): CpuReading {
	const parentOf = new Map<number, number>();
	const usage = new Map<number, { cmd: string; seconds: number; sys: number }>();
	for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const ticks = [11, 12, 13, 14].map((i) => Number(fields[i]));
			parentOf.set(Number(entry), Number(fields[1]));
			const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
			usage.set(Number(entry), {
				cmd,
				seconds: (ticks[0] + ticks[1] + ticks[2] + ticks[3]) / TICKS_PER_SECOND,
				sys: (ticks[1] + ticks[3]) / TICKS_PER_SECOND
			});
		} catch {
			// the process ended while we looked
		}
	}
	const own = process.cpuUsage();
	const totals: CpuReading = {
		web: 0,
		'zero-cache': 0,
		postgres: 0,
		worker: 0,
		bench: (own.user + own.system) / 1e6,
		'bench sys': own.system / 1e6
	};
	const queue = [process.pid];
	while (queue.length) {
		const parent = queue.shift()!;
		for (const [pid, ppid] of parentOf) {
			if (ppid !== parent) continue;
			queue.push(pid);
			const u = usage.get(pid);
			if (!u) continue;
			const part = partOf(u.cmd);
			totals[part] = (totals[part] ?? 0) + u.seconds;
			totals[`${part} sys`] = (totals[`${part} sys`] ?? 0) + u.sys;
		}
	}
	return totals;
}
