import { zonedInstant } from '../../server/protocol';
import { createApp } from '../../server/src/app';
import { csrfTokenOf } from '../../server/src/auth/authenticate';
import { ManualClock } from '../../server/src/clock';
import { READINGS } from '../../server/src/domain/attendance/readings';
import { absenceRate, addTally, emptyTally, persistenceOf, sessionTallies } from '../../server/src/domain/attendance/tally';
import type { SchoolState } from '../../server/src/domain/school/state';
import { silentLogger } from '../../server/src/logger';
import { MemoryStore } from '../../server/src/store/memory-store';
import { familyContacts } from '../../simulators/first-day-contacts';
import { buildSchool, TIMEZONE } from '../../simulators/school';
import { schoolCsvFiles } from '../../simulators/school-csv';
import { autumnTermOf, marksAsOf, sessionMarksCsv, simulateTerm, termDays } from '../../simulators/term-attendance';
import { planFollowUp, postFollowUp } from '../../simulators/term-follow-up';
import { termChunks } from '../../simulators/term-import';
import { planTermPlans, suspendedIn } from '../../simulators/term-plans';
import { postReflectionDeskDemo } from '../../simulators/reflection-desk-demo';
import { postDemoHistory } from '../../simulators/launch/demo-term';
import { benchCredentials, grantAccess, sessionCookie } from '../lib/access';
import { configFromArgv, fail, tellAndExit } from '../lib/parent';
import { loadFloorplan } from '../lib/schools';
import { nowMs } from '../lib/time';
import { BENCH_LIMITS } from '../servers/bench-limits';
import { TermConfig, type TermResult } from './term-messages';
import { behaviourRoutes, deskRoutes, timeRoutes } from './term-routes';
import { largerSchool } from './term-school';

/**
 * A whole autumn term of session marks for a large school through the CSV import of a real
 * Lookout (journal on disk), posted as a school's system would, then the attendance desk's
 * term figures on the state it built: every student's tally and the persistent absence list.
 * Then the desks' follow-up of the term through their routes as `npm start` has it (calls,
 * letters, interventions, RAG reports, suspensions, plans and TAP minutes, the Reflection Room
 * booked by hand with cover asked for, and every school day's behaviour, on-call and bookings
 * of the term before the last from the school's systems), and each of the attendance and behaviour desks' report routes
 * over HTTP as a signed-in coordinator. Beside each, the same rows with a plain loop.
 */
const config = configFromArgv(TermConfig);
const SCHOOL = 'bench-term';

/** 1 for an absence, 0 for attendance, -1 for a session that is not possible. */
const ABSENT: Record<string, number> = Object.fromEntries(
	Object.entries(READINGS).map(([code, r]) => [code, r.statistical === 'not_possible' ? -1 : r.statistical === 'attended' ? 0 : 1])
);

interface PlainRow {
	studentId: string;
	code: string;
}

/** Splits the CSV text into rows and sums possible and absent sessions per student. */
function plainImport(csvs: readonly string[]): number {
	const sums = new Map<string, [number, number]>();
	let rows = 0;
	for (const csv of csvs) {
		const lines = csv.split('\n');
		for (let i = 1; i < lines.length; i++) {
			const line = lines[i] as string;
			if (line === '') continue;
			const [, , studentId = '', code = ''] = line.split(',');
			const absent = ABSENT[code] ?? -1;
			if (absent < 0) continue;
			let sum = sums.get(studentId);
			if (!sum) sums.set(studentId, (sum = [0, 0]));
			sum[0] += 1;
			sum[1] += absent;
			rows += 1;
		}
	}
	return rows;
}

/** The persistent absence list from rows already in memory, with a plain loop. */
function plainDesk(rows: readonly PlainRow[]): number {
	const sums = new Map<string, [number, number]>();
	for (const { studentId, code } of rows) {
		const absent = ABSENT[code] ?? -1;
		if (absent < 0) continue;
		let sum = sums.get(studentId);
		if (!sum) sums.set(studentId, (sum = [0, 0]));
		sum[0] += 1;
		sum[1] += absent;
	}
	const list: { studentId: string; rate: number }[] = [];
	for (const [studentId, [possible, absent]] of sums) if (absent / possible >= 0.1 - 1e-9) list.push({ studentId, rate: absent / possible });
	return list.sort((a, b) => b.rate - a.rate).length;
}

/** What the desk computes for the term: each student's tally, then the list, most absent first. */
function desk(state: SchoolState, from: string, to: string) {
	const tallies = sessionTallies(state, from, to);
	const list: { studentId: string; rate: number; persistence: string }[] = [];
	for (const [studentId, tally] of tallies) {
		const persistence = persistenceOf(tally);
		if (persistence) list.push({ studentId, rate: absenceRate(tally) ?? 0, persistence });
	}
	list.sort((a, b) => b.rate - a.rate);
	return { tallies, list };
}

/** The student with the most Reflection Room bookings standing. */
function mostBooked(state: SchoolState): string | null {
	const counts = new Map<string, number>();
	for (const b of state.bookings.values()) counts.set(b.studentId, (counts.get(b.studentId) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** What the behaviour desk has to work on once the follow-up is in. */
function behaviourHeld(state: SchoolState) {
	return { bookings: state.bookings.size, suspensions: state.suspensions.size, plans: state.plans.size, tapMeetings: state.tapMeetings.size };
}

async function run(): Promise<void> {
	const school = largerSchool(buildSchool(loadFloorplan(), { schoolId: SCHOOL, seed: config.seed, date: config.date }), config.students, config.seed);
	const calendar = autumnTermOf(config.date);
	const days = termDays(calendar);
	const from = days[0]?.date as string;
	const to = days[days.length - 1]?.date as string;
	const simulated = simulateTerm(school.students, calendar, config.seed);
	// As the school's system holds the term on the evening of its last day: the last two days' unexplained absences still N.
	const dayAfter = new Date(Date.parse(`${to}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
	const marks = marksAsOf(simulated, dayAfter);
	const files = schoolCsvFiles(school);
	const csvs = termChunks(marks).map(sessionMarksCsv);
	const bodies = csvs.map((csv) => JSON.stringify({ files: { ...files, 'session-marks.csv': csv } }));
	const rows: PlainRow[] = marks.map((m) => ({ studentId: m.studentId, code: m.code }));

	let started = nowMs();
	if (plainImport(csvs) === 0) throw new Error('the plain loop read no rows');
	const importBaselineMs = nowMs() - started;

	// The term's first morning: the follow-up moves the clock through the term, step by step.
	const clock = new ManualClock(zonedInstant(from, '07:00', TIMEZONE));
	const store = await MemoryStore.open({ journal: config.journal, now: () => clock.now() });
	const app = await createApp({ store, clock, logger: silentLogger, limits: BENCH_LIMITS });
	const [access] = benchCredentials({ schoolIds: [SCHOOL], people: 1, walls: 0 });
	if (!access) throw new Error('no credentials');
	await grantAccess(app.store, [access]);
	const { port } = await app.listen(0, '127.0.0.1');
	try {
		started = nowMs();
		for (const body of bodies) {
			const res = await fetch(`http://127.0.0.1:${port}/api/v1/import?school=${SCHOOL}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${access.key}` },
				body
			});
			const answer = await res.text();
			if (!res.ok) throw new Error(`the import was refused: HTTP ${res.status} ${answer.slice(0, 500)}`);
		}
		const importMs = nowMs() - started;

		const token = access.sessionTokens[0] as string;
		const cookie = sessionCookie(SCHOOL, token);
		const contacts = new Map<string, number>();
		for (const c of familyContacts(school)) contacts.set(c.studentId, (contacts.get(c.studentId) ?? 0) + 1);
		const steps = planFollowUp({ students: school.students, contacts, marks: simulated, asOf: dayAfter, seed: config.seed });
		steps.push(
			...planTermPlans({
				students: school.students,
				staffIds: school.responders.map((s) => s.id),
				days: days.map((d) => d.date),
				suspended: suspendedIn(steps),
				seed: config.seed
			})
		);
		steps.sort((a, b) => a.at - b.at);
		const target = { url: `http://127.0.0.1:${port}`, schoolId: SCHOOL, headers: { cookie, 'x-csrf-token': csrfTokenOf(token) } };
		const advanceTo = (at: number) => clock.advanceTo(at);
		await postFollowUp({ ...target, advanceTo }, steps);
		// The term's last morning, as the demo's: the Reflection Room booked by hand for the next school day, then the weeks before from the school's systems.
		const byHand = await postReflectionDeskDemo({ ...target, advanceTo }, to, config.seed);
		await postDemoHistory({ url: target.url, key: access.key, schoolId: SCHOOL, seed: config.seed, date: to }, silentLogger);
		clock.advanceTo(zonedInstant(to, '17:00', TIMEZONE));

		const state = app.projections.state(SCHOOL);
		let held = 0;
		for (const students of state.sessionMarks.values()) for (const m of students.values()) held += (m.AM ? 1 : 0) + (m.PM ? 1 : 0);
		if (held !== marks.length) throw new Error(`the state holds ${held} session marks, not ${marks.length}`);

		const deskMs: number[] = [];
		const deskBaselineMs: number[] = [];
		let figures = desk(state, from, to);
		for (let i = 0; i < config.repeats; i++) {
			started = nowMs();
			plainDesk(rows);
			deskBaselineMs.push(nowMs() - started);
			started = nowMs();
			figures = desk(state, from, to);
			deskMs.push(nowMs() - started);
		}
		const referred = steps.find((s) => s.body['kind'] === 'la_referral')?.body['studentId'];
		const suspended = steps.find((s) => s.path === 'suspensions')?.body['studentId'];
		const booked = mostBooked(state);
		const routes = await timeRoutes(
			target.url,
			cookie,
			[
				...deskRoutes(SCHOOL, from, to, typeof referred === 'string' ? referred : null),
				...behaviourRoutes(SCHOOL, typeof suspended === 'string' ? suspended : null, booked)
			],
			config.httpRepeats,
			() => plainDesk(rows)
		);
		const sum = emptyTally();
		for (const t of figures.tallies.values()) addTally(sum, t);
		const result: TermResult = {
			type: 'term',
			students: school.students.length,
			marks: marks.length,
			imports: bodies.length,
			bodyBytes: bodies.reduce((n, b) => n + Buffer.byteLength(b), 0),
			importMs,
			importBaselineMs,
			days: state.sessionMarks.size,
			deskMs,
			deskBaselineMs,
			followUp: steps.length + byHand,
			behaviour: behaviourHeld(state),
			routes,
			overallAbsence: absenceRate(sum) ?? 0,
			persistent: figures.list.length / figures.tallies.size,
			severe: figures.list.filter((s) => s.persistence === 'severe').length / figures.tallies.size
		};
		await app.close();
		tellAndExit(result);
	} catch (err) {
		await app.close();
		throw err;
	}
}

run().catch(fail);
