import { ApiError, ImportResult } from '../server/protocol';
import { sessionMarksCsv, type TermMark } from './term-attendance';

/** Each upload stays well under the server's default body limit (MAX_BODY, 10 MB), and the demo shows progress. */
const MAX_CHUNK_BYTES = 1_500_000;

export interface TermUpload {
	url: string;
	key: string;
	schoolId: string;
	/** The school's reference files: every import carries them, since its marks must name known students. */
	files: Record<string, string>;
	onChunk?: (done: { from: string; to: string; marks: number; ms: number }) => void;
}

/** The marks in whole days, in date order, each part's CSV under the byte budget. */
export function termChunks(marks: readonly TermMark[], maxBytes = MAX_CHUNK_BYTES): TermMark[][] {
	const byDate = new Map<string, TermMark[]>();
	for (const m of marks) (byDate.get(m.date) ?? byDate.set(m.date, []).get(m.date))?.push(m);
	const chunks: TermMark[][] = [];
	let chunk: TermMark[] = [];
	let bytes = 0;
	for (const date of [...byDate.keys()].sort()) {
		const day = byDate.get(date) ?? [];
		const dayBytes = sessionMarksCsv(day).length;
		if (chunk.length > 0 && bytes + dayBytes > maxBytes) {
			chunks.push(chunk);
			chunk = [];
			bytes = 0;
		}
		chunk.push(...day);
		bytes += dayBytes;
	}
	if (chunk.length > 0) chunks.push(chunk);
	return chunks;
}

/**
 * Uploads a term of session marks through `POST /api/v1/import`, as a school's system sends its
 * export: in parts of whole days, each with the reference files. Returns the marks stored.
 */
export async function importTerm(upload: TermUpload, marks: readonly TermMark[]): Promise<number> {
	let stored = 0;
	for (const chunk of termChunks(marks)) {
		const started = Date.now();
		const res = await fetch(`${upload.url}/api/v1/import?school=${upload.schoolId}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${upload.key}` },
			body: JSON.stringify({ files: { ...upload.files, 'session-marks.csv': sessionMarksCsv(chunk) } })
		});
		const body: unknown = await res.json();
		if (!res.ok) {
			const error = ApiError.parse(body);
			const issues = error.issues?.slice(0, 3).map((i) => `${i.path} ${i.message}`);
			throw new Error(`the term's session marks were refused (HTTP ${res.status}): ${issues?.join('; ') ?? error.message}`);
		}
		ImportResult.parse(body);
		stored += chunk.length;
		upload.onChunk?.({ from: chunk[0]?.date ?? '', to: chunk[chunk.length - 1]?.date ?? '', marks: chunk.length, ms: Date.now() - started });
	}
	return stored;
}
