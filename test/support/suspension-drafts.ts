import type { SuspensionReason, WithdrawalReason } from '../../server/protocol';
import type { EventDraft } from './school-fixtures';

export type SuspensionExtra = Partial<{
	session: 'AM' | 'PM';
	lunchtime: boolean;
	missesPublicExam: boolean;
	reasons: SuspensionReason[];
	decisionMaker: string;
	notes: string;
	/** The local date it was decided on (10:00 UTC); its start date when not given. */
	decided: string;
}>;

/** A suspension as the desk records it, for the domain's specs. */
export const suspended = (id: string, studentId: string, date: string, sessions: number, extra: SuspensionExtra = {}): EventDraft => ({
	type: 'suspension:recorded',
	occurredAt: `${extra.decided ?? date}T10:00:00.000Z`,
	suspensionId: id,
	studentId,
	kind: 'suspension',
	starts: { date, session: extra.session ?? 'AM' },
	sessions,
	lunchtime: extra.lunchtime ?? false,
	reasons: extra.reasons ?? ['VA', 'DB'],
	decisionMaker: extra.decisionMaker ?? 'Mrs K Head',
	notes: extra.notes ?? '',
	missesPublicExam: extra.missesPublicExam ?? false,
	by: 'T1'
});

/** The same suspension corrected at `at` to start on `date` for `sessions`. */
export const amended = (
	id: string,
	studentId: string,
	at: string,
	date: string,
	sessions: number,
	extra: SuspensionExtra & { why?: string } = {}
): EventDraft => ({
	type: 'suspension:amended',
	occurredAt: at,
	suspensionId: id,
	studentId,
	kind: 'suspension',
	starts: { date, session: extra.session ?? 'AM' },
	sessions,
	lunchtime: extra.lunchtime ?? false,
	reasons: extra.reasons ?? ['VA', 'DB'],
	decisionMaker: extra.decisionMaker ?? 'Mrs K Head',
	notes: extra.notes ?? '',
	missesPublicExam: extra.missesPublicExam ?? false,
	why: extra.why ?? '',
	by: 'T1'
});

export const withdrawn = (id: string, at: string, reason: WithdrawalReason = 'reinstated_by_governors', note = ''): EventDraft => ({
	type: 'suspension:withdrawn',
	occurredAt: at,
	suspensionId: id,
	reason,
	note,
	by: 'T1'
});

export const told = (id: string, who: 'parents' | 'local_authority' | 'governors', at: string): EventDraft => ({
	type: 'suspension:notified',
	occurredAt: at,
	suspensionId: id,
	who,
	how: 'letter',
	at,
	by: 'T1'
});
