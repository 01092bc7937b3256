import type { SimSchool } from '../../simulators/school';
import { configFromArgv, fail, parentInbox, tell, tellAndExit } from '../lib/parent';
import { BehaviourSource, benchSchools, referenceEvent } from '../lib/schools';
import { latency } from '../lib/stats';
import { nowMs } from '../lib/time';
import { UsageMeter } from '../lib/usage';
import { IngestPoster } from './http-poster';
import { IngestCommand, IngestLoadConfig, type IngestLoadMessage } from './ingest-messages';

/**
 * The sender side of the ingest scenario, in its own process: closed-loop senders post
 * batches of one school's behaviour events, with that school's key, as fast as the answers
 * come back.
 */
const config = configFromArgv(IngestLoadConfig);
const parent = parentInbox(IngestCommand);
const send = (message: IngestLoadMessage) => tell(message);
const PLACEHOLDER = 'EVENT-ID-PLACEHOLDER';

/** Serialised events with a hole for the id, so building a body costs almost nothing. */
function templates(schools: SimSchool[], perSchool: number): [string, string][][] {
	const occurredAt = new Date().toISOString();
	return schools.map((school, i) => {
		const source = new BehaviourSource(school, 2_000 + i);
		return Array.from({ length: perSchool }, () => {
			const [head = '', tail = ''] = JSON.stringify(source.next(PLACEHOLDER, occurredAt)).split(PLACEHOLDER);
			return [head, tail];
		});
	});
}

async function measure(poster: IngestPoster, pool: [string, string][][], keys: readonly string[], batch: number): Promise<void> {
	let counter = 0;
	const request = () => {
		const index = counter % pool.length;
		const school = pool[index] as [string, string][];
		const parts: string[] = [];
		for (let k = 0; k < batch; k++) {
			const [head, tail] = school[(counter + k) % school.length] as [string, string];
			parts.push(`${head}${config.tag}-${batch}-${counter}-${k}${tail}`);
		}
		counter += 1;
		return { body: batch === 1 ? (parts[0] as string) : `[${parts.join(',')}]`, key: keys[index] as string };
	};
	const windowStart = nowMs() + config.warmupMs;
	const windowEnd = windowStart + config.measureMs;
	const meter = new UsageMeter();
	const mark = setTimeout(() => {
		meter.start();
		send({ type: 'window-start', batch });
	}, config.warmupMs);
	let accepted = 0;
	let requests = 0;
	let failed = 0;
	const durations: number[] = [];
	const sender = async () => {
		while (nowMs() < windowEnd) {
			const { body, key } = request();
			const started = nowMs();
			const status = await poster.post(body, key).catch(() => 0);
			const answered = nowMs();
			if (started < windowStart || answered > windowEnd) continue;
			requests += 1;
			durations.push(answered - started);
			if (status === 200) accepted += batch;
			else failed += 1;
		}
	};
	await Promise.all(Array.from({ length: config.concurrency }, sender));
	clearTimeout(mark);
	const usage = meter.stop();
	const { p50, p99 } = latency(Float64Array.from(durations));
	send({
		type: 'window-end',
		batch,
		accepted,
		requests,
		failed,
		wallMs: config.measureMs,
		requestP50Ms: p50,
		requestP99Ms: p99,
		senderCpuPercent: usage.cpuPercent,
		senderElu: usage.elu
	});
}

async function run(): Promise<void> {
	const schools = benchSchools(config.schools, new Date().toISOString().slice(0, 10));
	send({ type: 'started' });
	const credentials = (await parent.next('credentials')).schools;
	const keys = schools.map((s) => {
		const key = credentials.find((c) => c.schoolId === s.schoolId)?.key;
		if (key === undefined) throw new Error(`no key for ${s.schoolId}`);
		return key;
	});
	const poster = new IngestPoster(config.url, config.concurrency);
	for (const [i, school] of schools.entries()) {
		const status = await poster.post(JSON.stringify(referenceEvent(school)), keys[i] as string);
		if (status !== 200) throw new Error(`reference data refused: HTTP ${status}`);
	}
	const pool = templates(schools, 20);
	send({ type: 'ready' });
	for (const batch of config.batchSizes) await measure(poster, pool, keys, batch);
	poster.close();
	tellAndExit({ type: 'done' });
}

run().catch(fail);
