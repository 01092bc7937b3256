import type { DutyStatus, StaffStatus } from '../../../protocol';

/** What can be asked of a member of staff, and from which statuses. */
export type StaffAction = 'dispatch' | DutyStatus;

export const STAFF_ALLOWED_FROM: Record<StaffAction, readonly StaffStatus[]> = {
	// Only someone free can be sent: not teaching, not supervising, not off duty, not on another call.
	dispatch: ['available'],
	// Saying so again is a resend, not a change; on a call, it must end or pass to someone else first.
	available: ['available', 'teaching', 'supervising', 'off_duty'],
	off_duty: ['available', 'teaching', 'supervising', 'off_duty']
};

export function staffMayDo(status: StaffStatus, action: StaffAction): boolean {
	return STAFF_ALLOWED_FROM[action].includes(status);
}
