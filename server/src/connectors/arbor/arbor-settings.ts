import { z } from 'zod';
import { SchoolId } from '../../../protocol';
import { arborCredential, arborSchoolUrl } from './arbor-connector';

/** A school whose Arbor connector is switched on. */
export interface ArborSchool {
	schoolId: string;
	connector: 'arbor';
	/** The school's API base: `https://<host>/rest-v2`, or the whole URL given (a test's fake). */
	baseUrl: string;
	/** Arbor's API user as HTTP Basic. */
	credential: string;
}

/** An Arbor school's own hostname (`northfield.uk.arbor.sc`), or an http(s) URL of its API. */
const Host = z.union([
	z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, 'a hostname such as northfield.uk.arbor.sc'),
	z.url({ protocol: /^https?$/ })
]);
const User = z.string().regex(/^[\x21-\x7e]{1,200}$/, 'printable ASCII without spaces');
const Password = z.string().regex(/^[\x20-\x7e]{8,200}$/, 'printable ASCII, at least 8 characters');

/** `ARBOR_USER_<SCHOOL>` and `ARBOR_PASSWORD_<SCHOOL>`: the school id upper-cased, dashes as underscores. */
export const arborVariable = (what: 'USER' | 'PASSWORD', schoolId: string) => `ARBOR_${what}_${schoolId.toUpperCase().replace(/-/g, '_')}`;

export class ArborSettingsError extends Error {
	override readonly name = 'ArborSettingsError';
}

/**
 * The schools with an Arbor connector switched on, from the environment, as WONDE_SCHOOLS works:
 * `ARBOR_SCHOOLS=northfield=northfield.uk.arbor.sc,southfield=southfield.uk.arbor.sc` pairs
 * Lookout's school id with the school's Arbor host; `ARBOR_USER` and `ARBOR_PASSWORD` are the API
 * user Arbor issued (one for every school), or `ARBOR_USER_<SCHOOL>` and `ARBOR_PASSWORD_<SCHOOL>`
 * a school's own. Passwords are secrets: a refusal never repeats one.
 */
export function arborSchools(env: Record<string, string | undefined> = process.env): ArborSchool[] {
	const list = env.ARBOR_SCHOOLS?.trim();
	if (!list) return [];
	return list.split(',').map((pair) => {
		const at = pair.indexOf('=');
		const schoolText = (at < 0 ? pair : pair.slice(0, at)).trim();
		const hostText = at < 0 ? '' : pair.slice(at + 1).trim();
		const schoolId = SchoolId.safeParse(schoolText);
		if (!schoolId.success)
			throw new ArborSettingsError(`ARBOR_SCHOOLS: ${JSON.stringify(schoolText)} is not a school id (${schoolId.error.issues[0]?.message ?? ''})`);
		const host = Host.safeParse(hostText);
		if (!host.success)
			throw new ArborSettingsError(
				`ARBOR_SCHOOLS: ${schoolId.data}: ${JSON.stringify(hostText)} is not the school's Arbor host (a hostname such as northfield.uk.arbor.sc)`
			);
		const userVariable = arborVariable('USER', schoolId.data);
		const passwordVariable = arborVariable('PASSWORD', schoolId.data);
		const user = env[userVariable] || env.ARBOR_USER;
		const password = env[passwordVariable] || env.ARBOR_PASSWORD;
		if (!user || !password)
			throw new ArborSettingsError(
				`ARBOR_SCHOOLS: ${schoolId.data}: no API user; set ARBOR_USER and ARBOR_PASSWORD (or ${userVariable} and ${passwordVariable})`
			);
		const userOk = User.safeParse(user);
		if (!userOk.success) throw new ArborSettingsError(`${env[userVariable] ? userVariable : 'ARBOR_USER'}: ${userOk.error.issues[0]?.message ?? ''}`);
		const passwordOk = Password.safeParse(password);
		if (!passwordOk.success)
			throw new ArborSettingsError(`${env[passwordVariable] ? passwordVariable : 'ARBOR_PASSWORD'}=(not shown): ${passwordOk.error.issues[0]?.message ?? ''}`);
		return {
			schoolId: schoolId.data,
			connector: 'arbor' as const,
			baseUrl: arborSchoolUrl(host.data),
			credential: arborCredential(userOk.data, passwordOk.data)
		};
	});
}
