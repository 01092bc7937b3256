import { Snapshot } from '../../server/protocol';
import type { Credentials } from './client';

/** Request headers for these credentials: the session cookie, or the wall's token as a bearer. */
export function authHeaders(credentials: Credentials): Record<string, string> {
	return 'cookie' in credentials ? { cookie: credentials.cookie } : { authorization: `Bearer ${credentials.deviceToken}` };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
	return { status: res.status, body: await res.json(), headers: res.headers };
}

/** GETs JSON with these credentials (a device token needs `?school=` in the URL). */
export async function getJson(url: string, credentials: Credentials): Promise<{ status: number; body: unknown }> {
	const res = await fetch(url, { headers: authHeaders(credentials) });
	return { status: res.status, body: await res.json() };
}

export async function getSnapshot(base: string, school: string, credentials: Credentials): Promise<Snapshot> {
	const res = await fetch(`${base}/api/v1/snapshot?school=${school}`, { headers: authHeaders(credentials) });
	if (res.status !== 200) throw new Error(`snapshot of ${school} answered ${res.status}: ${await res.text()}`);
	return Snapshot.parse(await res.json());
}
