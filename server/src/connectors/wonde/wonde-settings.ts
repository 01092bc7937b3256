import { z } from 'zod';
import { SchoolId } from '../../../protocol';
import { WONDE_API } from './wonde-connector';

/** A school whose Wonde connector is switched on. */
export interface WondeSchool {
	schoolId: string;
	wondeId: string;
	token: string;
	api: string;
}

const WondeId = z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'a Wonde school id such as A1930499544');
const Token = z.string().regex(/^[\x21-\x7e]{16,200}$/, 'printable ASCII without spaces, at least 16 characters');

/** `WONDE_TOKEN_<SCHOOL>`: the school id upper-cased, dashes as underscores. */
export const tokenVariable = (schoolId: string) => `WONDE_TOKEN_${schoolId.toUpperCase().replace(/-/g, '_')}`;

export class WondeSettingsError extends Error {
	override readonly name = 'WondeSettingsError';
}

/**
 * The schools with a Wonde connector switched on, from the environment:
 * `WONDE_SCHOOLS=northfield=A1930499544,southfield=A1161584171` pairs Lookout's school id with
 * Wonde's; `WONDE_TOKEN` is the access token Wonde issued the application (one for every school
 * it approved), or `WONDE_TOKEN_<SCHOOL>` a school's own; `WONDE_API` the base URL
 * (`https://api.wonde.com/v1.0` by default; a regional domain or a test's fake otherwise).
 * Tokens are secrets: a refusal never repeats one.
 */
export function wondeSchools(env: Record<string, string | undefined> = process.env): WondeSchool[] {
	const list = env.WONDE_SCHOOLS?.trim();
	if (!list) return [];
	const api = z.url({ protocol: /^https?$/ }).safeParse(env.WONDE_API || WONDE_API);
	if (!api.success) throw new WondeSettingsError(`WONDE_API=${JSON.stringify(env.WONDE_API)}: an http(s) URL such as ${WONDE_API}`);
	return list.split(',').map((pair) => {
		const [schoolText = '', wondeText = ''] = pair.trim().split('=');
		const schoolId = SchoolId.safeParse(schoolText.trim());
		if (!schoolId.success)
			throw new WondeSettingsError(`WONDE_SCHOOLS: ${JSON.stringify(schoolText)} is not a school id (${schoolId.error.issues[0]?.message ?? ''})`);
		const wondeId = WondeId.safeParse(wondeText.trim());
		if (!wondeId.success)
			throw new WondeSettingsError(`WONDE_SCHOOLS: ${schoolId.data}: ${JSON.stringify(wondeText)} is not ${wondeId.error.issues[0]?.message ?? ''}`);
		const variable = tokenVariable(schoolId.data);
		const raw = env[variable] || env.WONDE_TOKEN;
		if (!raw) throw new WondeSettingsError(`WONDE_SCHOOLS: ${schoolId.data}: no token; set WONDE_TOKEN (or ${variable})`);
		const token = Token.safeParse(raw);
		if (!token.success) throw new WondeSettingsError(`${env[variable] ? variable : 'WONDE_TOKEN'}=(not shown): ${token.error.issues[0]?.message ?? ''}`);
		return { schoolId: schoolId.data, wondeId: wondeId.data, token: token.data, api: api.data };
	});
}
