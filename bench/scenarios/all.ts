import type { Scenario } from '../lib/report';
import { browserScenario } from './browser';
import { dayReplayScenario } from './day-replay';
import { ingestScenario } from './ingest';
import { liveScenario } from './live';
import { liveClusterScenario } from './live-cluster';
import { syncScenario } from './sync';
import { termScenario } from './term';

/**
 * Every scenario, in the order a full run takes them. The live scenarios measure 6 s a run
 * (after 2 s of warm-up), and a run is two by default, so the whole bench fits in ten minutes
 * on a 2-core machine; their clients, rates and payloads are those issue #9 sets.
 */
export const SCENARIOS: Scenario[] = [
	liveScenario('S1', 'trust load: 100 schools x 10 clients, 1,000 events/s', {
		schools: 100,
		clientsPerSchool: 10,
		rate: 1_000,
		client: 'lean',
		warmupMs: 2_000,
		measureMs: 6_000
	}),
	liveScenario('S2', 'storm: one school, 200 clients, 200 events/s', {
		schools: 1,
		clientsPerSchool: 200,
		rate: 200,
		client: 'socket.io-client',
		warmupMs: 2_000,
		measureMs: 6_000
	}),
	liveClusterScenario(
		'S1-redis',
		'trust load on 3 processes sharing Redis, beside one process: 100 schools x 10 clients, 1,000 events/s',
		{ schools: 100, clientsPerSchool: 10, rate: 1_000, client: 'lean', warmupMs: 2_000, measureMs: 6_000 },
		3
	),
	ingestScenario,
	dayReplayScenario,
	termScenario,
	syncScenario,
	browserScenario
];
