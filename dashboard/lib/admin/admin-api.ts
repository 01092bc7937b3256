import { z } from 'zod';
import { ApiError, AuditEntry, IssuedKey, KeyListing, PairedWall, PersonListing, WallListing, type NewPersonBody } from '$protocol';
import type { Fetch } from '../auth/csrf';

const Ok = <T extends z.ZodType>(data: T) => z.object({ ok: z.literal(true), data });

export type Person = PersonListing;
export type IntegrationKey = KeyListing;
export type WallScreen = WallListing;

/** What an admin call came to: its data, or what went wrong in plain words and the field it is about. */
export type Done<T> = { ok: true; data: T } | { ok: false; message: string; field: string | null };

const FIELD_LABEL: Record<string, string> = {
	email: 'Email address',
	displayName: 'Name',
	role: 'Role',
	staffId: 'Staff id',
	password: 'Password',
	name: 'Name'
};

/** The school's admin routes: people, integration keys, wall screens and the audit log. */
export class AdminApi {
	#send: Fetch;
	#schoolId: () => string;

	constructor(send: Fetch, schoolId: () => string) {
		this.#send = send;
		this.#schoolId = schoolId;
	}

	get auditCsvHref(): string {
		return this.#url('audit', { format: 'csv' });
	}

	people = () => this.#get('users', Ok(z.array(PersonListing)));
	addPerson = (person: NewPersonBody) => this.#post('users', Ok(PersonListing), person);
	removePerson = (userId: string) => this.#post('users/remove', Ok(z.unknown()), { userId });
	signOutPerson = (userId: string) => this.#post('users/sign-out', Ok(z.unknown()), { userId });
	/** Ends every session the person had, as well as setting the password. */
	setPassword = (userId: string, password: string) => this.#post('users/password', Ok(z.unknown()), { userId, password });

	keys = () => this.#get('keys', Ok(z.array(KeyListing)));
	issueKey = (name: string) => this.#post('keys', Ok(IssuedKey), { name });
	revokeKey = (keyId: string) => this.#post('keys/revoke', Ok(z.unknown()), { keyId });

	walls = () => this.#get('devices', Ok(z.array(WallListing)));
	pairWall = (name: string) => this.#post('devices', Ok(PairedWall), { name });
	revokeWall = (deviceId: string) => this.#post('devices/revoke', Ok(z.unknown()), { deviceId });
	reloadWalls = () => this.#post('walls/reload', Ok(z.unknown()));

	audit = () => this.#get('audit', Ok(z.array(AuditEntry)));

	#url(path: string, query: Record<string, string> = {}): string {
		return `/api/v1/${path}?${new URLSearchParams({ school: this.#schoolId(), ...query }).toString()}`;
	}

	#get<T>(path: string, schema: z.ZodType<{ ok: true; data: T }>): Promise<Done<T>> {
		return this.#call(this.#url(path), schema);
	}

	#post<T>(path: string, schema: z.ZodType<{ ok: true; data: T }>, body?: unknown): Promise<Done<T>> {
		const init: RequestInit =
			body === undefined ? { method: 'POST' } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
		return this.#call(this.#url(path), schema, init);
	}

	async #call<T>(url: string, schema: z.ZodType<{ ok: true; data: T }>, init?: RequestInit): Promise<Done<T>> {
		let res: Response;
		try {
			res = await this.#send(url, init);
		} catch {
			return { ok: false, field: null, message: 'The server cannot be reached, so nothing was changed. Check the connection and try again.' };
		}
		const body: unknown = await res.json().catch(() => null);
		if (res.ok) {
			const answer = schema.safeParse(body);
			if (answer.success) return { ok: true, data: answer.data.data };
			return {
				ok: false,
				field: null,
				message: `The server answered ${res.status} in a form this page does not understand; reload the page to see what changed.`
			};
		}
		return refusal(res.status, body);
	}
}

/** A refusal in plain words, naming the field when the server did. */
export function refusal(status: number, body: unknown): { ok: false; message: string; field: string | null } {
	const error = ApiError.safeParse(body);
	if (!error.success) return { ok: false, field: null, message: `The server refused this (status ${status}); nothing was changed.` };
	const issue = error.data.issues?.[0];
	if (error.data.code === 'unauthenticated') return { ok: false, field: null, message: 'You are signed out, so nothing was changed. Sign in again.' };
	if (!issue) return { ok: false, field: null, message: `Not done: ${error.data.message}.` };
	const field = FIELD_LABEL[issue.path] ?? issue.path;
	// The server's own words read on from the field ("is taken"); a validator's start a sentence.
	const joined = /^[a-z]/.test(issue.message) ? `${field} ${issue.message}` : `${field}: ${issue.message}`;
	return { ok: false, field: issue.path, message: `${joined.replace(/\.$/, '')}.` };
}
