import { zonedInstant, type AttendanceCode, type InboundEventInput, type Mark, type Session, type Student } from '../server/protocol';
import { Random } from './random';
import { TIMEZONE } from './school';

/** A term's calendar: from the week of `start`, `weeks` school weeks, with a week's holiday after `halfTermAfter` of them. */
export interface TermCalendar {
	start: string;
	weeks: number;
	halfTermAfter: number;
}

export interface TermMark {
	date: string;
	session: Session;
	studentId: string;
	code: AttendanceCode;
	minutesLate?: number;
	/** Marked N at the register, the code above given once the reason was known. */
	wasUnexplained?: true;
}

export type TermStudent = Pick<Student, 'id' | 'yearGroup' | 'formGroup'>;

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 0 on Monday, 6 on Sunday. */
const weekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7;

/**
 * England's autumn term for the school year a date falls in: from the first Monday of
 * September, 14 school weeks with half term after the seventh (the end of October).
 */
export function autumnTermOf(date: string): TermCalendar {
	const year = Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) < 9 ? 1 : 0);
	const first = dayNumber(`${year}-09-01`);
	return { start: dateOf(first + ((7 - weekdayOf(first)) % 7)), weeks: 14, halfTermAfter: 7 };
}

/** The term's school days, each with its school week (0 first); days before `start` are left out. */
export function termDays(calendar: TermCalendar): { date: string; week: number }[] {
	const start = dayNumber(calendar.start);
	const monday = start - weekdayOf(start);
	const days: { date: string; week: number }[] = [];
	for (let week = 0; week < calendar.weeks; week++) {
		const calendarWeek = week >= calendar.halfTermAfter ? week + 1 : week;
		for (let d = 0; d < 5; d++) {
			const day = monday + calendarWeek * 7 + d;
			if (day >= start) days.push({ date: dateOf(day), week });
		}
	}
	return days;
}

/** A standard normal draw (Box-Muller), for the skewed spread of propensities. */
function normal(rng: Random): number {
	return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

interface Propensity {
	/** How often illness keeps this student at home, against the school's (lognormal, mean about 1). */
	frailty: number;
	/** Days a week away without a reason the school accepts, as a share of days. */
	disengaged: number;
	/** Mornings late, as a share. */
	late: number;
	/** Takes a few days of unauthorised holiday beside half term. */
	halfTermHoliday: boolean;
}

/** Year 10 and 11 miss more than Year 7, as national figures by year group show. */
const YEAR_FACTOR: Record<number, number> = { 7: 0.8, 8: 0.95, 9: 1.05, 10: 1.15, 11: 1.15 };

/**
 * Absence clusters: most students are rarely away, about one in seven is drawn towards
 * persistent absence, and one in fifty towards severe absence.
 */
function propensityOf(rng: Random, student: TermStudent): Propensity {
	const kind = rng.next();
	const year = YEAR_FACTOR[student.yearGroup] ?? 1;
	const frailty = Math.exp(0.55 * normal(rng) - 0.15) * year;
	const late = Math.min(0.5, 0.018 * Math.exp(0.9 * normal(rng)));
	if (kind < 0.02) return { frailty: frailty * 1.5, disengaged: 0.4 + 0.4 * rng.next(), late: late * 3, halfTermHoliday: rng.chance(0.2) };
	if (kind < 0.21) return { frailty: frailty * 1.3, disengaged: (0.07 + 0.1 * rng.next()) * year, late: late * 2.5, halfTermHoliday: rng.chance(0.1) };
	return { frailty, disengaged: 0.0015 * Math.exp(normal(rng)) * year, late, halfTermHoliday: rng.chance(0.02) };
}

/**
 * Days of illness as a share of school days, by how far through the term: about 1% in
 * September rising to about 5.5% by December, as coughs and flu spread.
 */
const illnessShare = (progress: number) => 0.009 + 0.04 * progress ** 1.8;

const ILLNESS_DAYS: readonly (readonly [number, number])[] = [
	[1, 0.36],
	[2, 0.28],
	[3, 0.18],
	[4, 0.1],
	[5, 0.08]
];
const MEAN_ILLNESS_DAYS = ILLNESS_DAYS.reduce((sum, [days, w]) => sum + days * w, 0);

type Day = { AM: TermMark; PM: TermMark } | null;

/**
 * A whole term of session marks for a school, deterministic for a seed: each student with
 * their own propensities, illness rising through the autumn in whole-day runs, unexplained
 * absences (N) later given their reason, medical appointments (M), leave (C), holidays beside
 * half term (G), and late arrivals (L before the register closes, U after).
 */
export function simulateTerm(students: readonly TermStudent[], calendar: TermCalendar, seed: number): TermMark[] {
	const rng = new Random(seed ^ 0x7e4a);
	const days = termDays(calendar);
	const lastWeek = Math.max(calendar.weeks - 1, 1);
	const marks: TermMark[] = [];
	for (const student of students) {
		const p = propensityOf(rng, student);
		const holiday = p.halfTermHoliday ? holidayDays(rng, days, calendar.halfTermAfter) : new Set<string>();
		let ill = 0;
		let away = 0;
		let awayCode: AttendanceCode = 'O';
		for (const { date, week } of days) {
			const progress = week / lastWeek;
			const mark = (session: Session, code: AttendanceCode, extra: Partial<TermMark> = {}): TermMark => ({
				date,
				session,
				studentId: student.id,
				code,
				...extra
			});
			const both = (code: AttendanceCode, unexplained: boolean): Day => {
				const extra = unexplained ? { wasUnexplained: true as const } : {};
				return { AM: mark('AM', code, extra), PM: mark('PM', code, extra) };
			};
			let day: Day = null;
			if (holiday.has(date)) day = both('G', rng.chance(0.5));
			else if (ill > 0) {
				ill -= 1;
				day = both('I', false);
			} else if (away > 0) {
				away -= 1;
				day = both(awayCode, rng.chance(0.3));
			} else if (rng.chance((illnessShare(progress) * p.frailty) / MEAN_ILLNESS_DAYS)) {
				ill = rng.weighted(ILLNESS_DAYS) - 1;
				// Some fall ill at school and go home at lunch; a parent rings in later for a quarter.
				day = rng.chance(0.12) ? { AM: mark('AM', '/'), PM: mark('PM', 'I') } : both('I', rng.chance(0.25));
			} else if (rng.chance(runStart(Math.min(p.disengaged * (0.85 + 0.3 * progress), 0.95), p.disengaged > 0.3 ? 3.5 : 2))) {
				away = p.disengaged > 0.3 ? rng.int(1, 4) : rng.int(0, 2);
				// A parent rings in illness for some runs (authorised); the rest stay unauthorised.
				awayCode = rng.chance(0.35) ? 'I' : 'O';
				day = both(awayCode, rng.chance(0.6));
			} else if (rng.chance(0.005)) {
				const morning = rng.chance(0.6);
				day = { AM: morning ? mark('AM', 'M') : arrival(rng, mark, p.late), PM: morning ? mark('PM', '\\') : mark('PM', 'M') };
			} else if (rng.chance(0.0015)) day = both('C', false);
			if (day) marks.push(day.AM, day.PM);
			else marks.push(arrival(rng, mark, p.late), rng.chance(0.004) ? mark('PM', 'L', { minutesLate: rng.int(3, 15) }) : mark('PM', '\\'));
		}
	}
	return marks;
}

/** How often a run of `length` days away must start for the days away to be `share` of all days. */
const runStart = (share: number, length: number) => share / (length * (1 - share) + share);

/** The morning mark of a student in school: on time, late before the register closes (L), or after (U). */
function arrival(rng: Random, mark: (session: Session, code: AttendanceCode, extra?: Partial<TermMark>) => TermMark, late: number): TermMark {
	if (!rng.chance(late)) return mark('AM', '/');
	const minutesLate = rng.chance(0.1) ? rng.int(31, 75) : rng.int(2, 28);
	return mark('AM', minutesLate > 30 ? 'U' : 'L', { minutesLate });
}

/** Two to four days off just before or just after half term. */
function holidayDays(rng: Random, days: readonly { date: string; week: number }[], halfTermAfter: number): Set<string> {
	const before = days.filter((d) => d.week === halfTermAfter - 1).map((d) => d.date);
	const after = days.filter((d) => d.week === halfTermAfter).map((d) => d.date);
	const n = rng.int(2, 4);
	return new Set(rng.chance(0.5) ? before.slice(-n) : after.slice(0, n));
}

/**
 * The marks as a school's system holds them on `asOf` (before that date only): an
 * unexplained absence of the last two school days is still N, its reason not yet known.
 */
export function marksAsOf(marks: readonly TermMark[], asOf: string): TermMark[] {
	const dates = [...new Set(marks.filter((m) => m.date < asOf).map((m) => m.date))].sort();
	const recent = new Set(dates.slice(-2));
	return marks.filter((m) => m.date < asOf).map((m) => (m.wasUnexplained && recent.has(m.date) ? { ...m, code: 'N' as const } : m));
}

/** `session-marks.csv` as a school's system exports it (docs/import.md). */
export function sessionMarksCsv(marks: readonly TermMark[]): string {
	const lines = ['date,session,student_id,code,minutes_late'];
	for (const m of marks) lines.push(`${m.date},${m.session},${m.studentId},${m.code},${m.minutesLate ?? ''}`);
	return lines.join('\n') + '\n';
}

/**
 * The marks as the registers send them live: each form's register per session (unexplained
 * absences as N), then the office's amendments once the reason is known, at the end of the day.
 */
export function termMarkEvents(schoolId: string, students: readonly TermStudent[], marks: readonly TermMark[], takenBy = 'T001'): InboundEventInput[] {
	const formOf = new Map(students.map((s) => [s.id, s.formGroup]));
	const registers = new Map<string, { date: string; session: Session; formGroup: string; marks: Mark[]; amended: Mark[] }>();
	for (const m of marks) {
		const formGroup = formOf.get(m.studentId) ?? '?';
		const key = `${m.date}|${m.session}|${formGroup}`;
		let register = registers.get(key);
		if (!register) registers.set(key, (register = { date: m.date, session: m.session, formGroup, marks: [], amended: [] }));
		const mark: Mark = { studentId: m.studentId, code: m.code, ...(m.minutesLate ? { minutesLate: m.minutesLate } : {}) };
		register.marks.push(m.wasUnexplained ? { studentId: m.studentId, code: 'N' } : mark);
		if (m.wasUnexplained) register.amended.push(mark);
	}
	const events: InboundEventInput[] = [];
	for (const r of registers.values()) {
		const id = `term-${r.date}-${r.session}-${r.formGroup}`;
		const base = { schoolId, type: 'session:marked' as const, date: r.date, session: r.session, formGroup: r.formGroup, takenBy };
		events.push({ ...base, id, occurredAt: zonedInstant(r.date, r.session === 'AM' ? '08:50' : '13:30', TIMEZONE), marks: r.marks });
		if (r.amended.length > 0) events.push({ ...base, id: `${id}-amended`, occurredAt: zonedInstant(r.date, '16:00', TIMEZONE), marks: r.amended });
	}
	return events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}
