import { describe, expect, it } from 'vitest';
import { ManualClock, scaledClock } from './clock';

describe('clocks', () => {
	it('a manual clock fires due timers in time order, each at its own instant', () => {
		const clock = new ManualClock('2026-11-23T09:00:00Z');
		const fired: string[] = [];
		clock.at(Date.parse('2026-11-23T09:10:00Z'), () => fired.push(`b@${new Date(clock.now()).toISOString().slice(11, 16)}`));
		clock.at(Date.parse('2026-11-23T09:05:00Z'), () => {
			fired.push(`a@${new Date(clock.now()).toISOString().slice(11, 16)}`);
			clock.at(Date.parse('2026-11-23T09:07:00Z'), () => fired.push('re-armed'));
		});
		const cancel = clock.at(Date.parse('2026-11-23T09:08:00Z'), () => fired.push('cancelled'));
		cancel();
		clock.advanceBy(60 * 60_000);
		expect(fired).toEqual(['a@09:05', 're-armed', 'b@09:10']);
		expect(clock.now()).toBe(Date.parse('2026-11-23T10:00:00Z'));
	});

	it('a scaled clock runs faster from its start and wakes timers in scaled time', async () => {
		const clock = scaledClock({ start: Date.parse('2026-11-23T08:30:00Z'), speed: 600 });
		const at = clock.now() + 30_000;
		const woke = await new Promise<number>((resolve) => clock.at(at, () => resolve(clock.now())));
		expect(woke).toBeGreaterThanOrEqual(at);
		expect(clock.now() - Date.parse('2026-11-23T08:30:00Z')).toBeGreaterThanOrEqual(30_000);
	});
});
