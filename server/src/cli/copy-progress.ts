import type { CopyProgress } from '../store/journal-copy';

const EVERY_MS = 1_000;

/** Lines and megabytes copied so far, on standard error at most once a second: a long copy shows it is moving. */
export function copyProgress(name: string): CopyProgress {
	let shown = Date.now();
	return ({ bytes, lines }) => {
		if (Date.now() - shown < EVERY_MS) return;
		shown = Date.now();
		console.error(`${name}: ${describeCopy(bytes, lines)} so far`);
	};
}

export function describeCopy(bytes: number, lines: number): string {
	return `${lines.toLocaleString('en-GB')} lines (${(bytes / 1_048_576).toFixed(1)} MB)`;
}
