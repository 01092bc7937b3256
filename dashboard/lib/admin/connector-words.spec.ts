import { describe, expect, it } from 'vitest';
import type { ConnectorStatus } from '$protocol/connectors';
import { stateInWords } from './connector-words';

const base: ConnectorStatus = {
	connector: 'wonde',
	schoolId: 'northfield',
	state: 'ok',
	detail: null,
	endpoint: null,
	lastRunAt: '2026-11-23T09:10:00.000Z',
	lastSuccessAt: '2026-11-23T09:10:04.000Z',
	nextRunAt: '2026-11-23T09:25:00.000Z',
	recordsIn: 461,
	refused: 0,
	refusals: [],
	cursors: {}
};
const words = (status: Partial<ConnectorStatus>) => stateInWords({ ...base, ...status }, 'Europe/London');

describe("a connector's state in words", () => {
	it('revoked and narrowed say what the source answered, where, and who puts it right', () => {
		expect(
			words({ state: 'revoked', endpoint: 'students', detail: "students: the source refused the key (401): the school's approval or the key was revoked" })
		).toEqual({
			label: 'Revoked',
			sentence: "Wonde answered 401 at students; ask the school's Wonde approval to be renewed (or Lookout's key replaced), then run it now",
			tone: 'alert'
		});
		expect(words({ state: 'narrowed', endpoint: 'behaviours' }).sentence).toBe(
			"Wonde answered 403 at behaviours; the school's Wonde approval no longer covers behaviours; ask the school to approve it again in Wonde, then run it now"
		);
		expect(words({ connector: 'arbor', state: 'revoked', endpoint: 'students' }).sentence).toMatch(/^Arbor answered 401 at students; ask the school to renew/);
	});

	it('failed names the endpoint once; ok counts the refusals; never run gives the first run in the school’s time', () => {
		expect(words({ state: 'failed', endpoint: 'lessons', detail: 'lessons: the source answered 500, 6 times' }).sentence).toBe(
			'the source answered 500, 6 times (at lessons); the next scheduled run tries again'
		);
		expect(words({ refused: 1 }).sentence).toMatch(/^1 record was refused;/);
		expect(words({ refused: 2 }).sentence).toMatch(/^2 records were refused;/);
		expect(words({ state: 'never_run', lastRunAt: null }).sentence).toBe('the first scheduled run is at 23 Nov, 09:25:00, or run it now');
		expect(words({ state: 'running' })).toMatchObject({ label: 'Running', sentence: 'started at 23 Nov, 09:10:00', tone: 'busy' });
	});
});
