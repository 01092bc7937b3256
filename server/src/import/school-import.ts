import { createHash } from 'node:crypto';
import { DEFAULT_SETTINGS, formatPath, InboundEvent, Settings, type EventOf, type Mark, type TimetableEntry } from '../../protocol';
import { isCsvFileName, notACsvFile, REQUIRED_FILES, settingNumber, type CsvFileName } from './csv-files';
import { decodeUtf8, ImportError } from './decode';
import { readCsv, type Progress, type Row } from './read-csv';
import { termProblems } from './terms-check';

export type ImportResult = { ok: true; events: InboundEvent[]; summary: Record<string, number> } | { ok: false; errors: ImportError[] };

/** The trust an operator set for the school; null when it is in none. */
export interface SchoolTrust {
	trustId: string | null;
}

type SchoolKey = keyof typeof DEFAULT_SETTINGS | 'name' | 'timezone' | 'trustId';

const SCHOOL_KEYS: Record<string, SchoolKey> = {
	name: 'name',
	timezone: 'timezone',
	trust_id: 'trustId',
	...Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((k) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), k]))
} as Record<string, SchoolKey>;

/** Settings that are lists of names (`on_call slt`); every other setting is a number. */
const LIST_SETTINGS: ReadonlySet<string> = new Set(['escalationChain', 'specialCategoryRoles']);

/**
 * Turns a school's CSV export into events: one `reference:updated` holding everything, and
 * the session marks per form register. Any error in any file and nothing is produced. The
 * event ids hash the files, so importing the same files again changes nothing. Given the trust an
 * operator set for the school (the server gives it), a `trust_id` naming any other is refused:
 * the import cannot move a school between trusts.
 */
export function importSchool(schoolId: string, files: Record<string, Uint8Array | string>, now: Date, progress?: Progress, trust?: SchoolTrust): ImportResult {
	const errors: ImportError[] = [];
	for (const name of Object.keys(files)) {
		if (!isCsvFileName(name)) errors.push(new ImportError(name, 1, null, notACsvFile));
	}
	for (const name of REQUIRED_FILES) if (!(name in files)) errors.push(new ImportError(name, 1, null, 'is missing'));
	const read = <F extends CsvFileName>(file: F): Row<F>[] => {
		const content = files[file];
		if (content === undefined) return [];
		try {
			return readCsv(file, decodeUtf8(file, content), errors, progress);
		} catch (err) {
			if (err instanceof ImportError) errors.push(err);
			else throw err;
			return [];
		}
	};
	const rows = {
		school: read('school.csv'),
		periods: read('periods.csv'),
		rooms: read('rooms.csv'),
		reflection: read('reflection-rooms.csv'),
		students: read('students.csv'),
		staff: read('staff.csv'),
		timetable: read('timetable.csv'),
		members: read('class-members.csv'),
		exemptions: read('exemptions.csv'),
		rota: read('rota.csv'),
		marks: read('session-marks.csv'),
		contacts: read('contacts.csv'),
		terms: read('terms.csv')
	};

	// Checks across files only mean something once every file reads on its own.
	if (errors.length > 0) return { ok: false, errors };

	const ids = (file: string, list: Row<CsvFileName>[], key: string) => {
		const seen = new Map<string, number>();
		for (const r of list) {
			const id = String((r.value as Record<string, unknown>)[key]);
			const first = seen.get(id);
			if (first !== undefined) errors.push(new ImportError(file, r.line, r.column(key), `${key} ${JSON.stringify(id)} is a duplicate of line ${first}`));
			else seen.set(id, r.line);
		}
		return seen;
	};
	const known = {
		periods: ids('periods.csv', rows.periods, 'id'),
		rooms: ids('rooms.csv', rows.rooms, 'id'),
		students: ids('students.csv', rows.students, 'id'),
		staff: ids('staff.csv', rows.staff, 'id'),
		timetable: ids('timetable.csv', rows.timetable, 'id'),
		classes: new Set(rows.timetable.map((r) => r.value.class_id))
	};
	const must = (file: string, r: Row<CsvFileName>, key: string, set: { has(id: string): boolean }, what: string) => {
		const id = String((r.value as Record<string, unknown>)[key] ?? '');
		if (id && !set.has(id)) errors.push(new ImportError(file, r.line, r.column(key), `${key} ${JSON.stringify(id)} is not a known ${what}`));
	};
	for (const r of rows.reflection) must('reflection-rooms.csv', r, 'room_id', known.rooms, 'room (rooms.csv)');
	for (const r of rows.staff) must('staff.csv', r, 'base_room_id', known.rooms, 'room (rooms.csv)');
	for (const r of rows.timetable) {
		must('timetable.csv', r, 'period_id', known.periods, 'period (periods.csv)');
		must('timetable.csv', r, 'room_id', known.rooms, 'room (rooms.csv)');
		must('timetable.csv', r, 'staff_id', known.staff, 'member of staff (staff.csv)');
	}
	for (const r of rows.members) {
		must('class-members.csv', r, 'class_id', known.classes, 'class (timetable.csv)');
		must('class-members.csv', r, 'student_id', known.students, 'student (students.csv)');
	}
	for (const r of rows.exemptions) {
		must('exemptions.csv', r, 'timetable_id', known.timetable, 'timetable slot (timetable.csv)');
		must('exemptions.csv', r, 'cover_staff_id', known.staff, 'member of staff (staff.csv)');
	}
	for (const r of rows.marks) must('session-marks.csv', r, 'student_id', known.students, 'student (students.csv)');
	for (const r of rows.contacts) must('contacts.csv', r, 'student_id', known.students, 'student (students.csv)');
	errors.push(...termProblems(rows.terms));
	ids('rota.csv', rows.rota, 'id');
	for (const r of rows.rota) {
		must('rota.csv', r, 'period_id', known.periods, 'period (periods.csv)');
		must('rota.csv', r, 'staff_id', known.staff, 'member of staff (staff.csv)');
	}

	const school: Record<string, string> = {};
	const settings: Record<string, unknown> = {};
	const settingRow = new Map<string, Row<'school.csv'>>();
	for (const r of rows.school) {
		const key = SCHOOL_KEYS[r.value.key.toLowerCase()];
		if (!key)
			errors.push(
				new ImportError('school.csv', r.line, r.column('key'), `key ${JSON.stringify(r.value.key)} is not one of ${Object.keys(SCHOOL_KEYS).join(', ')}`)
			);
		else if (key === 'trustId' && trust !== undefined && r.value.value !== trust.trustId) {
			const where = trust.trustId === null ? 'this school is in no trust' : `this school is in ${trust.trustId}`;
			const detail = `trust_id ${JSON.stringify(r.value.value)}: ${where}, and only an operator on the server changes that (npm run admin -- trust)`;
			errors.push(new ImportError('school.csv', r.line, r.column('value'), detail));
		} else if (key === 'name' || key === 'timezone' || key === 'trustId') school[key] = r.value.value;
		else {
			settings[key] = LIST_SETTINGS.has(key) ? r.value.value.split(/[\s;]+/).filter(Boolean) : settingNumber(r.value.value);
			settingRow.set(key, r);
		}
	}
	const parsedSettings = Settings.partial().safeParse(settings);
	if (!parsedSettings.success) {
		for (const issue of parsedSettings.error.issues) {
			const row = settingRow.get(String(issue.path[0]));
			errors.push(
				new ImportError(
					'school.csv',
					row?.line ?? 1,
					row?.column('value') ?? null,
					`${row?.value.key ?? String(issue.path[0])} ${issue.message} (${JSON.stringify(row?.value.value ?? '')})`
				)
			);
		}
	}
	if (!school.name) errors.push(new ImportError('school.csv', 1, null, 'has no name row'));
	if (errors.length > 0) return { ok: false, errors };

	const membersOf = new Map<string, Set<string>>();
	for (const r of rows.members) membersOf.set(r.value.class_id, (membersOf.get(r.value.class_id) ?? new Set()).add(r.value.student_id));
	const timetable: TimetableEntry[] = rows.timetable.map(({ value: t }) => ({
		id: t.id,
		weekday: t.weekday,
		periodId: t.period_id,
		roomId: t.room_id,
		staffId: t.staff_id,
		classId: t.class_id,
		subject: t.subject,
		studentIds: [...(membersOf.get(t.class_id) ?? [])]
	}));
	const hash = createHash('sha256');
	for (const name of Object.keys(files).sort())
		hash
			.update(name)
			.update('\0')
			.update(files[name] as Uint8Array | string)
			.update('\0');
	const digest = hash.digest('hex').slice(0, 24);
	const base = { schoolId, occurredAt: now.toISOString() };
	const reference: EventOf<'reference:updated'> = {
		...base,
		id: `import-${digest}`,
		type: 'reference:updated',
		school: { name: school.name as string, timezone: school.timezone || 'Europe/London', ...(school.trustId ? { trustId: school.trustId } : {}) },
		settings: parsedSettings.success ? parsedSettings.data : {},
		periods: rows.periods.map(({ value: p }) => ({
			id: p.id,
			name: p.name,
			kind: p.kind,
			startsAt: p.starts_at,
			endsAt: p.ends_at,
			...(p.weekdays ? { weekdays: p.weekdays } : {}),
			...(p.year_groups ? { yearGroups: p.year_groups } : {})
		})),
		rooms: rows.rooms.map(({ value: r }) => ({ id: r.id, name: r.name, category: r.category, level: r.level })),
		reflectionRooms: rows.reflection.map(({ value: r }) => ({ roomId: r.room_id, capacity: r.capacity })),
		students: rows.students.map(({ value: s }) => ({
			id: s.id,
			givenName: s.given_name,
			familyName: s.family_name,
			yearGroup: s.year_group,
			formGroup: s.form_group,
			flags: {
				sen: s.sen,
				medical: s.medical,
				safeguarding: s.safeguarding,
				...(s.send === undefined ? {} : { send: s.send }),
				...(s.fsm === undefined ? {} : { fsm: s.fsm })
			}
		})),
		staff: rows.staff.map(({ value: s }) => ({
			id: s.id,
			title: s.title,
			givenName: s.given_name,
			familyName: s.family_name,
			code: s.code,
			...(s.base_room_id ? { baseRoomId: s.base_room_id } : {})
		})),
		timetable,
		exemptions: rows.exemptions.map(({ value: x }) => ({
			id: x.id,
			date: x.date,
			lessonId: `${x.timetable_id}:${x.date}`,
			kind: x.kind,
			...(x.cover_staff_id ? { coverStaffId: x.cover_staff_id } : {})
		})),
		rota: rows.rota.map(({ value: r }) => ({ id: r.id, weekday: r.weekday, periodId: r.period_id, staffId: r.staff_id, role: r.role })),
		...(files['contacts.csv'] === undefined
			? {}
			: {
					contacts: rows.contacts.map(({ value: c }) => ({
						studentId: c.student_id,
						name: c.name,
						relationship: c.relationship,
						priority: c.priority,
						phones: c.phones,
						...(c.email ? { email: c.email } : {}),
						parentalResponsibility: c.parental_responsibility,
						livesWith: c.lives_with
					}))
				}),
		...(files['terms.csv'] === undefined ? {} : { terms: rows.terms.map(({ value: t }) => ({ term: t.term, half: t.half, starts: t.starts, ends: t.ends })) })
	};
	const formOf = new Map(rows.students.map(({ value: s }) => [s.id, s.form_group]));
	const registers = new Map<string, { date: string; session: 'AM' | 'PM'; formGroup: string; marks: Mark[]; lines: number[] }>();
	for (const { value: m, line } of rows.marks) {
		const formGroup = formOf.get(m.student_id) ?? '?';
		const key = `${m.date}|${m.session}|${formGroup}`;
		const register = registers.get(key) ?? { date: m.date, session: m.session, formGroup, marks: [], lines: [] };
		register.marks.push({ studentId: m.student_id, code: m.code, ...(m.minutes_late ? { minutesLate: m.minutes_late } : {}) });
		register.lines.push(line);
		registers.set(key, register);
	}
	const markLines = new Map<string, number[]>();
	const marks: EventOf<'session:marked'>[] = [...registers.values()].map(({ lines, ...r }) => {
		const id = `import-${digest}-${r.date}-${r.session}-${r.formGroup}`.replace(/[^A-Za-z0-9_.:-]/g, '_');
		markLines.set(id, lines);
		return { ...base, id, type: 'session:marked' as const, takenBy: 'import', ...r };
	});
	// The contract is the last word: what it refuses is reported against the row it came from,
	// and never reaches the log (where it could not be replayed).
	const events: InboundEvent[] = [];
	const lists: Record<string, Row<CsvFileName>[]> = {
		periods: rows.periods,
		rooms: rows.rooms,
		reflectionRooms: rows.reflection,
		students: rows.students,
		staff: rows.staff,
		timetable: rows.timetable,
		exemptions: rows.exemptions,
		rota: rows.rota,
		contacts: rows.contacts,
		terms: rows.terms
	};
	const FILES: Record<string, string> = {
		school: 'school.csv',
		settings: 'school.csv',
		periods: 'periods.csv',
		rooms: 'rooms.csv',
		reflectionRooms: 'reflection-rooms.csv',
		students: 'students.csv',
		staff: 'staff.csv',
		timetable: 'timetable.csv',
		exemptions: 'exemptions.csv',
		rota: 'rota.csv',
		contacts: 'contacts.csv',
		terms: 'terms.csv'
	};
	for (const event of [reference, ...marks]) {
		const parsed = InboundEvent.safeParse(event);
		if (parsed.success) {
			events.push(parsed.data);
			continue;
		}
		for (const i of parsed.error.issues) {
			const [list, index] = i.path;
			const file = event.type === 'session:marked' ? 'session-marks.csv' : (FILES[String(list)] ?? 'school.csv');
			const rowsOf = event.type === 'session:marked' ? markLines.get(event.id)?.map((line) => ({ line })) : lists[String(list)];
			const line = typeof index === 'number' ? (rowsOf?.[index]?.line ?? 1) : 1;
			errors.push(new ImportError(file, line, null, `${formatPath(i.path.slice(typeof index === 'number' ? 2 : 0))} ${i.message}`));
		}
	}
	if (errors.length > 0) return { ok: false, errors };
	return {
		ok: true,
		events,
		summary: {
			periods: rows.periods.length,
			rooms: rows.rooms.length,
			students: rows.students.length,
			staff: rows.staff.length,
			timetable: timetable.length,
			exemptions: rows.exemptions.length,
			rota: rows.rota.length,
			contacts: rows.contacts.length,
			terms: rows.terms.length,
			sessionRegisters: marks.length
		}
	};
}
