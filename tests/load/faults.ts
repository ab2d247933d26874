import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { book, londonDate, openLoop, type FreeSlot } from './bookings.ts';
import { checkRows, phaseDelivery } from './checks.ts';
import type { ClientPool } from './client-pool.ts';
import { POSTCODES, section, seconds, type LoadRun } from './run.ts';
import { errorKind, latencyLine, now, Outcomes } from './stats.ts';

export async function phaseFaults(
	run: LoadRun,
	serviceId: string,
	slots: FreeSlot[],
	pool: ClientPool
) {
	const { cluster, sql, options } = run;

	section(
		`phase 4: faults while bookings (${options.faultBookingRate}/s) and jobs (${options.faultJobRate}/s) keep coming`
	);
	const probes = slots.splice(0, 40);
	const pooled = postgres(cluster.pooledUrl, { max: 4, prepare: false, onnotice: () => {} });
	let stopping = false;
	const started = now();
	const at = () => seconds(now() - started);
	let bookingNo = 0;
	const bookings = openLoop(
		options.faultBookingRate,
		600,
		() => book(cluster.appUrl, serviceId, slots[bookingNo], `p4-${bookingNo++}`),
		() => stopping || bookingNo >= slots.length
	);
	const jobIds = new Set<string>();
	const jobOutcomes = new Outcomes();
	const jobs = openLoop(
		options.faultJobRate,
		600,
		async (i) => {
			try {
				const [{ id }] = await pooled<{ id: string }[]>`
					SELECT (graphile_worker.add_job('session__purge_expired', json_build_object('load', ${i}::int))).id::text`;
				jobIds.add(id);
				jobOutcomes.add('queued');
			} catch (error) {
				jobOutcomes.add(`not queued: ${(error as { code?: string }).code ?? errorKind(error)}`);
			}
		},
		() => stopping
	);
	const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
	let probeNo = 0;
	/** A booking made after a fault (retried until one is answered 201), and when every client saw it. */
	const zeroLiveAfter = async (since: number) => {
		for (;;) {
			const probe = await book(cluster.appUrl, serviceId, probes[probeNo++], `probe-${probeNo}`);
			if (probe.kind === '201') {
				const [times] = [await pool.seen([probe.id!], 60_000)];
				const seen = times.map((t) => t[0]);
				const missing = seen.filter((t) => t === null).length;
				const last = Math.max(...seen.filter((t): t is number => t !== null));
				return missing
					? `${missing} clients did not see a probe booking within 60 s`
					: seconds(last - since);
			}
			if (now() - since > 60_000 || probeNo >= probes.length)
				return 'no probe booking accepted within 60 s';
			await sleep(250);
		}
	};

	await sleep(5_000);
	const workers = await cluster.processes();
	const worker = workers.find((p) => p.name === 'worker-1')!;
	process.kill(worker.pid, 'SIGKILL');
	console.log(`${at()}: worker-1 (pid ${worker.pid}) killed with SIGKILL`);

	await sleep(5_000);
	const dropsBeforePg = (await pool.status()).drops;
	const pgStopping = now();
	const mode = await cluster.stopPostgres({ immediateAfterMs: 20_000 });
	const pgDown = now();
	console.log(
		`${at()}: Postgres stopped in ${seconds(pgDown - pgStopping)} (${mode} shutdown` +
			(mode === 'immediate'
				? ': the fast one was still waiting for zero-cache to take the unsent changes after 20 s)'
				: ')')
	);
	await sleep(2_000);
	await cluster.startPostgres();
	const pgBack = now();
	console.log(`${at()}: Postgres started again (down ${seconds(pgBack - pgDown)})`);
	const serving = async (url: string) => {
		for (;;) {
			const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
				(r) => r.ok,
				() => false
			);
			if (ok) return seconds(now() - pgBack);
			if (now() - pgBack > 60_000) return 'not within 60 s';
			await sleep(100);
		}
	};
	const query = new URLSearchParams({
		service_id: serviceId,
		date: londonDate(3),
		postcode: POSTCODES[0]
	});
	const [web, rest] = await Promise.all([
		serving(`${cluster.appUrl}/book`),
		serving(`${cluster.appUrl}/api/v1/bookings/available-slots/?${query}`)
	]);
	console.log(
		`after Postgres came back: web app (/book) serving in ${web}, REST API (available-slots) in ${rest} (target 10 s)`
	);
	const zeroAfterPg = await zeroLiveAfter(pgBack);
	console.log(
		`after Postgres came back: every Zero client saw a new booking in ${zeroAfterPg} (target 30 s)`
	);

	await sleep(3_000);
	const dropsBeforeSyncer = (await pool.status()).drops;
	console.log(
		`Zero clients that lost their connection through the Postgres restart: ${dropsBeforeSyncer - dropsBeforePg}`
	);
	// The view-syncer holding more clients (established connections on its port), with its sync
	// workers: zero-cache's children outlive a parent killed alone, still serving its clients.
	const held = cluster.viewSyncerUrls.map((url) => establishedOn(Number(new URL(url).port)));
	const victim = held.indexOf(Math.max(...held));
	const name = `view-syncer-${victim + 1}`;
	const syncer = (await cluster.processes()).find((p) => p.name === name)!;
	const killed = now();
	const pids = killTree(syncer.pid);
	console.log(
		`${at()}: ${name} (${held[victim]} of ${held.reduce((a, b) => a + b, 0)} client connections) ` +
			`killed with SIGKILL, ${pids} processes`
	);
	const zeroAfterSyncer = await zeroLiveAfter(killed);
	console.log(
		`after ${name} was killed: every Zero client saw a new booking in ${zeroAfterSyncer} (target 30 s)`
	);
	const afterKill = await pool.status();
	console.log(
		`clients then: ${JSON.stringify(afterKill.states)}, ${afterKill.drops - dropsBeforeSyncer} had ` +
			`lost their connection; their log lines so far: ${JSON.stringify(afterKill.logs)}`
	);

	await sleep(5_000);
	stopping = true;
	const [bookingLoop, jobLoop] = await Promise.all([bookings, jobs]);
	const results = await Promise.all(bookingLoop.calls);
	await Promise.all(jobLoop.calls);
	await pooled.end({ timeout: 5 }).catch(() => {});
	console.log(`${at()}: load stopped`);

	const outcomes = new Outcomes();
	for (const r of results) outcomes.add(r.kind);
	console.log(
		`bookings during the faults: ${outcomes.line()} (fired ${bookingLoop.fired} at ${(bookingLoop.fired / bookingLoop.firedFor).toFixed(1)}/s)`
	);
	console.log(
		`latency (201): ${latencyLine(results.filter((r) => r.kind === '201').map((r) => r.answeredAt - r.sentAt))}`
	);
	await checkRows(run, results, 'p4-');
	console.log(
		'payments: none are made by the load run (REST bookings are pending holds), so none can be lost'
	);

	// Jobs: wait for the queued ones to be worked off; a job the killed worker held stays locked
	// (Graphile Worker frees it after its lock timeout, 4 hours), which is not a job run twice.
	console.log(`jobs: ${jobOutcomes.line()}`);
	const ids = [...jobIds];
	const deadline = Date.now() + 60_000;
	let left: {
		id: string;
		locked_by: string | null;
		attempts: number;
		last_error: string | null;
	}[] = [];
	for (;;) {
		left =
			await sql`SELECT id::text, locked_by, attempts, last_error FROM graphile_worker.jobs WHERE id = ANY(${ids}::bigint[])`;
		if (left.every((j) => j.locked_by) || Date.now() > deadline) break;
		await sleep(500);
	}
	const completions = new Map<string, number>();
	for (const name of ['worker-1', 'worker-2']) {
		const log = readFileSync(join(cluster.logDir, `${name}.log`), 'utf8');
		for (const match of log.matchAll(/Completed task (\d+) \(session__purge_expired/g))
			if (jobIds.has(match[1])) completions.set(match[1], (completions.get(match[1]) ?? 0) + 1);
	}
	const twice = [...completions.values()].filter((n) => n > 1).length;
	const locked = left.filter((j) => j.locked_by);
	console.log(
		`jobs: ${completions.size}/${ids.length} completed (worker logs); ran more than once: ${twice}; ` +
			`still queued: ${left.filter((j) => !j.locked_by).length}; ` +
			`locked by a worker (the killed one's stay locked until the lock times out): ${locked.length}, ` +
			`of which the log says completed: ${locked.filter((j) => completions.has(j.id)).length} ` +
			'(the row outlived the work: Graphile Worker would run it again once the lock expires)' +
			(left.some((j) => j.last_error)
				? `; last errors: ${[...new Set(left.map((j) => j.last_error).filter(Boolean))].slice(0, 3).join(' | ')}`
				: '')
	);

	await phaseDelivery(
		run,
		pool,
		results.filter((r) => r.kind === '201'),
		'phase 4: delivery of the bookings made during the faults'
	);
}

/** Established TCP connections whose local port is `port` (a server's accepted clients). */
function establishedOn(port: number) {
	const out = execFileSync('ss', ['-Htn', 'state', 'established', `( sport = :${port} )`]);
	return out.toString().split('\n').filter(Boolean).length;
}

/** SIGKILL to a process and all its descendants, children first found; how many there were. */
function killTree(pid: number): number {
	let children: number[] = [];
	try {
		children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)])
			.toString()
			.split('\n')
			.map(Number)
			.filter((n) => n > 0);
	} catch {
		// ps exits with 1 when there are none.
	}
	process.kill(pid, 'SIGKILL');
	return 1 + children.reduce((n, child) => n + killTree(child), 0);
}
