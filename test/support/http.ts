import { Snapshot } from '../../server/protocol';

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown; headers: Headers }> {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
	return { status: res.status, body: await res.json(), headers: res.headers };
}

export async function getSnapshot(base: string, school: string): Promise<Snapshot> {
	const res = await fetch(`${base}/api/v1/snapshot?school=${school}`);
	return Snapshot.parse(await res.json());
}
