import type { ActionView, EventOf, PlanAction, PlanView, TapAttendee, TapView } from '../../../protocol';
import type { PlanRecord, SchoolState, TapRecord } from '../school/state';

export function applyPlanRecorded(state: SchoolState, e: EventOf<'plan:recorded'>): void {
	// A plan recorded again under its id replaces the plan but keeps what was done and reviewed.
	const old = state.plans.get(e.planId);
	state.plans.set(e.planId, { recorded: e, done: old?.done ?? new Map(), reviews: old?.reviews ?? [] });
}

export function applyActionDone(state: SchoolState, e: EventOf<'plan:action-done'>): void {
	const owner = state.plans.get(e.planId) ?? state.tapMeetings.get(e.planId);
	if (owner && !owner.done.has(e.actionId)) owner.done.set(e.actionId, e);
}

export function applyPlanReviewed(state: SchoolState, e: EventOf<'plan:reviewed'>): void {
	state.plans.get(e.planId)?.reviews.push(e);
}

export function applyTapMinuted(state: SchoolState, e: EventOf<'tap:minuted'>): void {
	const old = state.tapMeetings.get(e.meetingId);
	state.tapMeetings.set(e.meetingId, { minuted: e, done: old?.done ?? new Map() });
}

/** Whether a plan or a TAP meeting has an action of this id. */
export function hasAction(record: PlanRecord | TapRecord, actionId: string): boolean {
	const actions = 'recorded' in record ? record.recorded.actions : record.minuted.actions;
	return actions.some((a) => a.actionId === actionId);
}

/** A member of staff as a record names them: `Mrs Priya Khan`; a user without a staff record by their display name. */
export function staffName(state: SchoolState, id: string): string {
	const user = state.access.users.get(id);
	const staff = state.staff.get(id) ?? (user?.staffId ? state.staff.get(user.staffId) : undefined);
	if (staff) return [staff.title, staff.givenName, staff.familyName].filter(Boolean).join(' ');
	return user?.displayName ?? id;
}

function actionView(state: SchoolState, a: PlanAction, done: Map<string, EventOf<'plan:action-done'>>, today: string): ActionView {
	const doneAt = done.get(a.actionId)?.occurredAt ?? null;
	return {
		actionId: a.actionId,
		what: a.what,
		owner: a.owner,
		ownerName: staffName(state, a.owner),
		due: a.due,
		doneAt,
		overdue: doneAt === null && a.due < today
	};
}

/** The review a plan waits for: its last review's next date, or the plan's own when never reviewed; null once closed. */
export function nextReview(record: PlanRecord): string | null {
	const last = record.reviews.at(-1);
	return last ? (last.nextReviewOn ?? null) : record.recorded.reviewOn;
}

export function planView(state: SchoolState, record: PlanRecord, today: string): PlanView {
	const p = record.recorded;
	const reviewOn = nextReview(record);
	return {
		planId: p.planId,
		kind: p.kind,
		targets: p.targets,
		actions: p.actions.map((a) => actionView(state, a, record.done, today)),
		reviewOn,
		reviewOverdue: reviewOn !== null && reviewOn < today,
		reviews: record.reviews.map((r) => ({ date: r.date, notes: r.notes, by: staffName(state, r.by) })),
		recordedAt: p.occurredAt,
		by: staffName(state, p.by)
	};
}

const attendeeLabel = (state: SchoolState, a: TapAttendee) => ('staffId' in a ? staffName(state, a.staffId) : a.name ? `${a.name} (${a.role})` : a.role);

export function tapView(state: SchoolState, record: TapRecord, today: string): TapView {
	const m = record.minuted;
	return {
		meetingId: m.meetingId,
		date: m.date,
		attendees: m.attendees.map((a) => attendeeLabel(state, a)),
		summary: m.summary,
		actions: m.actions.map((a) => actionView(state, a, record.done, today)),
		by: staffName(state, m.by)
	};
}

/** A student's plans and TAP meetings, oldest first, with what is overdue on `today`. */
export function studentPlans(state: SchoolState, studentId: string, today: string): { plans: PlanView[]; tapMeetings: TapView[] } {
	const plans = [...state.plans.values()].filter((r) => r.recorded.studentId === studentId).map((r) => planView(state, r, today));
	const tapMeetings = [...state.tapMeetings.values()]
		.filter((r) => r.minuted.studentId === studentId)
		.map((r) => tapView(state, r, today))
		.sort((a, b) => a.date.localeCompare(b.date));
	return { plans, tapMeetings };
}

/** Overdue actions and reviews across the school on `today`. */
export function overdueCounts(state: SchoolState, today: string): { actions: number; reviews: number } {
	let actions = 0;
	let reviews = 0;
	const count = (list: readonly PlanAction[], done: Map<string, unknown>) => {
		for (const a of list) if (a.due < today && !done.has(a.actionId)) actions += 1;
	};
	for (const r of state.plans.values()) {
		count(r.recorded.actions, r.done);
		const review = nextReview(r);
		if (review !== null && review < today) reviews += 1;
	}
	for (const r of state.tapMeetings.values()) count(r.minuted.actions, r.done);
	return { actions, reviews };
}
