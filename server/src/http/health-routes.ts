import { performance } from 'node:perf_hooks';
import { Router } from 'express';
import type { Clock } from '../clock';
import type { EventStore, StoreReadiness } from '../store/event-store';
import { apiHeaders } from './api-headers';

/** A store that has not answered in this long is not ready: a probe must answer before the balancer gives up on it. */
const STORE_ANSWER_MS = 2_000;
/** Real time within which two equal readings of the clock are not yet a stall. */
const CLOCK_STALL_MS = 1_000;

/** Each check, `ok` or why not; no school, student or path is ever named. */
export interface Readiness {
	ok: boolean;
	checks: { store: 'ok' | 'no_answer'; writes: 'ok' | NonNullable<StoreReadiness['writes']>; clock: 'ok' | 'stalled' };
	/** The checks that failed, when any did. */
	failed?: string[];
}

/**
 * `GET /healthz`: the process serves (no I/O). `GET /readyz`: the store answers a read, takes
 * appends (a journal in place, its lock held, the last write worked; or Redis connected and
 * answering), and the clock runs; 503 naming each failed check otherwise. Neither needs a
 * session, so a load balancer or an orchestrator can call them.
 */
export function healthRoutes(deps: { store: EventStore; clock: Clock }): Router {
	const router = Router();
	const clockRuns = clockWatch(deps.clock);
	router.get('/healthz', apiHeaders, (_req, res) => {
		res.json({ ok: true });
	});
	router.get('/readyz', apiHeaders, async (_req, res) => {
		const store = await answerWithin(deps.store);
		const checks: Readiness['checks'] = {
			store: store.reads ? 'ok' : 'no_answer',
			writes: store.writes ?? 'ok',
			clock: clockRuns() ? 'ok' : 'stalled'
		};
		const failed = Object.entries(checks)
			.filter(([, value]) => value !== 'ok')
			.map(([name]) => name);
		const body: Readiness = failed.length === 0 ? { ok: true, checks } : { ok: false, checks, failed };
		res.status(failed.length === 0 ? 200 : 503).json(body);
	});
	return router;
}

async function answerWithin(store: EventStore): Promise<StoreReadiness> {
	const silent: StoreReadiness = { reads: false, writes: 'unreachable' };
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<StoreReadiness>((resolve) => (timer = setTimeout(() => resolve(silent), STORE_ANSWER_MS)));
	try {
		// A probe that throws is a store that did not answer; what it threw is the store's to log.
		return await Promise.race([store.ready().catch(() => silent), late]);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Whether the clock has moved on since it was last seen to move, once a second of real time
 * has passed: a clock whose timers stopped (or that went back) would leave registers never
 * falling overdue and calls never escalating.
 */
function clockWatch(clock: Clock): () => boolean {
	let seen = { at: clock.now(), real: performance.now() };
	return () => {
		const at = clock.now();
		const real = performance.now();
		const moved = Number.isFinite(at) && at > seen.at;
		const runs = moved || (at === seen.at && real - seen.real < CLOCK_STALL_MS);
		if (at !== seen.at) seen = { at, real };
		return runs;
	};
}
