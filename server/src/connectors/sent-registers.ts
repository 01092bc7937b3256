import type { Mark } from '../../protocol';
import { digest } from './mapping';

/** How long a lesson's last-sent marks are kept, counted back from the latest lesson held. */
export const SENT_WINDOW_DAYS = 14;

/**
 * Each lesson's marks as last sent in a `register:taken`, with the lesson's date (`YYYY-MM-DD`).
 * A register replaces the lesson's earlier one whole in Lookout, while the source sends a
 * corrected mark alone: kept here, the corrected mark is sent with the lesson's other marks.
 */
export interface SentLessons {
	lessons: Record<string, { date: string; marks: Mark[] }>;
}

export const emptySentLessons = (): SentLessons => ({ lessons: {} });

/**
 * The register to send for a lesson's new marks: the marks already sent for it with the new ones
 * over them (a student's new mark replaces theirs), kept as sent. `merged` is a digest of the
 * whole register when held marks were added to the new ones (the event id then digests it too,
 * so it changes with the register); null when the new marks are the whole register, so a page
 * read again after its marks were kept makes the same id as the first time.
 */
export function registerFor(sent: SentLessons, lessonId: string, date: string, marks: readonly Mark[]): { marks: Mark[]; merged: string | null } {
	const held = Object.hasOwn(sent.lessons, lessonId) ? sent.lessons[lessonId] : undefined;
	if (!held) {
		sent.lessons[lessonId] = { date, marks: [...marks] };
		return { marks: [...marks], merged: null };
	}
	const byStudent = new Map(held.marks.map((m) => [m.studentId, m]));
	for (const m of marks) byStudent.set(m.studentId, m);
	const whole = [...byStudent.values()];
	sent.lessons[lessonId] = { date: held.date, marks: whole };
	if (whole.length === marks.length) return { marks: [...marks], merged: null };
	return { marks: whole, merged: digest(...whole.map((m) => JSON.stringify(m))) };
}

/** Drops the lessons older than the window, counted back from the latest lesson held (the source's own clock, not this machine's). */
export function pruneSentLessons(sent: SentLessons, days = SENT_WINDOW_DAYS): SentLessons {
	const dates = Object.values(sent.lessons).map((l) => l.date);
	if (dates.length === 0) return sent;
	const latest = dates.reduce((a, b) => (a > b ? a : b));
	const from = new Date(Date.parse(`${latest}T12:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
	const lessons: SentLessons['lessons'] = {};
	for (const [id, lesson] of Object.entries(sent.lessons)) if (lesson.date >= from) lessons[id] = lesson;
	return { lessons };
}
