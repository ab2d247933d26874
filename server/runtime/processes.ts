import { spawn, type ChildProcess } from 'node:child_process';

export type Child = { name: string; process: ChildProcess; stop: () => Promise<void> };

export type ChildOptions = {
	env: Record<string, string | undefined>;
	/** Where the child's output goes: 'inherit' shows it, a function receives each line. */
	output: 'inherit' | ((line: string) => void);
	/** Called when the child exits before stop() was asked for. */
	onUnexpectedExit?: (code: number | null, signal: string | null) => void;
};

const live = new Set<ChildProcess>();

// Each child runs in its own process group so that we stop it (and whatever it spawned: zero-cache's
// workers, vite's esbuild) as a whole, in our order, and never leave one behind if we exit.
process.on('exit', () => {
	for (const child of live) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

export function startChild(name: string, command: string, args: string[], options: ChildOptions): Child {
	const child = spawn(command, args, {
		env: { ...process.env, ...options.env },
		stdio: options.output === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
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
			killGroup(child, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 8000);
			await exited;
			clearTimeout(timer);
			// The leader is gone; make sure nothing it started lingers.
			killGroup(child, 'SIGKILL');
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
