import { describe, expect, it } from 'vitest';
import { createAccessState } from './access';
import { checkReveal, recordReveal, recordRevealFlag, REVEAL_WINDOW_MS, REVEALS_PER_HOUR, REVEALS_UNUSUAL } from './reveals';

const students = (from: number, count: number) => Array.from({ length: count }, (_, i) => `S${from + i}`);

describe('reveals per person', () => {
	it('counts different students within the hour, not the same names again', () => {
		const access = createAccessState();
		for (const id of students(0, REVEALS_UNUSUAL - 1)) recordReveal(access, 'u1', id, 0);
		expect(checkReveal(access, 'u1', students(0, REVEALS_UNUSUAL - 1), 10)).toEqual({ ok: true, flag: false });
		expect(checkReveal(access, 'u1', ['new'], 10)).toEqual({ ok: true, flag: true });
		expect(checkReveal(access, 'u2', ['new'], 10)).toEqual({ ok: true, flag: false });
	});

	it('flags once an hour, and refuses past the limit until the oldest name is an hour old', () => {
		const access = createAccessState();
		for (const id of students(0, REVEALS_PER_HOUR)) recordReveal(access, 'u1', id, 1_000);
		recordRevealFlag(access, 'u1', 1_000);
		expect(checkReveal(access, 'u1', students(0, 5), 2_000)).toEqual({ ok: true, flag: false });
		expect(checkReveal(access, 'u1', ['one more'], 2_000)).toEqual({ ok: false, retryAfterMs: REVEAL_WINDOW_MS - 1_000 });
		expect(checkReveal(access, 'u1', ['one more'], 1_000 + REVEAL_WINDOW_MS)).toEqual({ ok: true, flag: false });
	});

	it('forgets names older than the hour as new ones come, so it stays small', () => {
		const access = createAccessState();
		for (const id of students(0, 30)) recordReveal(access, 'u1', id, 0);
		recordReveal(access, 'u1', 'later', REVEAL_WINDOW_MS);
		expect([...access.reveals.get('u1')!.students.keys()]).toEqual(['later']);
	});
});
