import { describe, expect, it } from 'vitest';
import type { CallOutcome, Contact } from '../../../protocol';
import { DATE, Scenario, at, ms, sessionMarked as marked } from '../../../../test/support/school-fixtures';
import { correctionsCsv, firstDayListCsv } from './first-day-csv';
import { firstDayReport } from './first-day';

const contact = (studentId: string, priority: number, relationship: string, extra: Partial<Contact> = {}): Contact => ({
	studentId,
	name: `${relationship} of ${studentId}`,
	relationship,
	priority,
	phones: ['07700 900000'],
	parentalResponsibility: true,
	livesWith: true,
	...extra
});

/** Five students, A to E; A has a mother (2) and a father (1), C one carer; B and D are marked in. */
function morning(): Scenario {
	return new Scenario()
		.apply({
			type: 'reference:updated',
			occurredAt: at('07:05'),
			contacts: [contact('A', 2, 'Mother'), contact('A', 1, 'Father'), contact('C', 1, 'Carer')]
		})
		.apply(
			marked(DATE, 'AM', [
				['A', 'N'],
				['B', '/'],
				['D', 'L']
			])
		);
}

let calls = 0;
const call = (studentId: string, contactIndex: number, outcome: CallOutcome, hhmm: string, reason?: string) => ({
	type: 'attendance:call-logged' as const,
	occurredAt: at(hhmm),
	callId: `call-${++calls}`,
	studentId,
	date: DATE,
	contactIndex,
	outcome,
	...(reason ? { reason } : {}),
	by: 'P002'
});

describe('first-day calling', () => {
	it('lists every student with no AM mark or N, contacts by priority, once the register closed', () => {
		const report = firstDayReport(morning().state, DATE, ms('09:15'));
		expect(report).toMatchObject({ closesAt: '09:10', callsBy: '10:30', open: true });
		expect(report.toCall.map((s) => [s.studentId, s.code, s.contacts, s.nextRelationship])).toEqual([
			['A', 'N', 2, 'Father'],
			['C', null, 1, 'Carer'],
			['E', null, 0, null]
		]);
	});

	it('offers the next contact by priority after a failed call, and drops the student once one is reached', () => {
		const s = morning().apply(call('A', 0, 'no_answer', '09:20'));
		expect(firstDayReport(s.state, DATE, ms('09:21')).toCall[0]).toMatchObject({
			studentId: 'A',
			nextContactIndex: 1,
			nextRelationship: 'Mother',
			reached: false
		});
		s.apply(call('A', 1, 'reached', '09:25'));
		const report = firstDayReport(s.state, DATE, ms('09:26'));
		expect(report.toCall.map((x) => x.studentId)).toEqual(['C', 'E']);
		expect(report.reached[0]).toMatchObject({ studentId: 'A', nextContactIndex: null });
		expect(report.reached[0]?.calls.map((c) => [c.relationship, c.outcome])).toEqual([
			['Father', 'no_answer'],
			['Mother', 'reached']
		]);
	});

	it('offers nobody once every contact was tried, and keeps the student on the list', () => {
		const s = morning().apply(call('C', 0, 'wrong_number', '09:20'));
		expect(firstDayReport(s.state, DATE, ms('09:21')).toCall.find((x) => x.studentId === 'C')).toMatchObject({
			nextContactIndex: null,
			calls: [{ outcome: 'wrong_number' }]
		});
	});

	it('flags those with nobody reached after the school sets, and puts them first', () => {
		const s = morning().apply(call('A', 0, 'reached', '09:20'), { type: 'reference:updated', occurredAt: at('09:30'), settings: { firstDayCallsBy: '10:00' } });
		expect(firstDayReport(s.state, DATE, ms('09:59')).toCall.some((x) => x.flagged)).toBe(false);
		const late = firstDayReport(s.state, DATE, ms('10:00'));
		expect(late.toCall.map((x) => [x.studentId, x.flagged])).toEqual([
			['C', true],
			['E', true]
		]);
		expect(late.reached[0]?.flagged).toBe(false);
	});

	it('leaves the list when the mark changes from N', () => {
		const s = morning().apply(marked(DATE, 'AM', [['A', 'I']]));
		expect(firstDayReport(s.state, DATE, ms('09:30')).toCall.map((x) => x.studentId)).toEqual(['C', 'E']);
	});

	it('asks for a register correction for a reason given, until the mark changes from N or none', () => {
		const s = morning().apply(call('A', 0, 'reached', '09:20', 'Ill with a temperature'), call('C', 0, 'voicemail', '09:22', 'left a message'));
		expect(firstDayReport(s.state, DATE, ms('09:30')).corrections).toEqual([
			{
				callId: expect.any(String),
				studentId: 'A',
				name: 'Amy Stone',
				formGroup: '9X',
				date: DATE,
				session: 'AM',
				reason: 'Ill with a temperature',
				by: 'P002',
				at: at('09:20')
			}
		]);
		// Still listed the next day while the MIS has not changed the mark...
		expect(firstDayReport(s.state, '2026-11-24', Date.parse('2026-11-24T08:00:00Z')).corrections).toHaveLength(1);
		// ...and gone once it has.
		s.apply(marked(DATE, 'AM', [['A', 'I']]));
		expect(firstDayReport(s.state, DATE, ms('09:40')).corrections).toEqual([]);
	});

	it('gives a contacts list in reference data as the whole book, replacing the one before', () => {
		const s = morning().apply({ type: 'reference:updated', occurredAt: at('08:00'), contacts: [contact('E', 1, 'Aunt')] });
		const report = firstDayReport(s.state, DATE, ms('09:15'));
		expect(report.toCall.map((x) => [x.studentId, x.contacts])).toEqual([
			['A', 0],
			['C', 0],
			['E', 1]
		]);
	});

	it('writes spreadsheets no cell of which runs as a formula, and no contact details', () => {
		const s = morning().apply(call('A', 0, 'reached', '09:20', '=HYPERLINK("http://x")'));
		const report = firstDayReport(s.state, DATE, ms('09:30'));
		const list = firstDayListCsv(report);
		expect(list.split('\r\n')[0]).toBe('date,student_id,name,year_group,form_group,am_mark,status,flagged,calls,last_outcome,last_call_at,next_contact');
		expect(list).toContain('2026-11-23,C,Cara Ueda,9,9X,none,to_call,N,0,,,Carer');
		expect(list).not.toContain('07700');
		expect(correctionsCsv(report)).toContain(`,"'=HYPERLINK(""http://x"")",P002,`);
	});
});
