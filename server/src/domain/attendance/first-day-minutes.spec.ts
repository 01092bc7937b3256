import { describe, expect, it } from 'vitest';
import { DATE, Scenario, at, ms, sessionMarked as marked } from '../../../../test/support/school-fixtures';
import { changedBetween, feedView, nextChangeAt } from '../view';

const MINUTE = 60_000;

describe('the first-day list, minute by minute', () => {
	it('is empty until the AM register closes, opens at the close, empties as calls are logged, and flags after first_day_calls_by', () => {
		const s = new Scenario().apply(
			{
				type: 'reference:updated',
				occurredAt: at('07:00'),
				settings: { firstDayCallsBy: '09:30' },
				contacts: ['A', 'B', 'C', 'D', 'E'].map((studentId) => ({
					studentId,
					name: `Parent of ${studentId}`,
					relationship: 'Parent',
					priority: 1,
					phones: ['01632 960000'],
					parentalResponsibility: true,
					livesWith: true
				}))
			},
			marked(DATE, 'AM', [
				['A', '/'],
				['B', 'N'],
				['C', '/']
			])
		);
		const count = (hhmm: string) => feedView(s.state, 'firstDayCalls', ms(hhmm))[0];
		const log = (studentId: string, hhmm: string) =>
			s.apply({
				type: 'attendance:call-logged',
				occurredAt: at(hhmm),
				callId: `c-${studentId}`,
				studentId,
				date: DATE,
				contactIndex: 0,
				outcome: 'reached',
				by: 'P002'
			});

		// The AM register opens at 08:40 and closes 30 minutes later.
		for (let minute = ms('08:40'); minute < ms('09:10'); minute += MINUTE) {
			expect(feedView(s.state, 'firstDayCalls', minute)[0]).toMatchObject({ open: 0, flagged: 0 });
		}
		// The clock alone opens it: the feed is named as changed in the minute of the close.
		expect(nextChangeAt(s.state, ms('09:05'))).toBe(ms('09:10'));
		expect(changedBetween(s.state, ms('09:09'), ms('09:10')).firstDayCalls).toBe('all');
		expect(count('09:10')).toMatchObject({ open: 3, flagged: 0 });
		log('B', '09:12');
		expect(count('09:12')).toMatchObject({ open: 2 });
		log('D', '09:20');
		expect(count('09:20')).toMatchObject({ open: 1 });
		expect(count('09:29')).toMatchObject({ open: 1, flagged: 0 });
		expect(changedBetween(s.state, ms('09:29'), ms('09:30')).firstDayCalls).toBe('all');
		expect(count('09:30')).toMatchObject({ open: 1, flagged: 1 });
		log('E', '09:31');
		expect(count('09:31')).toMatchObject({ open: 0, flagged: 0 });
	});
});
