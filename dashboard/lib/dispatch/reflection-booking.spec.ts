import { describe, expect, it } from 'vitest';
import type { BehaviourItem, OnCallLogItem } from '$protocol';
import { bookingQuery, incidentsToBook, removalsToBook } from './reflection-booking';

const student = (id: string) => ({ id, initials: 'AH', yearGroup: 9 });
const call = (id: string, disposition: OnCallLogItem['disposition'], endedAt: string, students = [student('STU1')]) =>
	({ id, outcome: 'closed', disposition, endedAt, roomName: 'S12 Science', reason: 'refusal', students }) as unknown as OnCallLogItem;
const incident = (id: string, polarity: 'negative' | 'positive', at: string) =>
	({ id, polarity, at, roomName: 'M3 Maths', category: 'defiance', students: [student('STU2')] }) as unknown as BehaviourItem;

describe('booking the Reflection Room from the console', () => {
	it('offers calls removed to Reflection only, latest first, a line a student', () => {
		const rows = removalsToBook([
			call('c1', 'removed_to_reflection', '2026-12-03T10:00:00Z'),
			call('c2', 'resolved_in_class', '2026-12-03T10:30:00Z'),
			call('c3', 'removed_to_reflection', '2026-12-03T11:00:00Z', [student('STU1'), student('STU3')])
		]);
		expect(rows.map((r) => r.key)).toEqual(['oncall-c3-STU1', 'oncall-c3-STU3', 'oncall-c1-STU1']);
	});

	it('offers the latest negative incidents, up to the number shown', () => {
		const rows = incidentsToBook(
			[
				incident('b1', 'negative', '2026-12-03T09:00:00Z'),
				incident('b2', 'positive', '2026-12-03T09:30:00Z'),
				incident('b3', 'negative', '2026-12-03T10:00:00Z')
			],
			1
		);
		expect(rows.map((r) => r.source.id)).toEqual(['b3']);
	});

	it('fills in the form from the student and the call or incident', () => {
		expect(bookingQuery({ student: student('STU1'), source: { kind: 'oncall', id: 'oc 1' } })).toBe('?student=STU1&oncall=oc+1');
		expect(bookingQuery({ student: student('STU2'), source: { kind: 'incident', id: 'b3' } })).toBe('?student=STU2&incident=b3');
	});
});
