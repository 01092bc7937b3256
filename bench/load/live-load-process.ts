import { Delta } from '../../server/protocol';
import type { SimSchool } from '../../simulators/school';
import { clientCredential, type SchoolCredentials } from '../lib/access';
import { configFromArgv, fail, parentInbox, tell, tellAndExit } from '../lib/parent';
import { BehaviourSource, benchSchools, referenceEvent } from '../lib/schools';
import { nowMs, sleep, within } from '../lib/time';
import { UsageMeter } from '../lib/usage';
import { behaviourIds } from './frames';
import { IngestPoster } from './http-poster';
import { connectLoadClient, connectMany, type LoadClient } from './load-clients';
import { LiveLoadConfig, LoadCommand, type LiveLoadMessage, type LiveLoadResult } from './load-messages';
import { pace } from './pacer';
import { Receipts } from './receipts';

/**
 * The load side of a live scenario, in its own process: posts the schools' reference data,
 * connects every client (in each school, half signed-in coordinators and half paired walls),
 * then sends behaviour events at an even rate (one per ingest call, round-robin over the
 * schools, each with its school's key) and notes when each client receives each one.
 */
const config = configFromArgv(LiveLoadConfig);
const parent = parentInbox(LoadCommand);
const FRAMES_TO_CHECK = 200;
const send = (message: LiveLoadMessage) => tell(message);

/** One school a call, as each school's own system sends its data with its own key. */
async function postReferences(poster: IngestPoster, schools: SimSchool[], keys: readonly string[]): Promise<void> {
	for (const [i, school] of schools.entries()) {
		const status = await poster.post(JSON.stringify(referenceEvent(school)), keys[i] as string);
		if (status !== 200) throw new Error(`reference data refused: HTTP ${status}`);
	}
}

async function run(): Promise<void> {
	const { schools: schoolCount, clientsPerSchool } = config;
	const schools = benchSchools(schoolCount, new Date().toISOString().slice(0, 10));
	send({ type: 'started' });
	const credentials = (await parent.next('credentials')).schools;
	const bySchool = schools.map((s) => credentialsOf(credentials, s.schoolId));
	const keys = bySchool.map((c) => c.key);
	const poster = new IngestPoster(config.url, 128);
	await postReferences(poster, schools, keys);

	const receipts = new Receipts(schoolCount * clientsPerSchool, clientsPerSchool);
	let drops = 0;
	let checkedFrames = 0;
	let invalidFrames = 0;
	const clients: LoadClient[] = await connectMany(schoolCount * clientsPerSchool, 50, (i) => {
		const school = schools[i % schoolCount] as SimSchool;
		const nth = Math.floor(i / schoolCount);
		const nodes = config.clientUrls ?? [config.url];
		const url = nodes[nth % nodes.length] as string;
		return connectLoadClient(
			config.client,
			url,
			school.schoolId,
			clientCredential(bySchool[i % schoolCount] as SchoolCredentials, nth),
			(name, payload, at) => {
				if (name !== 'school:changed') return;
				for (const id of behaviourIds(payload)) receipts.received(i, id, at);
				// A sample, so the check does not load the clients: the floor must send the same shape.
				if (checkedFrames < FRAMES_TO_CHECK) {
					checkedFrames += 1;
					if (!Delta.safeParse(payload).success) invalidFrames += 1;
				}
			},
			() => (drops += 1),
			15_000,
			(node) => config.nodeUrls?.[node]
		);
	});
	send({ type: 'ready', clients: clients.length });
	await parent.next('go');

	const posters = config.ingestUrls ? config.ingestUrls.map((url) => new IngestPoster(url, Math.ceil(128 / (config.ingestUrls?.length ?? 1)))) : [poster];
	const sources = schools.map((s, i) => new BehaviourSource(s, 1_000 + i));
	const meter = new UsageMeter();
	const start = nowMs();
	const windowStart = start + config.warmupMs;
	const windowEnd = windowStart + config.measureMs;
	receipts.setWindow(windowStart, windowEnd);
	const windowMark = setTimeout(() => {
		meter.start();
		send({ type: 'window-start' });
	}, config.warmupMs);
	let failedPosts = 0;
	const paced = await pace({
		rate: config.rate,
		durationMs: config.warmupMs + config.measureMs,
		maxInFlight: 512,
		fire: async (n) => {
			const school = n % schoolCount;
			const id = `${config.tag}-${n}`;
			const body = JSON.stringify((sources[school] as BehaviourSource).next(id, new Date().toISOString()));
			receipts.sent(id, nowMs());
			try {
				const status = await (posters[n % posters.length] as IngestPoster).post(body, keys[school] as string);
				if (status === 200) receipts.acked(id);
				else failedPosts += 1;
			} catch {
				failedPosts += 1;
			}
		}
	});
	clearTimeout(windowMark);
	const usage = meter.stop();
	send({ type: 'window-end' });
	await within(30_000, 'the last ingest answers', paced.answered);

	const drainEnd = nowMs() + config.drainMs;
	while (!receipts.complete() && nowMs() < drainEnd) await sleep(50);
	const summary = receipts.summary();
	const result: LiveLoadResult = {
		type: 'result',
		...summary,
		failedPosts,
		achievedRate: summary.windowEvents / (config.measureMs / 1_000),
		clients: clients.length,
		checkedFrames,
		invalidFrames,
		drops,
		frames: clients.reduce((n, c) => n + c.frames(), 0),
		blockedTicks: paced.blockedTicks,
		loadCpuPercent: usage.cpuPercent,
		loadElu: usage.elu
	};
	for (const client of clients) client.close();
	poster.close();
	for (const p of posters) if (p !== poster) p.close();
	tellAndExit(result);
}

function credentialsOf(all: readonly SchoolCredentials[], schoolId: string): SchoolCredentials {
	const found = all.find((c) => c.schoolId === schoolId);
	if (!found) throw new Error(`no credentials for ${schoolId}`);
	return found;
}

run().catch(fail);
