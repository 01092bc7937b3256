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
		return content.replace(/^\uFEFF/, '');
	}
	if ((content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff)) {
		throw new ImportError(file, 1, null, 'is UTF-16; save it as CSV UTF-8');
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
	} catch {
		const text = new TextDecoder('utf-8').decode(content);
		return decodeUtf8(file, text);
	}
}

function lineAt(text: string, index: number): number {
	let line = 1;
	for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line += 1;
	return line;
}
