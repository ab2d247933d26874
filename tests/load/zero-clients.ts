// A child process of `npm run load` holding a share of the headless Zero clients: each its own
// client group (as separate devices are), signed in by the manager's bearer token, subscribed to
// the office calendar over the whole booking window. It notes when each client first sees each
// appointment, and answers the parent's questions over IPC (messages below). Several such
// processes share the clients so that no one Node process carries them all.
import { Zero } from '@rocicorp/zero';
import type { AuthContext } from '../../sync/auth.ts';
import { mutators } from '../../sync/mutators/index.ts';
import { queries } from '../../sync/queries/index.ts';
import { schema } from '../../sync/schema.ts';
import { reconnectAfterErrors } from '../../src/lib/zero/reconnect.ts';

export type ClientsInit = {
	type: 'init';
	cacheURL: string;
	token: string;
	context: AuthContext;
	/** Clients in this process, and the number of the first (for their storage keys). */
	count: number;
	first: number;
	from: number;
	to: number;
};

/** What the parent asks. */
export type ToClients =
	| ClientsInit
	/** When did every client see each of `ids` (epoch ms, null when not within `waitMs`)? */
	| { type: 'seen'; ask: number; ids: string[]; waitMs: number }
	/** How many clients are connected now, and the process's memory. */
	| { type: 'status'; ask: number }
	/** A fresh access token (they last 15 minutes): for every reconnect from now on. */
	| { type: 'token'; token: string }
	| { type: 'close' };

export type FromClients =
	| { type: 'ready'; connectedMs: number[]; failed: string[] }
	| { type: 'seen'; ask: number; times: (number | null)[][] }
	| {
			type: 'status';
			ask: number;
			connected: number;
			states: Record<string, number>;
			rssMb: number;
			heapMb: number;
			/** Times a client lost a connection it had. */
			drops: number;
			/** Log lines the clients wrote, by kind. */
			logs: Record<string, number>;
	  };

type Client = Zero<typeof schema, undefined, AuthContext | undefined>;
type Watched = { z: Client; seen: Map<string, number>; drops: number };

/** Epoch milliseconds with sub-millisecond precision, comparable across processes. */
const now = () => performance.timeOrigin + performance.now();
const send = (message: FromClients) => process.send!(message);
const clients: Watched[] = [];
let token = '';

// Zero's client logs every lost connection with its stack: with hundreds of clients through the
// faults that would bury the report. Counted instead, with the first line of the first few kinds.
const logged = { lines: 0, kinds: new Map<string, number>() };
const count = (...args: unknown[]) => {
	logged.lines++;
	const text = args.map(String).join(' ');
	const kind =
		/Failed to connect|Slow query materialization|[A-Z][a-z]+Error|error/.exec(text)?.[0] ??
		'other';
	logged.kinds.set(kind, (logged.kinds.get(kind) ?? 0) + 1);
};
console.log = console.info = console.warn = console.error = console.debug = count;

async function start(init: ClientsInit) {
	token = init.token;
	const connectedMs: number[] = [];
	const failed: string[] = [];
	const started = now();
	await Promise.all(
		Array.from({ length: init.count }, async (_, i) => {
			const z: Client = new Zero<typeof schema, undefined, AuthContext | undefined>({
				cacheURL: init.cacheURL,
				userID: init.context.userID,
				auth: init.token,
				schema,
				mutators,
				kvStore: 'mem',
				storageKey: `load-${init.first + i}`,
				context: init.context
			});
			// As the app's own clients do (src/lib/zero/client.ts).
			reconnectAfterErrors(z.connection);
			const watched: Watched = { z, seen: new Map(), drops: 0 };
			clients.push(watched);
			let wasConnected = false;
			z.connection.state.subscribe((state) => {
				if (state.name === 'connected') wasConnected = true;
				else if (wasConnected) {
					wasConnected = false;
					watched.drops++;
				}
				// A run longer than the token's life: sign in again with the newest token.
				if (state.name === 'needs-auth') void z.connection.connect({ auth: token });
			});
			const view = z.materialize(
				queries.appointments.officeCalendar({ from: init.from, to: init.to })
			);
			// Called once per batch of changes Zero applies, with every row: only new ids cost more.
			view.addListener((rows) => {
				const t = now();
				for (const row of rows as readonly { id: string }[])
					if (!watched.seen.has(row.id)) watched.seen.set(row.id, t);
			});
			const deadline = Date.now() + 120_000;
			while (z.connection.state.current.name !== 'connected') {
				if (Date.now() > deadline) {
					failed.push(`client ${init.first + i}: ${z.connection.state.current.name}`);
					return;
				}
				await new Promise((r) => setTimeout(r, 50));
			}
			connectedMs.push(now() - started);
		})
	);
	send({ type: 'ready', connectedMs, failed });
}

async function seen(ask: number, ids: string[], waitMs: number) {
	const deadline = Date.now() + waitMs;
	const allSeen = () => clients.every((c) => ids.every((id) => c.seen.has(id)));
	while (!allSeen() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
	send({
		type: 'seen',
		ask,
		times: clients.map((c) => ids.map((id) => c.seen.get(id) ?? null))
	});
}

function status(ask: number) {
	const states: Record<string, number> = {};
	for (const c of clients) {
		const name = c.z.connection.state.current.name;
		states[name] = (states[name] ?? 0) + 1;
	}
	const memory = process.memoryUsage();
	send({
		type: 'status',
		ask,
		connected: states.connected ?? 0,
		states,
		rssMb: memory.rss / 2 ** 20,
		heapMb: memory.heapUsed / 2 ** 20,
		drops: clients.reduce((n, c) => n + c.drops, 0),
		logs: Object.fromEntries(logged.kinds)
	});
}

process.on('message', (message: ToClients) => {
	if (message.type === 'init') void start(message);
	else if (message.type === 'seen') void seen(message.ask, message.ids, message.waitMs);
	else if (message.type === 'status') status(message.ask);
	else if (message.type === 'token') token = message.token;
	else if (message.type === 'close')
		void Promise.allSettled(clients.map((c) => c.z.close())).then(() => process.exit(0));
});
// The parent gone (killed, crashed): do not linger holding connections.
process.on('disconnect', () => process.exit(0));
