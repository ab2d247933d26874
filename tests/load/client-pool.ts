// The headless Zero clients of `npm run load`, spread over a few child processes
// (tests/load/zero-clients.ts): one Node process holding hundreds of clients would carry every
// client's copy of the rows on one heap and one core.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AuthContext } from '../../sync/auth.ts';
import type { FromClients, ToClients } from './zero-clients.ts';

const SCRIPT = fileURLToPath(new URL('./zero-clients.ts', import.meta.url));

export type ClientPool = Awaited<ReturnType<typeof startClientPool>>;

export async function startClientPool(o: {
	cacheURL: string;
	token: string;
	context: AuthContext;
	clients: number;
	processes: number;
	from: number;
	to: number;
}) {
	const children: ChildProcess[] = [];
	let ask = 0;
	const request = <T extends FromClients>(
		child: ChildProcess,
		message: ToClients & { ask: number },
		type: T['type']
	) =>
		new Promise<T>((resolve, reject) => {
			const onMessage = (answer: FromClients) => {
				if (answer.type !== type || !('ask' in answer) || answer.ask !== message.ask) return;
				child.off('message', onMessage);
				child.off('exit', onExit);
				resolve(answer as T);
			};
			const onExit = (code: number | null) => reject(new Error(`client process exited (${code})`));
			child.on('message', onMessage);
			child.once('exit', onExit);
			child.send(message);
		});

	const perProcess = Math.ceil(o.clients / o.processes);
	const ready: Promise<Extract<FromClients, { type: 'ready' }>>[] = [];
	for (let first = 0; first < o.clients; first += perProcess) {
		const child = fork(SCRIPT, [], {
			execArgv: ['--import', 'tsx', '--max-old-space-size=8192'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			// Zero's client logs each reconnect: the faults would bury the report in them.
			env: { ...process.env, NODE_ENV: 'production' }
		});
		children.push(child);
		// A child that died (out of memory, say) must fail the question asked, not end this process
		// with an IPC error before the cluster is stopped.
		child.on('error', (error) => console.log(`client process ${child.pid}: ${error.message}`));
		ready.push(
			new Promise((resolve, reject) => {
				child.once('exit', (code) => reject(new Error(`client process exited (${code})`)));
				child.on('message', (m: FromClients) => m.type === 'ready' && resolve(m));
			})
		);
		child.send({
			type: 'init',
			cacheURL: o.cacheURL,
			token: o.token,
			context: o.context,
			count: Math.min(perProcess, o.clients - first),
			first,
			from: o.from,
			to: o.to
		} satisfies ToClients);
	}
	const started = await Promise.all(ready);

	return {
		/** Milliseconds each client took to connect from its process's start, and any that did not. */
		connectedMs: started.flatMap((r) => r.connectedMs),
		failed: started.flatMap((r) => r.failed),
		/** Per client, when it saw each id (epoch ms; null if not within `waitMs`). */
		async seen(ids: string[], waitMs: number) {
			const answers = await Promise.all(
				children.map((child) =>
					request<Extract<FromClients, { type: 'seen' }>>(
						child,
						{ type: 'seen', ask: ++ask, ids, waitMs },
						'seen'
					)
				)
			);
			return answers.flatMap((a) => a.times);
		},
		async status() {
			const answers = await Promise.all(
				children.map((child) =>
					request<Extract<FromClients, { type: 'status' }>>(
						child,
						{ type: 'status', ask: ++ask },
						'status'
					)
				)
			);
			const states: Record<string, number> = {};
			const logs: Record<string, number> = {};
			for (const a of answers) {
				for (const [name, n] of Object.entries(a.states)) states[name] = (states[name] ?? 0) + n;
				for (const [kind, n] of Object.entries(a.logs)) logs[kind] = (logs[kind] ?? 0) + n;
			}
			return {
				connected: answers.reduce((n, a) => n + a.connected, 0),
				states,
				logs,
				drops: answers.reduce((n, a) => n + a.drops, 0),
				rssMb: answers.reduce((n, a) => n + a.rssMb, 0),
				heapMb: answers.reduce((n, a) => n + a.heapMb, 0)
			};
		},
		/** Hands a fresh access token to every client process. */
		token(token: string) {
			for (const child of children) child.send({ type: 'token', token } satisfies ToClients);
		},
		async close() {
			await Promise.all(
				children.map(
					(child) =>
						new Promise<void>((resolve) => {
							if (child.exitCode !== null || !child.connected) {
								child.kill('SIGKILL');
								return resolve();
							}
							const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
							child.once('exit', () => {
								clearTimeout(timer);
								resolve();
							});
							child.send({ type: 'close' } satisfies ToClients);
						})
				)
			);
		}
	};
}
