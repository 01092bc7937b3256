import { z } from 'zod';
import { PairedWall, WallListing } from '../../protocol';
import { callAs, type AdminSession } from './admin-session';

const Paired = z.object({ ok: z.literal(true), data: PairedWall });
const Devices = z.object({ ok: z.literal(true), data: z.array(WallListing) });

/** Pairs a wall screen with a school, as an admin; the address to open once on the screen. */
export async function pairWall(base: string, school: string, name: string, admin: AdminSession): Promise<{ deviceId: string; address: string }> {
	const { data } = Paired.parse(await callAs(admin, `${base}/api/v1/devices?school=${school}`, 'POST', { name }));
	return { deviceId: data.deviceId, address: `${base}${data.pairingPath}` };
}

export async function listWalls(base: string, school: string, admin: AdminSession) {
	return Devices.parse(await callAs(admin, `${base}/api/v1/devices?school=${school}`, 'GET')).data;
}

export async function revokeWall(base: string, school: string, deviceId: string, admin: AdminSession): Promise<void> {
	await callAs(admin, `${base}/api/v1/devices/revoke?school=${school}`, 'POST', { deviceId });
}

/** Coordinators may do this too: a frozen wall is theirs to fix during the day. */
export async function reloadWalls(base: string, school: string, person: AdminSession): Promise<void> {
	await callAs(person, `${base}/api/v1/walls/reload?school=${school}`, 'POST');
}
