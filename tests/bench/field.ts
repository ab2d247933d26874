// npm run bench:field — the field app. First, folding 10,000 events of one day (80 jobs, 4 phones
// with clocks hours apart, shuffled and partly duplicated as they arrive from several devices) into
// job states, the pure computation every device and the server run; then, in Chromium against the
// production build (field-browser.ts), 200 queued events from reconnect to confirmed, and opening
// the day offline from a cold start.
// Targets (issue): fold ≤ 20 ms; 200 events ≤ 5 s; cold start offline ≤ 1 s. Printed, never asserted.
import { jobStates, type FieldEvent } from '../../sync/domain/field-state.ts';
import { tick, type Hlc } from '../../sync/domain/hlc.ts';
import { benchFieldBrowser } from './field-browser.ts';
import { report } from './stats.ts';

const EVENTS = 10_000;
const RUNS = Number(process.env.RUNS ?? 30);
const T = Date.parse('2026-11-25T07:00:00Z');

/** A deterministic pseudo-random source, so every run folds the same day. */
function random(seed: number) {
	return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

function day(): FieldEvent[] {
	const next = random(42);
	const skews = [0, 3 * 3_600_000, -2 * 3_600_000, 45 * 60_000];
	const clocks: (Hlc | null)[] = [null, null, null, null];
	const events: FieldEvent[] = [];
	for (let i = 0; i < EVENTS; i++) {
		const d = Math.floor(next() * 4);
		clocks[d] = tick(clocks[d], T + i * 3_000 + skews[d], `phone-${d}`);
		const base = {
			id: `0193-${String(i).padStart(6, '0')}`,
			jobId: `job-${i % 80}`,
			hlc: clocks[d]!
		};
		const r = next();
		events.push(
			r < 0.6
				? {
						...base,
						kind: 'checklist',
						item: `item-${Math.floor(next() * 12)}`,
						done: next() < 0.7
					}
				: r < 0.75
					? { ...base, kind: 'note', text: 'Left the key under the mat' }
					: r < 0.85
						? { ...base, kind: 'photo', photoId: `photo-${i}` }
						: r < 0.93
							? { ...base, kind: 'clock_in' }
							: { ...base, kind: 'clock_out' }
		);
	}
	// As they arrive: out of order, a tenth twice.
	const arrived = [...events, ...events.filter((_, i) => i % 10 === 0)];
	for (let i = arrived.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[arrived[i], arrived[j]] = [arrived[j], arrived[i]];
	}
	return arrived;
}

const arrived = day();
const times: number[] = [];
let jobs = 0;
for (let run = 0; run < RUNS + 3; run++) {
	const started = performance.now();
	jobs = jobStates(arrived).size;
	if (run >= 3) times.push(performance.now() - started); // the first runs warm the JIT up
}
console.log(
	`folded ${arrived.length} arriving events (${EVENTS} distinct) into ${jobs} job states`
);
report('fold 10,000 events of a day', 'ms', times);

// Browser runs are slower: fewer of them (BROWSER_RUNS).
await benchFieldBrowser(Number(process.env.BROWSER_RUNS ?? 7));
