import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export type Child = { name: string; process: ChildProcess; stop: () => Promise<void> };

export type ChildOptions = {
	env: Record<string, string | undefined>;
	/** Where the child's output goes: 'inherit' shows it, a function receives each line. */
	output: 'inherit' | ((line: string) => void);
	/** The signal that asks it to stop (default SIGTERM). */
	stopSignal?: NodeJS.Signals;
	/** Called when the child exits before stop() was asked for. */
	onUnexpectedExit?: (code: number | null, signal: string | null) => void;
};

const live = new Set<ChildProcess>();

// Each child runs in its own process group so that a Ctrl-C reaches only us, and we stop the
// children in our order. What a child spawned is found through /proc: zero-cache starts its
// workers in sessions of their own, out of reach of a process-group kill.
process.on('exit', () => {
	for (const child of live) if (child.pid) killTree(child.pid, 'SIGKILL');
});

function signal(pid: number, sig: NodeJS.Signals) {
	try {
		process.kill(pid, sig);
	} catch {
		// already gone
	}
}

/** The pids of every live descendant of `root` (Linux /proc; empty elsewhere). */
function descendants(root: number): number[] {
	const parentOf = new Map<number, number>();
	let entries: string[] = [];
	try {
		entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
	} catch {
		return [];
	}
	for (const entry of entries) {
		try {
			// Fields after the command name, which sits in parentheses and may hold spaces.
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			parentOf.set(Number(entry), Number(fields[1]));
		} catch {
			// exited while we looked
		}
	}
	const found: number[] = [];
	const queue = [root];
	while (queue.length) {
		const parent = queue.shift()!;
		for (const [pid, ppid] of parentOf) {
			if (ppid !== parent) continue;
			found.push(pid);
			queue.push(pid);
		}
	}
	return found;
}

function killTree(pid: number, sig: NodeJS.Signals) {
	const tree = descendants(pid);
	signal(-pid, sig);
	signal(pid, sig);
	for (const d of tree) signal(d, sig);
}

export function startChild(
	name: string,
	command: string,
	args: string[],
	options: ChildOptions
): Child {
	const child = spawn(command, args, {
		env: { ...process.env, ...options.env },
		stdio:
			options.output === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
		detached: true
	});
	live.add(child);
	const sink = options.output;
	if (sink !== 'inherit') {
		for (const stream of [child.stdout, child.stderr]) {
			let rest = '';
			stream?.on('data', (chunk: Buffer) => {
				const lines = (rest + chunk.toString('utf8')).split('\n');
				rest = lines.pop() ?? '';
				for (const line of lines) sink(`[${name}] ${line}`);
			});
		}
	}
	let stopping = false;
	const exited = new Promise<void>((resolve) => {
		child.on('exit', (code, signal) => {
			live.delete(child);
			if (!stopping) options.onUnexpectedExit?.(code, signal);
			resolve();
		});
	});
	return {
		name,
		process: child,
		async stop() {
			stopping = true;
			const pid = child.pid;
			if (pid === undefined) return;
			const tree = descendants(pid);
			signal(pid, options.stopSignal ?? 'SIGTERM');
			const timer = setTimeout(() => killTree(pid, 'SIGKILL'), 8000);
			await exited;
			clearTimeout(timer);
			// The child is gone; make sure nothing it started lingers.
			signal(-pid, 'SIGKILL');
			for (const d of tree) signal(d, 'SIGKILL');
		}
	};
}

/** Polls `check` until it resolves true, or fails after `timeoutMs` naming what it waited for. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check().catch(() => false)) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export async function httpOk(url: string) {
	const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
	await response.body?.cancel();
	return response.ok;
}
