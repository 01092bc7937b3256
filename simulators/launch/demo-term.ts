import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ApiError, FloorplanFile, type InboundEventInput } from '../../server/protocol';
import type { Logger } from '../../server/src/logger';
import { simulateDay } from '../day';
import { buildSchool } from '../school';
import { schoolCsvFiles } from '../school-csv';
import { familyContacts } from '../first-day-contacts';
import { autumnTermOf, marksAsOf, simulateTerm, termDays } from '../term-attendance';
import { planFollowUp, postFollowUp, type FollowUpTarget } from '../term-follow-up';
import { planTermPlans, suspendedIn } from '../term-plans';
import { importTerm } from '../term-import';

const FLOORPLAN = fileURLToPath(new URL('../../floorplans/demo-school.geojson', import.meta.url));
const BATCH = 500;
const DISPATCH_REFUSALS = new Set(['invalid_transition', 'unknown_request', 'staff_unavailable']);

export interface DemoTerm {
	url: string;
	key: string;
	schoolId: string;
	seed: number;
	date: string;
}

async function demoSchool(demo: DemoTerm, date = demo.date) {
	const plan = FloorplanFile.parse(JSON.parse(await readFile(FLOORPLAN, 'utf8')));
	return buildSchool(plan, { schoolId: demo.schoolId, seed: demo.seed, date });
}

/**
 * The autumn term's session marks up to the day before the demo's, through the CSV import as a
 * school's system uploads them, so the attendance desk opens on a term's work.
 */
export async function loadDemoTerm(demo: DemoTerm, logger: Logger): Promise<void> {
	const started = Date.now();
	const school = await demoSchool(demo);
	const calendar = autumnTermOf(demo.date);
	const marks = marksAsOf(simulateTerm(school.students, calendar, demo.seed), demo.date);
	if (marks.length === 0) return;
	const total = marks.length.toLocaleString('en-GB');
	logger.info(`Lookout: importing the autumn term, ${calendar.start} to ${marks[marks.length - 1]?.date}: ${total} session marks`);
	let loaded = 0;
	const onChunk = (chunk: { from: string; to: string; marks: number; ms: number }) => {
		loaded += chunk.marks;
		logger.info(`Lookout:   ${chunk.from} to ${chunk.to} (${loaded.toLocaleString('en-GB')}/${total}) in ${(chunk.ms / 1000).toFixed(1)} s`);
	};
	await importTerm({ url: demo.url, key: demo.key, schoolId: demo.schoolId, files: schoolCsvFiles(school), onChunk }, marks);
	logger.info(`Lookout: the term so far is in, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * The desk's work of the term so far, through its routes as the signed-in member of staff
 * (`target.headers`) did it on each past day: first-day calls, minutes-late letters,
 * interventions and the weekly RAG reports sent. Needs a server whose clock `advanceTo` moves.
 */
export async function followUpDemoTerm(demo: DemoTerm, target: Omit<FollowUpTarget, 'url' | 'schoolId'>, logger: Logger): Promise<void> {
	const started = Date.now();
	const school = await demoSchool(demo);
	const contacts = new Map<string, number>();
	for (const c of familyContacts(school)) contacts.set(c.studentId, (contacts.get(c.studentId) ?? 0) + 1);
	const marks = simulateTerm(school.students, autumnTermOf(demo.date), demo.seed);
	const steps = planFollowUp({ students: school.students, contacts, marks, asOf: demo.date, seed: demo.seed });
	const days = [...new Set(marks.filter((m) => m.date < demo.date).map((m) => m.date))].sort();
	steps.push(
		...planTermPlans({ students: school.students, staffIds: school.responders.map((s) => s.id), days, suspended: suspendedIn(steps), seed: demo.seed })
	);
	steps.sort((a, b) => a.at - b.at);
	await postFollowUp({ ...target, url: demo.url, schoolId: demo.schoolId }, steps);
	const count = (path: string) => steps.filter((s) => s.path === path).length;
	logger.info(
		`Lookout: the term's follow-up is in, ${((Date.now() - started) / 1000).toFixed(1)} s: ${count('attendance/calls')} first-day calls, ${count('attendance/letters/sent')} letters, ${count('attendance/interventions')} interventions, ${count('attendance/rag-sent')} RAG reports sent`
	);
}

/**
 * Behaviour, on-call and lesson registers on every school day of the autumn term before the
 * demo's, as the school's systems sent them: the hotspots compare today with the weeks before,
 * and patterns set this half term against the last. Their own session marks and late arrivals are
 * left out: the term's registers are the record of those days. The whole term is played, not a
 * thinned one, since per-day rates compare the halves: about 0.1 s a day (see README's figures).
 */
export async function postDemoHistory(demo: DemoTerm, logger: Logger): Promise<void> {
	const started = Date.now();
	const days = termDays(autumnTermOf(demo.date))
		.map((d) => d.date)
		.filter((d) => d < demo.date);
	const plan = FloorplanFile.parse(JSON.parse(await readFile(FLOORPLAN, 'utf8')));
	let events = 0;
	for (const day of days) {
		const school = buildSchool(plan, { schoolId: demo.schoolId, seed: demo.seed, date: day });
		const past = simulateDay(school, demo.seed).filter((e) => e.type !== 'session:marked' && e.type !== 'student:arrived-late');
		events += past.length;
		for (let i = 0; i < past.length; i += BATCH) await postPast(demo, past.slice(i, i + BATCH), logger);
	}
	logger.info(
		`Lookout: the term's behaviour and on-call are in, ${days[0] ?? demo.date} to ${days.at(-1) ?? demo.date}, ${days.length} school days, ${events.toLocaleString('en-GB')} events, ${((Date.now() - started) / 1000).toFixed(1)} s`
	);
}

/** Posts a batch; a step the server refuses (the escalator took it first) is dropped and the rest sent again. */
async function postPast(demo: DemoTerm, events: InboundEventInput[], logger: Logger): Promise<void> {
	const res = await fetch(`${demo.url}/api/v1/events`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${demo.key}` },
		body: JSON.stringify(events)
	});
	if (res.ok) return;
	const error = ApiError.parse(await res.json());
	const refused = error.issues?.[0]?.index;
	if (!DISPATCH_REFUSALS.has(error.code) || refused === undefined) throw new Error(`the past days' events were refused: HTTP ${res.status} ${error.message}`);
	logger.warn(`Lookout: a past day's ${events[refused]?.type} was dropped (${error.message})`);
	const rest = events.filter((_, i) => i !== refused);
	if (rest.length > 0) await postPast(demo, rest, logger);
}
