/** What a paired wall keeps in its browser: its school, its device token and its theme. */
const PAIRING = 'lookout.wall.pairing';
const THEME = 'lookout.wall.theme';

export type WallTheme = 'dark' | 'light';

export interface Pairing {
	schoolId: string;
	token: string;
}

export function storedPairing(): Pairing | null {
	try {
		const value = JSON.parse(localStorage.getItem(PAIRING) ?? 'null') as Partial<Pairing> | null;
		return typeof value?.schoolId === 'string' && typeof value.token === 'string' ? { schoolId: value.schoolId, token: value.token } : null;
	} catch {
		return null;
	}
}

export function storePairing(pairing: Pairing): void {
	localStorage.setItem(PAIRING, JSON.stringify(pairing));
}

export function storedTheme(): WallTheme {
	return localStorage.getItem(THEME) === 'light' ? 'light' : 'dark';
}

export function storeTheme(theme: WallTheme): void {
	localStorage.setItem(THEME, theme);
}
