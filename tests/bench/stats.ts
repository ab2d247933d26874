/** The value at fraction `p` of an ascending sample, by nearest rank (NaN when it is empty). */
export function percentile(sorted: readonly number[], p: number) {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** Median, p95 (nearest rank), min and max of a sample, in its own unit. */
export function summarise(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b);
	const rank = (p: number) => percentile(sorted, p);
	return {
		n: sorted.length,
		min: sorted[0],
		median: rank(0.5),
		p95: rank(0.95),
		max: sorted[sorted.length - 1]
	};
}

export function report(label: string, unit: string, values: number[]) {
	const s = summarise(values);
	const f = (v: number) => `${v.toFixed(unit === 's' ? 2 : 0)} ${unit}`;
	console.log(
		`${label}: median ${f(s.median)}, p95 ${f(s.p95)}, min ${f(s.min)}, max ${f(s.max)} (n=${s.n})`
	);
}
