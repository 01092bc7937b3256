import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FEED_NAMES, SchoolView, type FeedChange, type FeedName } from '../../protocol';
import { raise, dispatchScenario } from '../../../test/support/dispatch-fixtures';
import { at, DATE, lesson, ms } from '../../../test/support/school-fixtures';
import { feedView } from '../domain/view';
import { redactChanges, redactStudent, redactView } from './redact';

const NOW = ms('11:06');

/** A school with a student on every feed that can carry one: behaviour, calls, truancy, reflection, lateness, support. */
function busyView(): SchoolView {
	const s = dispatchScenario([lesson('L1', 'P1', 'M1', ['A', 'B']), lesson('L2', 'P2', 'S1', ['A', 'B']), lesson('L3', 'P3', 'M1', ['A', 'B'])]);
	const behaviour = (id: string, hhmm: string) => ({
		type: 'behaviour:recorded' as const,
		occurredAt: at(hhmm),
		polarity: 'negative' as const,
		category: 'disruption' as const,
		severity: 2,
		points: -2,
		locationId: 'M1',
		studentIds: [id, 'E'],
		staffId: 'T1'
	});
	s.apply(
		{
			type: 'session:marked',
			occurredAt: at('08:45'),
			date: DATE,
			session: 'AM',
			formGroup: '9X',
			takenBy: 'T1',
			marks: [
				{ studentId: 'A', code: '/' },
				{ studentId: 'B', code: '/' }
			]
		},
		{
			type: 'register:taken',
			occurredAt: at('09:03'),
			lessonId: 'L1',
			takenBy: 'T1',
			marks: [
				{ studentId: 'A', code: '/' },
				{ studentId: 'B', code: '/' }
			]
		},
		{
			type: 'register:taken',
			occurredAt: at('10:04'),
			lessonId: 'L2',
			takenBy: 'T1',
			marks: [
				{ studentId: 'A', code: '/' },
				{ studentId: 'B', code: '/' }
			]
		},
		{
			type: 'register:taken',
			occurredAt: at('11:05'),
			lessonId: 'L3',
			takenBy: 'T1',
			marks: [
				{ studentId: 'A', code: 'N' },
				{ studentId: 'B', code: '/' }
			]
		},
		behaviour('B', '09:20'),
		behaviour('B', '09:30'),
		behaviour('B', '09:40'),
		{ ...raise, occurredAt: at('10:50'), requestId: 'r1', studentIds: ['C'] },
		{ ...raise, occurredAt: at('09:10'), requestId: 'r0', locationId: 'S1', studentIds: ['D'] },
		{ type: 'oncall:cancelled', occurredAt: at('09:12'), requestId: 'r0', by: 'C1' },
		{
			type: 'reflection:booked',
			occurredAt: at('10:30'),
			bookingId: 'bk1',
			studentId: 'D',
			roomId: 'RR',
			periodId: 'P3',
			startsAt: at('11:00'),
			endsAt: at('12:00'),
			reason: 'Removed',
			bookedBy: 'T1'
		},
		{ type: 'reflection:checked-in', occurredAt: at('11:01'), bookingId: 'bk1' },
		{ type: 'student:arrived-late', occurredAt: at('08:55'), studentId: 'C', session: 'AM', minutesLate: 12 }
	);
	return Object.fromEntries(FEED_NAMES.map((feed) => [feed, feedView(s.state, feed, NOW)])) as SchoolView;
}

type StudentRefLike = { id: string; initials: string; name?: unknown };
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStudentRef = (value: unknown): value is StudentRefLike =>
	isRecord(value) && typeof value.id === 'string' && 'initials' in value && 'yearGroup' in value;

/** Every StudentRef anywhere inside a value. */
function studentRefs(value: unknown): StudentRefLike[] {
	if (isStudentRef(value)) return [value];
	if (Array.isArray(value)) return value.flatMap(studentRefs);
	if (isRecord(value)) return Object.values(value).flatMap(studentRefs);
	return [];
}

const underFive = (count: unknown) => (typeof count === 'number' && count > 0 && count < 5 ? null : count);

/** The value with `name` taken off each StudentRef and nothing else touched: what redaction must give. */
function withoutStudentNames(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutStudentNames);
	if (!isRecord(value)) return value;
	// The first-day counts name nobody, but a group under five is withheld from this tier.
	if (value.id === 'first-day') return { ...value, open: underFive(value.open), flagged: underFive(value.flagged) };
	const entries = Object.entries(value).filter(([key]) => !(key === 'name' && isStudentRef(value)));
	return Object.fromEntries(entries.map(([key, v]) => [key, withoutStudentNames(v)]));
}

/** Feeds whose items can hold a StudentRef, read off the contract, so a new one is not missed here. */
const FEEDS_WITH_STUDENTS = FEED_NAMES.filter((feed) => JSON.stringify(z.toJSONSchema(SchoolView.shape[feed])).includes('"initials"'));

describe('redaction for walls and patrol phones', () => {
	const view = busyView();

	it('starts from a view with named students on every feed that can carry them', () => {
		expect([...FEEDS_WITH_STUDENTS].sort()).toEqual(['arrivals', 'behaviour', 'oncall', 'oncallLog', 'reflection', 'support', 'truancy']);
		for (const feed of FEEDS_WITH_STUDENTS) {
			const refs = studentRefs(view[feed]);
			expect(refs.length, feed).toBeGreaterThan(0);
			for (const ref of refs) expect(ref.name, `${feed} ${ref.id}`).toEqual(expect.any(String));
		}
	});

	it('redactView leaves no name on any student, and every other field as it was', () => {
		const redacted = redactView(view);
		expect(studentRefs(redacted).length).toBe(studentRefs(view).length);
		for (const ref of studentRefs(redacted)) expect(ref).not.toHaveProperty('name');
		expect(redacted).toEqual(withoutStudentNames(view));
		// Staff, rooms and the school keep their names: only students lose theirs.
		expect(redacted.staff.map((s) => s.name)).toEqual(view.staff.map((s) => s.name));
		expect(redacted.reflection.map((r) => r.name)).toEqual(view.reflection.map((r) => r.name));
		for (const secret of ['Amy', 'Ben', 'Cara', 'Dev', 'Eli', 'Stone', 'Tate', 'Ueda', 'Vance', 'Wood']) expect(JSON.stringify(redacted)).not.toContain(secret);
	});

	it('redactChanges does the same to each upsert, and leaves removals alone', () => {
		const changes: FeedChange[] = FEED_NAMES.map((feed: FeedName) => ({ feed, upsert: view[feed], remove: [`gone-${feed}`] }) as FeedChange);
		const redacted = redactChanges(changes);
		for (const ref of studentRefs(redacted)) expect(ref).not.toHaveProperty('name');
		expect(redacted).toEqual(withoutStudentNames(changes));
		expect(redacted.map((c) => c.remove)).toEqual(changes.map((c) => c.remove));
	});

	it('does not change what it was given: the named tier still gets the names', () => {
		const before = JSON.stringify(view);
		redactView(view);
		redactChanges(FEED_NAMES.map((feed) => ({ feed, upsert: view[feed], remove: [] }) as FeedChange));
		expect(JSON.stringify(view)).toBe(before);
	});

	it('keeps an unknown student as it came', () => {
		expect(redactStudent({ id: 'X', initials: '?', yearGroup: null })).toEqual({ id: 'X', initials: '?', yearGroup: null });
	});
});
