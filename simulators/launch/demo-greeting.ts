import type { DemoAccess, DemoPerson } from './demo-access';

/** What each demo person is shown first, and where. */
const PAGES: Record<DemoPerson['role'], { what: string; section: string }> = {
	admin: { what: 'people, integration keys, wall screens and the audit log', section: 'admin' },
	slt: { what: 'the floorplan against the usual weeks', section: 'hotspots' },
	coordinator: { what: 'the dispatch console', section: 'dispatch' },
	patrol: { what: "the patrol phone, with this person's own calls", section: 'patrol' },
	trust_admin: { what: 'every school of the trust', section: 'admin' }
};

/**
 * What the demo prints once it runs: where to sign in and as whom, the one password of this
 * run (printed here and nowhere else), each page, and the wall's pairing address.
 */
export function demoGreeting(url: string, schoolId: string, access: DemoAccess): string[] {
	const who = (p: DemoPerson) => (p.staff ? `${p.role} (${p.displayName}, ${p.staff.code})` : p.role);
	const emailWidth = Math.max(...access.people.map((p) => p.email.length));
	const whoWidth = Math.max(...access.people.map((p) => who(p).length));
	const page = (p: DemoPerson) => `${PAGES[p.role].what}: ${url}/${PAGES[p.role].section}/${schoolId}`;
	return [
		`Lookout: sign in at ${url}/signin as any of these people, with the password ${access.password} (made for this run)`,
		...access.people.map((p) => `Lookout:   ${p.email.padEnd(emailWidth)}  ${who(p).padEnd(whoWidth)}  ${page(p)}`),
		`Lookout: open ${url}/live/${schoolId} to watch the simulated day (the floorplan: ${url}/hotspots/${schoolId})`,
		`Lookout: dispatch console ${url}/dispatch/${schoolId}, patrol phone ${url}/patrol/${schoolId}, raise a call ${url}/raise/${schoolId}, admin ${url}/admin/${schoolId}`,
		`Lookout: the attendance desk (coordinator, slt or admin): ${url}/attendance/${schoolId}`,
		`Lookout: the wall screen (paired as "Demo wall"; it needs no sign-in): ${url}${access.wall.pairingPath}`
	];
}
