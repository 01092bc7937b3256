/**
 * Why a school's own data may not name this trust, or null when it may. A school's trust is
 * set only by an operator on the server (`npm run admin -- trust`), since it decides whose trust
 * admins act as admins there: a school naming another trust would hand itself, or take, the
 * schools of that trust. Naming the trust the operator set changes nothing and is taken.
 */
export function trustClaimProblem(claimed: string | undefined, set: string | null): string | null {
	if (claimed === undefined || claimed === set) return null;
	const where = set === null ? 'this school is in no trust' : `this school is in ${set}`;
	return `names trust ${claimed}, but ${where}: a school's trust is set by an operator on the server (npm run admin -- trust), not by its own data`;
}
