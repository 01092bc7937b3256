import { describe, expect, it } from 'vitest';
import { call } from '../../../test/support/call-fixture';
import { interrupting, ToneLedger } from './interrupt';

const escalated = (level: number) => ({ rule: 'unacknowledged' as const, level, notify: 'slt' as const, at: '2026-11-23T09:01:00Z' });

describe('the priority interrupt', () => {
	it('takes emergencies and escalated calls until they are acknowledged', () => {
		const calls = [
			call('a'),
			call('b', { priority: 'emergency', raisedAt: '2026-11-23T09:01:00Z' }),
			call('c', { escalation: escalated(1), raisedAt: '2026-11-23T09:02:00Z' }),
			call('d', { priority: 'emergency', status: 'acknowledged' })
		];
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

	it('keeps a call nobody acknowledges on top past the escalation cap, sounding once for each reminder', () => {
		const ledger = new ToneLedger();
		const ignored = call('old', { escalation: escalated(3), raisedAt: '2026-11-23T09:00:00Z' });
		const fresh = call('new', { priority: 'emergency', raisedAt: '2026-11-23T09:20:00Z' });
		expect(ledger.next(interrupting([ignored]))).toEqual(['escalation']);
		for (const level of [4, 5, 6]) {
			const onWall = interrupting([fresh, { ...ignored, escalation: escalated(level) }]);
			expect(onWall.map((c) => c.id)).toEqual(['old', 'new']);
			expect(ledger.next(onWall)).toEqual(['escalation']);
			expect(ledger.next(onWall)).toEqual([]);
		}
		expect(interrupting([{ ...ignored, status: 'acknowledged', escalation: null }])).toEqual([]);
	});
});
