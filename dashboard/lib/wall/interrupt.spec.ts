import { describe, expect, it } from 'vitest';
import type { OnCallItem } from '$protocol';
import { interrupting, ToneLedger } from './interrupt';

function call(id: string, extra: Partial<OnCallItem> = {}): OnCallItem {
	return {
		id,
		status: 'raised',
		priority: 'routine',
		reason: 'fighting',
		roomId: 'M1',
		roomName: 'M1',
		raisedAt: `2026-11-23T09:0${id.length}:00Z`,
		updatedAt: '2026-11-23T09:00:00Z',
		raisedBy: { id: 'T1', code: 'JSM' },
		responder: null,
		students: [],
		times: { raised: '2026-11-23T09:00:00Z', acknowledged: null, dispatched: null, enRoute: null, onScene: null },
		escalation: null,
		merged: [],
		suggestions: [],
		...extra
	};
}

const escalated = (level: number) => ({ rule: 'unacknowledged' as const, level, notify: 'slt' as const, at: '2026-11-23T09:01:00Z' });

describe('the priority interrupt', () => {
	it('takes emergencies and escalated calls until they are acknowledged', () => {
		const calls = [call('a'), call('b', { priority: 'emergency' }), call('c', { escalation: escalated(1) }), call('dd', { priority: 'emergency', status: 'acknowledged' })];
		expect(interrupting(calls).map((c) => c.id)).toEqual(['b', 'c']);
	});

	it('sounds once per new call and once per new escalation, never again for the same', () => {
		const ledger = new ToneLedger();
		const b = call('b', { priority: 'emergency' });
		expect(ledger.next([b])).toEqual(['call']);
		expect(ledger.next([b])).toEqual([]);
		expect(ledger.next([{ ...b, escalation: escalated(1) }])).toEqual(['escalation']);
		expect(ledger.next([{ ...b, escalation: escalated(1) }])).toEqual([]);
		expect(ledger.next([{ ...b, escalation: escalated(2) }])).toEqual(['escalation']);
		expect(ledger.next([])).toEqual([]);
		expect(ledger.size).toBe(0);
	});
});
