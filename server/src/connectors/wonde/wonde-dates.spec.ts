import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../source-fetch';
import { updatedAfterValue, wondeInstant, wondeLocalDate } from './wonde-dates';

describe('Wonde dates', () => {
	it('reads the wall-clock time in the timezone the date names, summer and winter', () => {
		expect(wondeInstant({ date: '2026-09-03 08:50:15.000000', timezone_type: 3, timezone: 'Europe/London' })).toBe('2026-09-03T07:50:15.000Z');
		expect(wondeInstant({ date: '2026-11-23 08:50:00.000000', timezone_type: 3, timezone: 'Europe/London' })).toBe('2026-11-23T08:50:00.000Z');
		expect(wondeInstant({ date: '2026-09-03 08:50:00.000000', timezone_type: 3, timezone: 'UTC' })).toBe('2026-09-03T08:50:00.000Z');
	});

	it('gives the date, and updated_after as Wonde takes it', () => {
		expect(wondeLocalDate({ date: '2026-09-03 00:00:00.000000', timezone_type: 3, timezone: 'Europe/London' })).toBe('2026-09-03');
		expect(updatedAfterValue('2026-11-23 10:05:00.000000')).toBe('2026-11-23 10:05:00');
	});
});

describe('Retry-After', () => {
	it('takes seconds or an HTTP date; anything else is no advice', () => {
		expect(retryAfterMs('3')).toBe(3_000);
		expect(retryAfterMs('Thu, 03 Dec 2026 18:00:10 GMT', Date.parse('2026-12-03T18:00:00Z'))).toBe(10_000);
		expect(retryAfterMs(null)).toBeNull();
		expect(retryAfterMs('soon')).toBeNull();
	});
});
