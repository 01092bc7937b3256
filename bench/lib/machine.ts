import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

export interface CpuTimes {
	busy: number;
	total: number;
}

/** The machine's CPU counters from /proc/stat; null where there is none (not Linux). */
export function machineCpuTimes(): CpuTimes | null {
	let line: string | undefined;
	try {
		line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
	} catch {
		return null;
	}
	const fields = (line ?? '').trim().split(/\s+/).slice(1).map(Number);
	const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
	const busy = user + nice + system + irq + softirq + steal;
	return { busy, total: busy + idle + iowait };
}

/** CPU used by everything on the machine between two readings, where one core = 100. */
export function machineCpuPercent(from: CpuTimes | null, to: CpuTimes | null): number {
	if (!from || !to || to.total === from.total) return NaN;
	return (100 * cpus().length * (to.busy - from.busy)) / (to.total - from.total);
}
