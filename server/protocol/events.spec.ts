import { describe, expect, it } from 'vitest';
import { InboundEvent, parseIngestBody, zonedInstant } from './index';

const behaviour = {
	id: 'ev-1',
	schoolId: 'northfield',
	type: 'behaviour:recorded',
	occurredAt: '2026-11-23T09:05:00Z',
	polarity: 'negative',
	category: 'disruption',
	severity: 2,
	points: -2,
	locationId: 'S12',
	studentIds: ['STU1'],
	staffId: 'T1'
};

function issues(body: unknown) {
	const parsed = parseIngestBody(body);
	if (parsed.ok) throw new Error('expected a failure');
	return parsed.issues;
}

describe('wire contract', () => {
	it('accepts a valid event and fills defaults', () => {
		const raised = InboundEvent.parse({
			id: 'r',
			schoolId: 'x',
			type: 'oncall:raised',
			occurredAt: '2026-11-23T09:05:00+00:00',
			requestId: 'q',
			locationId: 'M1',
			reason: 'fighting',
			priority: 'emergency',
			raisedBy: 'T1'
		});
		expect(raised.type === 'oncall:raised' && raised.studentIds).toEqual([]);
		expect(InboundEvent.parse(behaviour)).toEqual(behaviour);
	});

	it('names the index and field of each bad event in a batch', () => {
		const batch = Array.from({ length: 100 }, (_, i) => ({ ...behaviour, id: `ev-${i}` }));
		batch[42] = { ...behaviour, studentIds: [] as string[], severity: 9 };
		const found = issues(batch);
		expect(found.map((i) => [i.index, i.path])).toEqual([
			[42, '[42].severity'],
			[42, '[42].studentIds']
		]);
	});

	it('refuses unknown types, retired attendance codes, times without an offset and unsafe ids', () => {
		expect(issues({ ...behaviour, type: 'behaviour:deleted' })[0]).toMatchObject({ path: 'type', message: expect.stringContaining('unknown event type') });
		const mark = {
			id: 'm',
			schoolId: 'x',
			type: 'session:marked',
			occurredAt: '2026-11-23T08:45:00Z',
			date: '2026-11-23',
			session: 'AM',
			formGroup: '9X',
			takenBy: 'T1'
		};
		expect(issues({ ...mark, marks: [{ studentId: 'A', code: 'H' }] })[0]).toMatchObject({ path: 'marks[0].code', message: 'unknown attendance code "H"' });
		expect(InboundEvent.safeParse({ ...mark, marks: [{ studentId: 'A', code: 'Y3' }] }).success).toBe(true);
		expect(issues({ ...behaviour, occurredAt: '2026-11-23 09:05' })[0]?.path).toBe('occurredAt');
		expect(issues({ ...behaviour, schoolId: '../etc' })[0]?.path).toBe('schoolId');
	});

	it('refuses a timezone that does not exist, and minutes late on a mark that is not late', () => {
		const ref = { id: 'r', schoolId: 'x', type: 'reference:updated', occurredAt: '2026-11-23T07:00:00Z' };
		expect(issues({ ...ref, school: { name: 'X', timezone: 'Mars/Olympus' } })[0]).toMatchObject({
			path: 'school.timezone',
			message: expect.stringContaining('IANA timezone')
		});
		const mark = {
			id: 'm',
			schoolId: 'x',
			type: 'session:marked',
			occurredAt: '2026-11-23T08:45:00Z',
			date: '2026-11-23',
			session: 'AM',
			formGroup: '9X',
			takenBy: 'T1'
		};
		expect(issues({ ...mark, marks: [{ studentId: 'A', code: '/', minutesLate: 5 }] })[0]?.path).toBe('marks[0].minutesLate');
	});

	it('refuses a field it does not know, naming it', () => {
		expect(issues({ ...behaviour, studentId: 'STU1' })).toEqual([{ path: 'studentId', message: 'is not a field of this event' }]);
		expect(issues([behaviour, { ...behaviour, locaton: 'S12' }])).toEqual([{ path: '[1].locaton', index: 1, message: 'is not a field of this event' }]);
	});

	it('converts local school times to instants across the clock change', () => {
		expect(zonedInstant('2026-11-23', '08:40', 'Europe/London')).toBe('2026-11-23T08:40:00.000Z');
		expect(zonedInstant('2026-06-23', '08:40', 'Europe/London')).toBe('2026-06-23T07:40:00.000Z');
		expect(zonedInstant('2026-03-29', '09:00', 'Europe/London')).toBe('2026-03-29T08:00:00.000Z');
	});
});
