import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../../protocol';
import { createSchoolState } from '../school/state';
import { applyActionDone, applyPlanRecorded, applyPlanReviewed, applyTapMinuted, overdueCounts, studentPlans } from './plans';

const base = { schoolId: 'spec', occurredAt: '2026-11-02T15:00:00Z' };

function school() {
	const state = createSchoolState('spec');
	state.staff.set('T1', { id: 'T1', title: 'Mrs', givenName: 'Priya', familyName: 'Khan', code: 'PKH' });
	applyPlanRecorded(state, {
		...base,
		id: 'p1',
		type: 'plan:recorded',
		planId: 'plan-1',
		studentId: 'S1',
		kind: 'intervention',
		targets: ['Attend every lesson'],
		actions: [
			{ actionId: 'a1', what: 'Mentoring', owner: 'T1', due: '2026-11-10' },
			{ actionId: 'a2', what: 'Call home', owner: 'T1', due: '2026-11-10' },
			{ actionId: 'a3', what: 'Report card', owner: 'T1', due: '2026-11-30' }
		],
		reviewOn: '2026-11-16',
		by: 'T1'
	});
	applyTapMinuted(state, {
		...base,
		id: 't1',
		type: 'tap:minuted',
		meetingId: 'tap-1',
		studentId: 'S1',
		date: '2026-11-02',
		attendees: [{ staffId: 'T1' }, { role: 'parent/carer' }],
		summary: 'Met',
		actions: [{ actionId: 'x1', what: 'Refer to CAMHS', owner: 'T1', due: '2026-11-09' }],
		by: 'T1'
	});
	return state;
}

const done = (planId: string, actionId: string): EventOf<'plan:action-done'> => ({
	...base,
	id: `${planId}-${actionId}`,
	type: 'plan:action-done',
	planId,
	actionId,
	by: 'T1'
});

describe('plans and TAP minutes', () => {
	it('flags actions past their due date and not done, and a review past its date, relative to today', () => {
		const state = school();
		applyActionDone(state, done('plan-1', 'a1'));
		applyActionDone(state, done('tap-1', 'x1'));
		expect(overdueCounts(state, '2026-11-10')).toEqual({ actions: 0, reviews: 0 });
		expect(overdueCounts(state, '2026-11-20')).toEqual({ actions: 1, reviews: 1 });
		const { plans, tapMeetings } = studentPlans(state, 'S1', '2026-11-20');
		expect(plans[0]?.actions.map((a) => [a.actionId, a.overdue])).toEqual([
			['a1', false],
			['a2', true],
			['a3', false]
		]);
		expect(plans[0]?.reviewOverdue).toBe(true);
		expect(tapMeetings[0]?.attendees).toEqual(['Mrs Priya Khan', 'parent/carer']);
	});

	it('moves the review on once reviewed, and closes it when no next review is set', () => {
		const state = school();
		const review = (id: string, nextReviewOn?: string): EventOf<'plan:reviewed'> => ({
			...base,
			id,
			type: 'plan:reviewed',
			planId: 'plan-1',
			date: '2026-11-16',
			notes: 'Going well',
			by: 'T1',
			...(nextReviewOn ? { nextReviewOn } : {})
		});
		applyPlanReviewed(state, review('r1', '2026-12-07'));
		expect(studentPlans(state, 'S1', '2026-11-20').plans[0]).toMatchObject({ reviewOn: '2026-12-07', reviewOverdue: false });
		applyPlanReviewed(state, review('r2'));
		expect(studentPlans(state, 'S1', '2026-12-20').plans[0]).toMatchObject({ reviewOn: null, reviewOverdue: false });
	});
});
