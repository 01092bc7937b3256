import { readFile } from 'node:fs/promises';
import { ApiError, ClockInfo, FloorplanFile, ImportResult, IngestResult, zonedDate, type InboundEventInput } from '../server/protocol';
import { simulateDay } from './day';
import { keyRefusal, KeyRefusedError, keySchool } from './integration-key';
import { buildSchool, TIMEZONE } from './school';
import { schoolCsvFiles } from './school-csv';

export interface RunOptions {
	url: string;
	/** The school's integration key (`lk.<schoolId>.<secret>`): every import and ingest call sends it. */
	key: string;
	seed: number;
	/** Simulated seconds per real second, or `max` to send as fast as the server takes them. */
	speed: number | 'max';
	schoolId: string;
	floorplan: string;
	/** Weeks of school days before today to send first, as fast as the server takes them. */
	historyWeeks?: number;
	onProgress?: (progress: Progress) => void;
	signal?: AbortSignal;
}

export interface Progress {
	simulatedAt: string;
	sent: number;
	total: number;
	accepted: number;
	duplicates: number;
	rejected: number;
	/** Events accepted per real second so far. */
	rate: number;
	done: boolean;
}

const MAX_BATCH = 500;

async function getJson<T>(url: string, schema: { parse(v: unknown): T }): Promise<T> {
	const res = await fetch(url);
	if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
	return schema.parse(await res.json());
}

/**
 * Plays a seeded school day against a server through its public API, as any sender would:
 * the day is the server clock's today; events whose time has come are posted in batches;
 * a batch that fails for want of the server is sent again (ids make that safe).
 */
export async function runSimulation(options: RunOptions): Promise<Progress> {
	const keyFor = keySchool(options.key);
	if (keyFor !== options.schoolId) {
		throw new KeyRefusedError(
			keyFor === null
				? 'the integration key is not one (keys read lk.<school>.<secret>)'
				: `the integration key is ${keyFor}'s, not ${options.schoolId}'s: a key sends only its own school's events`
		);
	}
	const plan = FloorplanFile.parse(JSON.parse(await readFile(options.floorplan, 'utf8')));
	const clock = await getJson(`${options.url}/api/v1/clock`, ClockInfo);
	const serverStart = Date.parse(clock.now);
	if (options.speed !== 'max' && options.speed !== clock.speed) {
		console.warn(`simulate: the server clock runs at x${clock.speed}, this feed at x${options.speed}: timed rules will not match the feed`);
	}
	const date = zonedDate(serverStart, TIMEZONE);
	const school = buildSchool(plan, { schoolId: options.schoolId, seed: options.seed, date });
	const events = simulateDay(school, options.seed);
	const sender: Sender = { url: options.url, key: options.key, schoolId: options.schoolId, ...(options.signal ? { signal: options.signal } : {}) };
	await importFiles(sender, schoolCsvFiles(school));
	for (const day of pastSchoolDays(date, options.historyWeeks ?? 0)) {
		const past = simulateDay(buildSchool(plan, { schoolId: options.schoolId, seed: options.seed, date: day }), options.seed);
		for (let i = 0; i < past.length && !options.signal?.aborted; i += MAX_BATCH) await post(sender, past.slice(i, i + MAX_BATCH));
		console.log(`simulate: history ${day}: ${past.length} events`);
	}

	const realStart = Date.now();
	const simNow = () => (options.speed === 'max' ? Infinity : serverStart + (Date.now() - realStart) * options.speed);
	const progress: Progress = { simulatedAt: clock.now, sent: 0, total: events.length, accepted: 0, duplicates: 0, rejected: 0, rate: 0, done: false };

	while (progress.sent < events.length && !options.signal?.aborted) {
		const now = simNow();
		const due: InboundEventInput[] = [];
		while (progress.sent + due.length < events.length && due.length < MAX_BATCH) {
			const next = events[progress.sent + due.length] as InboundEventInput;
			if (Date.parse(next.occurredAt) > now) break;
			due.push(next);
		}
		if (due.length > 0) {
			const result = await post(sender, due);
			if (!result) break;
			progress.sent += due.length;
			progress.accepted += result.accepted;
			progress.duplicates += result.duplicates;
			progress.rejected += result.rejected;
		} else {
			const next = events[progress.sent] as InboundEventInput;
			const wait = (Date.parse(next.occurredAt) - now) / (options.speed === 'max' ? 1 : options.speed);
			await sleep(Math.min(Math.max(wait, 10), 250), options.signal);
		}
		progress.simulatedAt = new Date(Math.min(simNow(), Date.parse(events[Math.max(progress.sent - 1, 0)]?.occurredAt ?? clock.now) + 1)).toISOString();
		progress.rate = progress.accepted / Math.max((Date.now() - realStart) / 1000, 0.001);
		options.onProgress?.(progress);
	}
	progress.done = progress.sent === events.length;
	options.onProgress?.(progress);
	return progress;
}

/** The weekdays of the given number of weeks before a date, oldest first. */
export function pastSchoolDays(date: string, weeks: number): string[] {
	const days: string[] = [];
	const t = Date.parse(`${date}T12:00:00Z`);
	for (let back = weeks * 7; back >= 1; back--) {
		const d = new Date(t - back * 86_400_000);
		if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10));
	}
	return days;
}

/** Where and as whom the events go: one school, with its integration key. */
interface Sender {
	url: string;
	key: string;
	schoolId: string;
	signal?: AbortSignal;
}

const headersOf = (sender: Sender) => ({ 'content-type': 'application/json', authorization: `Bearer ${sender.key}` });

/** Uploads the school's CSV export, as a school's MIS sync would. */
async function importFiles(sender: Sender, files: Record<string, string>): Promise<void> {
	const res = await fetch(`${sender.url}/api/v1/import?school=${sender.schoolId}`, {
		method: 'POST',
		headers: headersOf(sender),
		body: JSON.stringify({ files })
	});
	const body: unknown = await res.json();
	if (!res.ok) {
		const error = ApiError.parse(body);
		throw (
			keyRefusal(res.status, error, sender.schoolId) ??
			new Error(
				`the school's files were refused: ${
					error.issues
						?.slice(0, 3)
						.map((i) => `${i.path} ${i.message}`)
						.join('; ') ?? error.message
				}`
			)
		);
	}
	ImportResult.parse(body);
}

const DISPATCH_REFUSALS = new Set(['invalid_transition', 'unknown_request', 'staff_unavailable']);

/**
 * Posts a batch, retrying while the server is away; null once the run is stopped. A step that
 * dispatch refuses (someone on a dashboard took it first) is dropped and the rest sent again.
 * A refused key ends the run at once: no retry can make it good.
 */
async function post(sender: Sender, events: InboundEventInput[]): Promise<{ accepted: number; duplicates: number; rejected: number } | null> {
	const { signal } = sender;
	for (let attempt = 1; ; attempt++) {
		try {
			const res = await fetch(`${sender.url}/api/v1/events`, {
				method: 'POST',
				headers: headersOf(sender),
				body: JSON.stringify(events),
				...(signal ? { signal } : {})
			});
			const body: unknown = await res.json();
			if (res.ok) {
				const { data } = IngestResult.parse(body);
				return { accepted: data.accepted, duplicates: data.duplicates, rejected: 0 };
			}
			const error = ApiError.parse(body);
			const keyProblem = keyRefusal(res.status, error, sender.schoolId);
			if (keyProblem) throw keyProblem;
			const refused = error.issues?.[0]?.index ?? (events.length === 1 ? 0 : undefined);
			if (DISPATCH_REFUSALS.has(error.code) && refused !== undefined) {
				console.warn(`simulator: dropped ${events[refused]?.type} (${error.message})`);
				const rest = events.filter((_, i) => i !== refused);
				const result = rest.length > 0 ? await post(sender, rest) : { accepted: 0, duplicates: 0, rejected: 0 };
				return result && { ...result, rejected: result.rejected + 1 };
			}
			if (res.status === 400) {
				console.error(
					`simulator: ${events.length} events refused: ${error.issues
						?.slice(0, 3)
						.map((i) => `${i.path} ${i.message}`)
						.join('; ')}`
				);
				return { accepted: 0, duplicates: 0, rejected: events.length };
			}
			throw new Error(`HTTP ${res.status} ${error.code}`);
		} catch (err) {
			if (signal?.aborted) return null;
			if (err instanceof KeyRefusedError || attempt >= 20) throw err;
			await sleep(Math.min(250 * 2 ** attempt, 5_000), signal);
		}
	}
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const stop = () => {
			clearTimeout(timer);
			resolve();
		};
		// Removed once the timer fires: a day of sleeps would otherwise pile listeners on the signal.
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', stop);
			resolve();
		}, ms);
		signal?.addEventListener('abort', stop, { once: true });
	});
}
