import type { OnCallItem } from '$protocol';

/** An open call for specs: raised at 09:00, routine, with whatever the spec changes. */
export const call = (id: string, over: Partial<OnCallItem> = {}): OnCallItem => ({
	id,
	status: 'raised',
	priority: 'routine',
	reason: 'disruption',
	roomId: 'S1',
	roomName: 'S1',
	raisedAt: '2026-11-23T09:00:00Z',
	updatedAt: '2026-11-23T09:00:00Z',
	raisedBy: { id: 'T1', code: 'JSM' },
	responder: null,
	students: [],
	times: { raised: '2026-11-23T09:00:00Z', acknowledged: null, dispatched: null, enRoute: null, onScene: null },
	escalation: null,
	merged: [],
	suggestions: [],
	...over
});
