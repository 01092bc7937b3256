export class ImportError extends Error {
	constructor(
		readonly file: string,
		readonly line: number,
		readonly column: number | null,
		readonly detail: string
	) {
		super(`${file}:${line}${column === null ? '' : `:${column}`} ${detail}`);
		this.name = 'ImportError';
	}
}

/**
 * Text of a CSV file as UTF-8. School systems often export UTF-16 or Windows-1252; both are
 * refused with the line where the bad bytes are, rather than read as mojibake.
 */
export function decodeUtf8(file: string, content: Uint8Array | string): string {
	if (typeof content === 'string') {
		const bad = content.indexOf('\uFFFD');
		if (bad >= 0) throw new ImportError(file, lineAt(content, bad), null, 'is not UTF-8 (it holds replaced characters); save it as CSV UTF-8');
		return withoutNul(file, content).replace(/^\uFEFF/, '');
	}
	if ((content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff)) {
		throw new ImportError(file, 1, null, 'is UTF-16; save it as CSV UTF-8');
	}
	try {
		return withoutNul(file, new TextDecoder('utf-8', { fatal: true }).decode(content)).replace(/^\uFEFF/, '');
	} catch (err) {
		if (err instanceof ImportError) throw err;
		return decodeUtf8(file, new TextDecoder('utf-8').decode(content));
	}
}

/** A NUL is never in a school's data: it betrays a binary or UTF-16 file, and cuts text short downstream. */
function withoutNul(file: string, text: string): string {
	const nul = text.indexOf('\u0000');
	if (nul >= 0) throw new ImportError(file, lineAt(text, nul), null, 'holds a NUL character (\\u0000) on this line; remove it and export again');
	return text;
}

function lineAt(text: string, index: number): number {
	let line = 1;
	for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line += 1;
	return line;
}
