import { describe, expect, it } from 'vitest';
import { trustClaimProblem } from './trust';

describe('trustClaimProblem', () => {
	it('takes no trust named, or the one the operator set', () => {
		expect(trustClaimProblem(undefined, null)).toBeNull();
		expect(trustClaimProblem(undefined, 'trust-one')).toBeNull();
		expect(trustClaimProblem('trust-one', 'trust-one')).toBeNull();
	});

	it('refuses another trust, and any trust when the operator set none', () => {
		expect(trustClaimProblem('trust-two', 'trust-one')).toMatch(/this school is in trust-one.*npm run admin -- trust/);
		expect(trustClaimProblem('trust-two', null)).toMatch(/in no trust/);
	});
});
