import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Sql } from 'postgres';
import { jobQueueHealth, type JobQueueHealth } from './job-queue.ts';
import { recentPayments } from './recent-payments.ts';

/**
 * The app's Prometheus metrics. Counters live in this process: with several web instances
 * Prometheus sums them (`sum(rate(valclean_bookings_created_total[5m]))`). What the database knows
 * (the job queue) is read at scrape time, so every instance reports the same figures: use `max`.
 */
export function createMetrics(sql: () => Sql, options: { processMetrics?: boolean } = {}) {
	const registry = new Registry();
	if (options.processMetrics) collectDefaultMetrics({ register: registry });
	const registers = [registry];

	const httpDuration = new Histogram({
		name: 'valclean_http_request_duration_seconds',
		help: 'HTTP requests by SvelteKit route id (never the raw path: ids and tokens stay out) and status class',
		labelNames: ['route', 'method', 'status'] as const,
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
		registers
	});
	const bookingsCreated = new Counter({
		name: 'valclean_bookings_created_total',
		help: 'Bookings committed (from the app, the office and the REST API)',
		registers
	});
	const bookingsCancelled = new Counter({
		name: 'valclean_bookings_cancelled_total',
		help: 'Bookings cancelled and committed',
		registers
	});
	// Payments are settled in several places (card confirm, Stripe and PayPal webhooks, the PayPal
	// return page, the office by hand) and only the database sees them all, once: read at scrape
	// time. Success rate over the day = succeeded / (succeeded + failed); `pending` ones were
	// started and not (yet) paid.
	new Gauge({
		name: 'valclean_payments_last_24h',
		help: 'Payments started in the last 24 hours, by status now (refunded ones were taken, so count as succeeded)',
		labelNames: ['status'] as const,
		registers,
		async collect() {
			const rows = await recentPayments(sql()).catch(() => null);
			this.reset();
			for (const status of ['succeeded', 'failed', 'pending'] as const)
				this.set({ status }, rows ? (rows[status] ?? 0) : NaN);
		}
	});
	// A device sends its waiting field events in one batch when it has a signal: the batch size is
	// how many events were waiting on that device (one observation per device upload), so a high
	// quantile means phones are offline long or sending slowly.
	const fieldUpload = new Histogram({
		name: 'valclean_field_events_waiting_per_device',
		help: 'Field events a device had waiting and sent in one upload',
		buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
		registers
	});
	const fieldEvents = new Counter({
		name: 'valclean_field_events_total',
		help: 'Field events received, by answer (stored, duplicate, refused, invalid)',
		labelNames: ['result'] as const,
		registers
	});

	// The three queue gauges share one query a scrape (prom-client collects them in parallel).
	let pending: { at: number; health: Promise<JobQueueHealth | null> } | undefined;
	const queue = () => {
		if (!pending || Date.now() - pending.at > 1000) {
			pending = { at: Date.now(), health: jobQueueHealth(sql()).catch(() => null) };
		}
		return pending.health;
	};
	const fromQueue = (name: string, help: string, pick: (h: JobQueueHealth) => number) =>
		new Gauge({
			name,
			help,
			registers,
			async collect() {
				const health = await queue();
				// No answer from Postgres: NaN, never a reassuring zero.
				this.set(health ? pick(health) : NaN);
			}
		});
	fromQueue(
		'valclean_job_queue_depth',
		'Jobs due now that no worker has taken yet',
		(h) => h.waiting
	);
	fromQueue(
		'valclean_job_oldest_wait_seconds',
		'How long the oldest job due has been waiting',
		(h) => h.oldestWaitSeconds
	);
	fromQueue(
		'valclean_jobs_failed',
		'Jobs that used all their attempts (attempts >= max_attempts)',
		(h) => h.failed
	);

	return {
		registry,
		httpDuration,
		bookingsCreated,
		bookingsCancelled,
		fieldUpload,
		fieldEvents
	};
}

export type Metrics = ReturnType<typeof createMetrics>;

/** `2xx`, `4xx`, …: a bounded label, unlike the status itself. */
export const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;
