/** One figure over several runs: the median is reported, min and max show the spread. */
export interface Spread {
	median: number;
	min: number;
	max: number;
	runs: number[];
}

export function spread(runs: readonly number[]): Spread {
	if (runs.length === 0) throw new Error('no runs to summarise');
	const sorted = [...runs].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
	return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, runs: [...runs] };
}

/** Run-by-run ratios of two figures taken side by side (run i against baseline run i). */
export function pairedRatio(figure: readonly number[], baseline: readonly number[]): Spread {
	if (figure.length !== baseline.length) throw new Error('ratio of unpaired runs');
	return spread(figure.map((v, i) => v / (baseline[i] as number)));
}

export interface Latency {
	samples: number;
	p50: number;
	p99: number;
	max: number;
}

/** Nearest-rank percentiles of latency samples in milliseconds. */
export function latency(samples: Float64Array): Latency {
	if (samples.length === 0) return { samples: 0, p50: NaN, p99: NaN, max: NaN };
	const sorted = samples.slice().sort();
	const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
	return { samples: sorted.length, p50: rank(0.5), p99: rank(0.99), max: sorted[sorted.length - 1] as number };
}
