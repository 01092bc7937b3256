import { randomInt } from 'node:crypto';
import type { InboundEvent, PersonRole, Staff } from '../../server/protocol';
import { demoStaff } from '../demo-staff';
import { auditEntry } from '../../server/src/auth/audit';
import { devicePaired, keyIssued, userAdded } from '../../server/src/auth/grants';
import type { EventStore } from '../../server/src/store/event-store';

export interface DemoPerson {
	role: PersonRole;
	email: string;
	displayName: string;
	/** The member of staff they are on the timetable, when they are one. */
	staff: Staff | null;
}

export interface DemoAccess {
	/** The simulator's integration key. */
	key: string;
	/** One password for every demo person, made for this run and kept nowhere but the log's hashes. */
	password: string;
	people: DemoPerson[];
	wall: { deviceId: string; pairingPath: string };
}

/** No 0/o, 1/l/i: the password is read off a terminal and typed into a browser. */
const PASSWORD_LETTERS = 'abcdefghjkmnpqrstuvwxyz23456789';

function demoPassword(): string {
	const group = () => Array.from({ length: 4 }, () => PASSWORD_LETTERS[randomInt(PASSWORD_LETTERS.length)]).join('');
	return [group(), group(), group(), group()].join('-');
}

const fullName = (s: Staff) => `${s.title ? `${s.title} ` : ''}${s.givenName} ${s.familyName}`;

/**
 * Writes the demo school's access straight into its log, as an admin would grant it: a key
 * for the simulator, an admin, a senior leader, the coordinator at the console and a patrol
 * member the simulated day sends on calls (so their phone shows real assignments), and a
 * paired wall screen. Each grant is audited as the system's.
 */
export async function seedDemoAccess(store: EventStore, options: { schoolId: string; seed: number; date: string }): Promise<DemoAccess> {
	const { schoolId } = options;
	const now = Date.now();
	const staff = demoStaff(options);
	const password = demoPassword();
	const people: DemoPerson[] = [
		{ role: 'admin', email: `admin@${schoolId}.demo`, displayName: 'Office admin', staff: null },
		{ role: 'slt', email: `slt@${schoolId}.demo`, displayName: fullName(staff.seniorLeader), staff: staff.seniorLeader },
		{ role: 'coordinator', email: `coordinator@${schoolId}.demo`, displayName: fullName(staff.coordinator), staff: staff.coordinator },
		{ role: 'patrol', email: `patrol@${schoolId}.demo`, displayName: fullName(staff.patrol), staff: staff.patrol }
	];
	const events: InboundEvent[] = [];
	const audit = (action: 'user_added' | 'key_issued' | 'device_paired', detail: string) =>
		auditEntry(schoolId, 'system', action, { detail: `${detail}, for the demo` }, now);

	const { event: keyEvent, key } = keyIssued(schoolId, 'Simulator', now);
	events.push(keyEvent, audit('key_issued', keyEvent.name));
	for (const p of people) {
		// One at a time: each scrypt hash takes 128 MiB.
		const added = await userAdded(schoolId, { email: p.email, displayName: p.displayName, role: p.role, staffId: p.staff?.id ?? null, password }, now);
		events.push(added, audit('user_added', `${added.email} as ${added.role}`));
	}
	const wall = devicePaired(schoolId, 'Demo wall', now);
	events.push(wall.event, audit('device_paired', wall.event.deviceId));
	await store.append(events);
	return { key, password, people, wall: { deviceId: wall.event.deviceId, pairingPath: wall.pairingPath } };
}
