// Figures for `npm run load`: latency percentiles (the benches' nearest rank), and outcomes counted
// by kind.
import { percentile } from '../bench/stats.ts';

/** `p50 12 ms, p95 40 ms, p99 85 ms, max 120 ms (n=500)` */
export function latencyLine(values: number[]) {
	if (values.length === 0) return 'no samples';
	const sorted = [...values].sort((a, b) => a - b);
	const f = (v: number) => `${v.toFixed(0)} ms`;
	return (
		`p50 ${f(percentile(sorted, 0.5))}, p95 ${f(percentile(sorted, 0.95))}, ` +
		`p99 ${f(percentile(sorted, 0.99))}, max ${f(sorted[sorted.length - 1])} (n=${sorted.length})`
	);
}

/** Outcomes of a batch of requests: how many of each kind (`200`, `409 SLOT_TAKEN`, `ECONNRESET`…). */
export class Outcomes {
	readonly counts = new Map<string, number>();
	add(kind: string) {
		this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
	}
	get(kind: string) {
		return this.counts.get(kind) ?? 0;
	}
	get total() {
		return [...this.counts.values()].reduce((a, b) => a + b, 0);
	}
	line() {
		return (
			[...this.counts.entries()]
				.sort((a, b) => b[1] - a[1])
				.map(([kind, n]) => `${kind}: ${n}`)
				.join(', ') || 'none'
		);
	}
}

/** What a failed fetch was: the cause's code (ECONNREFUSED…) or the error's name. */
export function errorKind(error: unknown) {
	const cause = (error as { cause?: { code?: string } })?.cause;
	if (cause?.code) return cause.code;
	if (error instanceof Error) return error.name === 'TimeoutError' ? 'timeout' : error.message;
	return String(error);
}

/** Epoch milliseconds with sub-millisecond precision, comparable across processes. */
export const now = () => performance.timeOrigin + performance.now();
