import { describe, expect, it } from 'vitest';
import { AttendanceTemplateSet, fillTemplate, InboundEvent, unknownPlaceholders } from '../../../protocol';
import { at, Scenario, type EventDraft } from '../../../../test/support/school-fixtures';
import { minutesLateReport } from './minutes-late';

const late = (date: string, studentId: string, minutesLate: number): EventDraft => ({
	type: 'session:marked',
	occurredAt: `${date}T08:45:00.000Z`,
	date,
	session: 'AM',
	formGroup: '9X',
	takenBy: 'T1',
	marks: [{ studentId, code: 'L', minutesLate }]
});

describe('the minutes-late letter', () => {
	it('names every placeholder it cannot fill, once each, and refuses the template', () => {
		expect(unknownPlaceholders('Dear {{ parent }}, {{student}} was late {{lates}} times; {{parent}} {{Minutes}}')).toEqual(['parent', 'Minutes']);
		const refused = AttendanceTemplateSet.safeParse({
			id: 't1',
			schoolId: 's',
			occurredAt: at('09:00'),
			type: 'attendance:template-set',
			kind: 'minutes_late',
			body: 'Dear {{parent}}',
			by: 'u1'
		});
		expect(refused.success).toBe(false);
		expect(refused.error?.issues[0]?.message).toMatch(/^has placeholder\(s\) Lookout cannot fill: \{\{parent\}\} \(it fills \{\{student\}\}/);
	});

	it('fills known placeholders, spaces inside the braces allowed', () => {
		const values = { student: 'Amy Stone', form: '9X', from: 'a', to: 'b', lates: '3', minutes: '52', school: 'Test School', date: 'today' };
		expect(fillTemplate('{{ student }} of {{form}}: {{minutes}} minutes', values)).toBe('Amy Stone of 9X: 52 minutes');
	});

	it("uses the school's template once set, and lists letters recorded as sent for the same range, newest first", () => {
		const s = new Scenario().apply(late('2026-11-23', 'A', 70), {
			type: 'attendance:template-set',
			occurredAt: at('09:00'),
			kind: 'minutes_late',
			body: 'To {{student}}: {{minutes}} minutes between {{from}} and {{to}}. {{school}}, {{date}}',
			by: 'u-coordinator'
		});
		const sent = (letterId: string, from: string, hhmm: string): EventDraft => ({
			type: 'attendance:letter-sent',
			occurredAt: at(hhmm),
			letterId,
			studentId: 'A',
			kind: 'minutes_late',
			from,
			to: '2026-11-27',
			by: 'u-coordinator'
		});
		s.apply(sent('l1', '2026-11-23', '09:10'), sent('l2', '2026-11-23', '09:20'), sent('l3', '2026-11-16', '09:30'), sent('l1', '2026-11-23', '09:40'));
		const report = minutesLateReport(s.state, '2026-11-23', '2026-11-27', '2026-11-27');
		expect(report.template).toMatchObject({ setAt: at('09:00'), setBy: 'u-coordinator' });
		expect(report.letters[0]?.text).toBe('To Amy Stone: 70 minutes between 23 November 2026 and 27 November 2026. Test School, 27 November 2026');
		expect(report.letters[0]?.sent.map((l) => l.letterId)).toEqual(['l2', 'l1']);
	});

	it('is an event only Lookout writes, in the contract', () => {
		expect(InboundEvent.options.map((o) => o.shape.type.value)).toEqual(expect.arrayContaining(['attendance:template-set', 'attendance:letter-sent']));
	});
});
