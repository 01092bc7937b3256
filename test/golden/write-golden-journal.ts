/**
 * Writes a golden journal: the demo school's import, a simulated day, and one of every event
 * type the day does not produce, appended through the real journal store. Each golden journal
 * is kept as it was written, named by the stored-event version of the code that wrote it, and
 * the suite replays every one of them (`golden-journal.test.ts`): no release may leave a
 * school's journal unreadable. Run it when the stored-event version changes
 * (`npx tsx test/golden/write-golden-journal.ts test/golden/journal.v<N>.ndjson`), or when a
 * release adds event types, beside the version's earlier journal, which stays as it was:
 * `test/golden/journal.v<N>.<date>.ndjson`, or `<date>-2.ndjson` for a second on the same day (the newest must hold
 * every type).
 */
import { readFileSync, rmSync } from 'node:fs';
import { InboundEvent, FloorplanFile, type InboundEventInput } from '../../server/protocol';
import { importSchool } from '../../server/src/import/school-import';
import { MemoryStore } from '../../server/src/store/memory-store';
import { simulateDay } from '../../simulators/day';
import { buildSchool, type SimSchool } from '../../simulators/school';
import { schoolCsvFiles } from '../../simulators/school-csv';

const DATE = '2026-11-23';
const SCHOOL = 'northfield';
const HASH = 'a'.repeat(64);
const PASSWORD_HASH = `scrypt$131072$8$1$${'s'.repeat(22)}$${'h'.repeat(43)}`;

/** The facts a simulated day has no reason to produce, each as a school's own system or Lookout would write it. */
function accessAndDevices(school: SimSchool, at: string): InboundEventInput[] {
	const base = (id: string) => ({ id, schoolId: SCHOOL, occurredAt: at });
	const room = school.teachingRooms[0]?.id ?? 'S1';
	const [coordinator, patrol] = school.responders;
	const period = school.lessons[0]?.periodId ?? 'P1';
	return [
		{
			...base('golden-call'),
			type: 'oncall:raised',
			requestId: 'R-golden',
			locationId: room,
			reason: 'other',
			priority: 'routine',
			studentIds: [],
			raisedBy: coordinator?.id ?? 'T001'
		},
		{ ...base('golden-call-ack'), type: 'oncall:acknowledged', requestId: 'R-golden', by: coordinator?.id ?? 'T001' },
		{ ...base('golden-call-unack'), type: 'oncall:unacknowledged', requestId: 'R-golden', by: coordinator?.id ?? 'T001' },
		{ ...base('golden-call-escalated'), type: 'oncall:escalated', requestId: 'R-golden', rule: 'unacknowledged', level: 1, notify: 'slt' },
		{ ...base('golden-call-cancelled'), type: 'oncall:cancelled', requestId: 'R-golden', by: coordinator?.id ?? 'T001' },
		{ ...base('golden-cover'), type: 'duty:cover-taken', staffId: patrol?.id ?? 'T002', date: DATE, periodId: period, role: 'on_call' },
		// A booking withdrawn before school: the sanction cleared (the simulated day cancels some too).
		{
			...base('golden-booking'),
			type: 'reflection:booked',
			bookingId: 'B-golden',
			studentId: school.students[0]?.id ?? 'STU00001',
			roomId: school.reflectionRoomId,
			periodId: period,
			startsAt: `${DATE}T09:00:00.000Z`,
			endsAt: `${DATE}T09:50:00.000Z`,
			reason: 'Truancy from Period 6 on Friday',
			bookedBy: coordinator?.id ?? 'T001'
		},
		{
			...base('golden-booking-cancelled'),
			type: 'reflection:cancelled',
			bookingId: 'B-golden',
			by: coordinator?.id ?? 'T001',
			reason: 'Friday P6 mark corrected: the student was at a music exam'
		},
		// Booked from the desk (the lesson missed and its source), a gap's cover asked for and taken from a phone.
		{
			...base('golden-desk-booking'),
			type: 'reflection:booked',
			bookingId: 'B-golden-desk',
			studentId: school.students[1]?.id ?? 'STU00002',
			roomId: school.reflectionRoomId,
			periodId: period,
			startsAt: `${DATE}T09:00:00.000Z`,
			endsAt: `${DATE}T09:50:00.000Z`,
			reason: 'Removed from Maths for refusal',
			bookedBy: coordinator?.id ?? 'T001',
			lessonId: school.lessons[0]?.id ?? 'L-golden',
			source: { kind: 'oncall', requestId: 'R-golden' }
		},
		{
			...base('golden-cover-requested'),
			type: 'reflection:cover-requested',
			roomId: school.reflectionRoomId,
			date: DATE,
			periodId: period,
			by: coordinator?.id ?? 'T001'
		},
		{
			...base('golden-cover-taken'),
			type: 'reflection:cover-taken',
			roomId: school.reflectionRoomId,
			date: DATE,
			periodId: period,
			staffId: patrol?.id ?? 'T002'
		},
		{
			...base('golden-user'),
			type: 'user:added',
			userId: 'U-golden',
			email: 'golden@northfield.example',
			displayName: 'Golden Admin',
			role: 'admin',
			staffId: null,
			passwordHash: PASSWORD_HASH
		},
		{ ...base('golden-password'), type: 'user:password-set', userId: 'U-golden', passwordHash: PASSWORD_HASH },
		{ ...base('golden-session'), type: 'session:started', sessionId: HASH, userId: 'U-golden', expiresAt: '2026-11-24T06:00:00.000Z' },
		{ ...base('golden-session-end'), type: 'session:ended', sessionId: HASH },
		{ ...base('golden-everywhere'), type: 'user:signed-out-everywhere', userId: 'U-golden' },
		{ ...base('golden-key'), type: 'integration-key:issued', keyId: 'K-golden', name: 'MIS sync', keySha256: 'b'.repeat(64) },
		{ ...base('golden-key-revoked'), type: 'integration-key:revoked', keyId: 'K-golden' },
		// journal.v1 has this name with a NUL and a lone surrogate, which its code took and today's refuses.
		{ ...base('golden-device'), type: 'device:paired', deviceId: 'D-golden', name: 'Pastoral office wall', tokenSha256: 'c'.repeat(64) },
		{ ...base('golden-device-revoked'), type: 'device:revoked', deviceId: 'D-golden' },
		{
			...base('golden-audit'),
			type: 'audit:recorded',
			action: 'signed_in',
			actorId: 'U-golden',
			actorRole: 'admin',
			studentId: null,
			address: '127.0.0.1',
			detail: ''
		},
		{ ...base('golden-user-removed'), type: 'user:removed', userId: 'U-golden' },
		{ ...base('golden-trust'), type: 'school:trust-set', trustId: 'north-trust' },
		...attendanceDesk(school, at)
	];
}

/** The attendance desk's own records: a first-day call, a letter and its template, a clean slate, an intervention, a RAG sent. */
function attendanceDesk(school: SimSchool, at: string): InboundEventInput[] {
	const base = (id: string) => ({ id, schoolId: SCHOOL, occurredAt: at });
	const student = school.students[0]?.id ?? 'STU00001';
	const form = school.students[0]?.formGroup ?? '7N';
	const by = school.responders[0]?.id ?? 'T001';
	return [
		{
			...base('golden-first-call'),
			type: 'attendance:call-logged',
			callId: 'C-golden',
			studentId: student,
			date: DATE,
			contactIndex: 0,
			outcome: 'reached',
			reason: 'Ill, back tomorrow',
			by
		},
		{
			...base('golden-template'),
			type: 'attendance:template-set',
			kind: 'minutes_late',
			body: 'To the parent or carer of {{student}}: {{minutes}} minutes late.',
			by
		},
		{
			...base('golden-letter'),
			type: 'attendance:letter-sent',
			letterId: 'L-golden',
			studentId: student,
			kind: 'minutes_late',
			from: '2026-11-02',
			to: DATE,
			by
		},
		{ ...base('golden-told'), type: 'attendance:parent-told', studentId: student, date: DATE, what: 'AM mark N changed to I', by },
		{
			...base('golden-intervention'),
			type: 'attendance:intervention-logged',
			interventionId: 'I-golden',
			studentId: student,
			kind: 'letter_1',
			date: DATE,
			by,
			outcome: 'Letter sent',
			nextReviewOn: '2026-12-07'
		},
		{ ...base('golden-rag'), type: 'attendance:rag-sent', week: DATE, formGroup: form, by },
		{
			...base('golden-suspension'),
			type: 'suspension:recorded',
			suspensionId: 'S-golden',
			studentId: student,
			kind: 'suspension',
			starts: { date: DATE, session: 'PM' },
			sessions: 3,
			lunchtime: false,
			reasons: ['VA', 'DB'],
			decisionMaker: 'Mrs K Head',
			notes: 'Swore at a teacher',
			missesPublicExam: false,
			by
		},
		{ ...base('golden-suspension-told'), type: 'suspension:notified', suspensionId: 'S-golden', who: 'parents', how: 'letter', at: `${DATE}T15:00:00Z`, by },
		{
			...base('golden-suspension-amended'),
			type: 'suspension:amended',
			suspensionId: 'S-golden',
			studentId: student,
			kind: 'suspension',
			starts: { date: DATE, session: 'PM' },
			sessions: 4,
			lunchtime: false,
			reasons: ['VA', 'DB'],
			decisionMaker: 'Mrs K Head',
			notes: 'Swore at a teacher',
			missesPublicExam: false,
			why: 'four sessions, not three',
			by
		},
		{ ...base('golden-suspension-withdrawn'), type: 'suspension:withdrawn', suspensionId: 'S-golden', reason: 'reinstated_by_governors', note: '', by },
		{
			...base('golden-suspension-letter'),
			type: 'suspension:template-set',
			body: 'Dear parent or carer, {{student}} is suspended from {{from}} to {{to}}.',
			by
		},
		{
			...base('golden-plan'),
			type: 'plan:recorded',
			planId: 'P-golden',
			studentId: student,
			kind: 'support',
			targets: ['Arrive to lessons on time'],
			actions: [{ actionId: 'a1', what: 'Weekly mentoring', owner: by, due: '2026-11-30' }],
			reviewOn: '2026-12-07',
			by
		},
		{ ...base('golden-plan-done'), type: 'plan:action-done', planId: 'P-golden', actionId: 'a1', by },
		{ ...base('golden-plan-review'), type: 'plan:reviewed', planId: 'P-golden', date: DATE, notes: 'Going well', nextReviewOn: '2026-12-14', by },
		{
			...base('golden-tap'),
			type: 'tap:minuted',
			meetingId: 'TAP-golden',
			studentId: student,
			date: DATE,
			attendees: [{ staffId: by }, { role: 'parent/carer' }],
			summary: 'Agreed a fresh start.',
			actions: [{ actionId: 't1', what: 'Refer to the school nurse', owner: by, due: '2026-11-30' }],
			by
		}
	];
}

export async function writeGoldenJournal(path: string): Promise<{ events: number; types: number }> {
	rmSync(path, { force: true });
	const plan = FloorplanFile.parse(JSON.parse(readFileSync(new URL('../../floorplans/demo-school.geojson', import.meta.url), 'utf8')));
	const school = buildSchool(plan, { schoolId: SCHOOL, seed: 11, date: DATE });
	const imported = importSchool(SCHOOL, schoolCsvFiles(school), new Date(`${DATE}T06:30:00Z`));
	if (!imported.ok) throw new Error(imported.errors.join('\n'));
	const raw = [...imported.events, ...accessAndDevices(school, `${DATE}T06:45:00Z`), ...simulateDay(school, 11)];
	const events = raw.map((e) => InboundEvent.parse(e));
	const missing = InboundEvent.options.map((o) => o.shape.type.value).filter((type) => !events.some((e) => e.type === type));
	if (missing.length > 0) throw new Error(`the golden journal has no ${missing.join(', ')}: add one of each to accessAndDevices`);
	const store = await MemoryStore.open({ journal: path });
	for (let i = 0; i < events.length; i += 100) await store.append(events.slice(i, i + 100));
	await store.close();
	return { events: events.length, types: new Set(events.map((e) => e.type)).size };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
	const path = process.argv[2];
	if (!path || path.startsWith('-')) {
		console.log('usage: npx tsx test/golden/write-golden-journal.ts <journal.vN.ndjson>');
		process.exit(path === '--help' || path === '-h' ? 0 : 2);
	}
	const { events, types } = await writeGoldenJournal(path);
	console.log(`wrote ${path}: ${events} events of ${types} types`);
}
