import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { nowMs } from './time';

export interface Usage {
	wallMs: number;
	/** User plus system CPU time of the whole process (all its threads). */
	cpuMs: number;
	/** CPU time as a share of one core over the window, in percent. */
	cpuPercent: number;
	/** Event-loop utilisation over the window, 0 to 1: 1 means the loop never waited. */
	elu: number;
}

/** CPU and event-loop use of this process between `start` and `stop`. */
export class UsageMeter {
	#wall = 0;
	#cpu: NodeJS.CpuUsage | null = null;
	#elu: EventLoopUtilization | null = null;

	start(): void {
		this.#wall = nowMs();
		this.#cpu = process.cpuUsage();
		this.#elu = performance.eventLoopUtilization();
	}

	stop(): Usage {
		if (!this.#cpu || !this.#elu) throw new Error('usage stopped before it was started');
		const wallMs = nowMs() - this.#wall;
		const cpu = process.cpuUsage(this.#cpu);
		const cpuMs = (cpu.user + cpu.system) / 1_000;
		const elu = performance.eventLoopUtilization(this.#elu).utilization;
		return { wallMs, cpuMs, cpuPercent: (100 * cpuMs) / wallMs, elu };
	}
}
