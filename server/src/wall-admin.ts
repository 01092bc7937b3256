import { z } from 'zod';
import { ApiError } from '../protocol';

const Paired = z.object({ ok: z.literal(true), data: z.object({ deviceId: z.string(), name: z.string(), pairingPath: z.string() }) });
const Devices = z.array(z.object({ id: z.string(), name: z.string(), pairedAt: z.string(), revokedAt: z.string().nullable() }));

async function call(url: string, method: 'GET' | 'POST', body?: unknown): Promise<unknown> {
	const res = await fetch(url, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
	const answer: unknown = await res.json();
	if (!res.ok) {
		const error = ApiError.safeParse(answer);
		throw new Error(error.success ? `${error.data.message}${error.data.issues?.map((i) => ` (${i.path}: ${i.message})`).join('') ?? ''}` : `HTTP ${res.status}`);
	}
	return answer;
}

/** Pairs a wall screen with a school; the address to open once on the screen. */
export async function pairWall(base: string, school: string, name: string): Promise<{ deviceId: string; address: string }> {
	const { data } = Paired.parse(await call(`${base}/api/v1/devices?school=${school}`, 'POST', { name }));
	return { deviceId: data.deviceId, address: `${base}${data.pairingPath}` };
}

export async function listWalls(base: string, school: string) {
	return Devices.parse(await call(`${base}/api/v1/devices?school=${school}`, 'GET'));
}

export async function revokeWall(base: string, school: string, deviceId: string): Promise<void> {
	await call(`${base}/api/v1/devices/revoke?school=${school}`, 'POST', { deviceId });
}

export async function reloadWalls(base: string, school: string): Promise<void> {
	await call(`${base}/api/v1/walls/reload?school=${school}`, 'POST');
}
