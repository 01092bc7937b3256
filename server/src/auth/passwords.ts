import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { Text } from '../../protocol';

/** OWASP's scrypt floor (N=2^17, r=8, p=1): about 128 MiB and a tenth of a second per hash. */
const COST = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
	const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
	return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash`: the cost travels with the hash, so it can be raised later. */
export async function hashPassword(password: string, cost = COST): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, cost);
	return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, salt, hash] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !hash) return false;
	const expected = Buffer.from(hash, 'base64url');
	const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
	return key.length === expected.length && timingSafeEqual(key, expected);
}

let decoy: Promise<string> | null = null;

/** A hash of nothing anyone knows, checked when the email is unknown so both answers take as long. */
export function decoyHash(): Promise<string> {
	decoy ??= hashPassword(randomBytes(16).toString('hex'));
	return decoy;
}

/** What a new password must be: long enough to resist guessing, no more. */
export function passwordProblem(password: string): string | null {
	if (password.length < 12) return 'must be at least 12 characters';
	if (password.length > 200) return 'must be at most 200 characters';
	return null;
}

/** A new password as a request carries it, refused with the reason when it will not do. */
export const NewPassword = Text.superRefine((password, ctx) => {
	const problem = passwordProblem(password);
	if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
