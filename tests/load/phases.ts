import { book, londonDate, openLoop, type FreeSlot } from './bookings.ts';
import { checkRows } from './checks.ts';
import { POSTCODES, section, seconds, type LoadRun } from './run.ts';
import { errorKind, latencyLine, now, Outcomes } from './stats.ts';

export async function phaseSlots(run: LoadRun, serviceId: string) {
	const { cluster, options } = run;

	section(`phase 1: ${options.slotRequests} available-slot requests at once`);
	const outcomes = new Outcomes();
	const latencies: number[] = [];
	const started = now();
	await Promise.all(
		Array.from({ length: options.slotRequests }, async (_, i) => {
			const query = new URLSearchParams({
				service_id: serviceId,
				date: londonDate(2 + (i % 58)),
				postcode: POSTCODES[i % POSTCODES.length]
			});
			const sent = now();
			try {
				const response = await fetch(
					`${cluster.appUrl}/api/v1/bookings/available-slots/?${query}`,
					{
						signal: AbortSignal.timeout(60_000)
					}
				);
				await response.arrayBuffer();
				outcomes.add(String(response.status));
				if (response.ok) latencies.push(now() - sent);
			} catch (error) {
				outcomes.add(errorKind(error));
			}
		})
	);
	const wall = now() - started;
	console.log(
		`${outcomes.get('200')} answered 200 in ${seconds(wall)}: ` +
			`${((outcomes.get('200') * 1000) / wall).toFixed(0)} requests/s`
	);
	console.log(`latency (200s): ${latencyLine(latencies)}`);
	console.log(`outcomes: ${outcomes.line()}`);
}

export async function phaseBookings(
	run: LoadRun,
	serviceId: string,
	slots: FreeSlot[],
	every: number
) {
	const { cluster, options } = run;

	const hot = slots.splice(0, options.hotSlots);
	section(
		`phase 2: bookings at ${options.bookingRate}/s for ${options.bookingSeconds} s, open loop, ` +
			`${Math.round(options.hotShare * 100)}% on ${hot.length} hot slots`
	);
	// The hot requests spread evenly through the run: every `every`th booking.
	let free = 0;
	let hotNo = 0;
	const loop = await openLoop(options.bookingRate, options.bookingSeconds, (i) => {
		if (i % every === every - 1)
			return book(cluster.appUrl, serviceId, hot[hotNo++ % hot.length], `p2-${i}`, true);
		// Past the free slots found (said above), a slot again: refused, and counted so.
		return book(cluster.appUrl, serviceId, slots[free++ % slots.length], `p2-${i}`);
	});
	const results = await Promise.all(loop.calls);
	const lastAnswer = Math.max(...results.map((r) => r.answeredAt));
	const firstSent = Math.min(...results.map((r) => r.sentAt));
	const created = results.filter((r) => r.kind === '201');
	console.log(
		`fired ${loop.fired}/${loop.planned} in ${loop.firedFor.toFixed(1)} s: achieved ` +
			`${(loop.fired / loop.firedFor).toFixed(1)}/s (asked ${options.bookingRate}/s); ` +
			`left late by ${latencyLine(loop.lateMs)}`
	);
	console.log(
		`${created.length} bookings made (201) in ${seconds(lastAnswer - firstSent)} from the first ` +
			`request to the last answer: ${((created.length * 1000) / (lastAnswer - firstSent)).toFixed(1)} bookings/s`
	);
	const freeOutcomes = new Outcomes();
	const hotOutcomes = new Outcomes();
	for (const r of results) (r.hot ? hotOutcomes : freeOutcomes).add(r.kind);
	console.log(`free slots: ${freeOutcomes.line()}`);
	console.log(
		`latency (free, 201): ${latencyLine(results.filter((r) => !r.hot && r.kind === '201').map((r) => r.answeredAt - r.sentAt))}`
	);
	console.log(
		`hot slots: ${hotOutcomes.line()} (expected: ${hot.length} × 201, the rest 409 SLOT_TAKEN)`
	);
	console.log(
		`latency (hot, any answer): ${latencyLine(results.filter((r) => r.hot).map((r) => r.answeredAt - r.sentAt))}`
	);
	await checkRows(run, results, 'p2-');
	return created;
}
