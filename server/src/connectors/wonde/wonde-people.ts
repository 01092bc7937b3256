import { Contact, Staff, Student, type SendStatus, type Staff as StaffRecord, type Student as StudentRecord } from '../../../protocol';
import type { ConnectorRefusal } from '../../../protocol/connectors';
import type { MapContext, MappedPage } from '../connector';
import { digest, laterOf, reasonOf, sourceIdOf } from '../mapping';
import { wondeInstant } from './wonde-dates';
import { WondeEmployee, WondeStudent, type WondeContact } from './wonde-shapes';

/** The census SEN codes Wonde passes on from the MIS: N none, K SEN support, E an EHC plan. */
const SEN: Record<string, SendStatus> = { N: 'none', K: 'sen_support', E: 'ehcp', S: 'ehcp' };

/**
 * A page of students as one `reference:updated`, built the way the CSV import builds it: students
 * upserted by their MIS id, year from the year group's code, form from the registration group.
 * Contacts go into the roster's book; the last page of a pass sends the whole book (Lookout's
 * contacts list replaces the school's), so a pass that stopped part-way never sends half a book.
 */
export function mapStudents(records: readonly unknown[], context: MapContext): MappedPage {
	const refused: ConnectorRefusal[] = [];
	const students: StudentRecord[] = [];
	const sources: string[] = [];
	let maxUpdatedAt: string | null = null;
	for (const record of records) {
		const wonde = WondeStudent.safeParse(record);
		if (!wonde.success) {
			refused.push({ endpoint: context.endpoint, sourceId: sourceIdOf(record), reason: reasonOf(wonde.error) });
			continue;
		}
		const s = wonde.data;
		maxUpdatedAt = laterOf(maxUpdatedAt, s.updated_at.date);
		const extended = s.extended_details?.data ?? null;
		const send = extended?.sen_status ? SEN[extended.sen_status] : undefined;
		const student = Student.safeParse({
			id: s.mis_id,
			givenName: s.forename,
			familyName: s.surname,
			yearGroup: yearOf(s.year?.data?.code ?? s.year?.data?.name ?? ''),
			formGroup: s.registration?.data?.name ?? '',
			flags: {
				sen: send !== undefined && send !== 'none',
				medical: extended?.medical_conditions ?? false,
				safeguarding: extended?.child_protection_plan ?? false,
				...(send ? { send } : {}),
				...(typeof extended?.free_school_meals === 'boolean' ? { fsm: extended.free_school_meals } : {})
			}
		});
		if (!student.success) {
			refused.push({ endpoint: context.endpoint, sourceId: s.id, reason: reasonOf(student.error) });
			continue;
		}
		students.push(student.data);
		sources.push(s.id);
		context.roster.students[s.id] = { id: student.data.id, form: student.data.formGroup };
		if (s.contacts) {
			const contacts: Contact[] = [];
			s.contacts.data.forEach((c, i) => {
				const contact = Contact.safeParse(contactOf(student.data.id, c, i));
				if (contact.success) contacts.push(contact.data);
				else refused.push({ endpoint: context.endpoint, sourceId: `${s.id} contact ${c.id}`, reason: reasonOf(contact.error) });
			});
			context.roster.contacts[student.data.id] = contacts;
		}
	}
	const book = context.lastPage ? Object.values(context.roster.contacts).flat() : null;
	if (students.length === 0 && (book === null || records.length === 0)) return { events: [], refused, skipped: 0, maxUpdatedAt };
	const stamp = records.map((r) => `${sourceIdOf(r)}@${(r as { updated_at?: { date?: string } }).updated_at?.date ?? ''}`).join(',');
	return {
		events: [
			{
				event: {
					id: `wonde-students-${digest(context.schoolId, stamp, book ? JSON.stringify(book) : '')}`,
					schoolId: context.schoolId,
					occurredAt: maxUpdatedAt ? instantOf(records, maxUpdatedAt) : new Date().toISOString(),
					type: 'reference:updated',
					students,
					...(book ? { contacts: book } : {})
				},
				sources
			}
		],
		refused,
		skipped: 0,
		maxUpdatedAt
	};
}

/** A page of employees as one `reference:updated` of staff; the staff code from employment details, else the initials. */
export function mapEmployees(records: readonly unknown[], context: MapContext): MappedPage {
	const refused: ConnectorRefusal[] = [];
	const staff: StaffRecord[] = [];
	const sources: string[] = [];
	let maxUpdatedAt: string | null = null;
	for (const record of records) {
		const wonde = WondeEmployee.safeParse(record);
		if (!wonde.success) {
			refused.push({ endpoint: context.endpoint, sourceId: sourceIdOf(record), reason: reasonOf(wonde.error) });
			continue;
		}
		const e = wonde.data;
		maxUpdatedAt = laterOf(maxUpdatedAt, e.updated_at.date);
		const member = Staff.safeParse({
			id: e.mis_id,
			title: e.title ?? '',
			givenName: e.forename,
			familyName: e.surname,
			code: e.employment_details?.data?.staff_code || e.initials || ''
		});
		if (!member.success) {
			refused.push({ endpoint: context.endpoint, sourceId: e.id, reason: reasonOf(member.error) });
			continue;
		}
		staff.push(member.data);
		sources.push(e.id);
		context.roster.staff[e.id] = member.data.id;
	}
	if (staff.length === 0) return { events: [], refused, skipped: 0, maxUpdatedAt };
	const stamp = records.map((r) => `${sourceIdOf(r)}@${(r as { updated_at?: { date?: string } }).updated_at?.date ?? ''}`).join(',');
	return {
		events: [
			{
				event: {
					id: `wonde-employees-${digest(context.schoolId, stamp)}`,
					schoolId: context.schoolId,
					occurredAt: maxUpdatedAt ? instantOf(records, maxUpdatedAt) : new Date().toISOString(),
					type: 'reference:updated',
					staff
				},
				sources
			}
		],
		refused,
		skipped: 0,
		maxUpdatedAt
	};
}

/** `7`, `Year 7`, `Y7`: the number in it, or 0 (which the contract refuses, naming the field). */
function yearOf(text: string): number {
	const match = /\d+/.exec(text);
	return match ? Number(match[0]) : 0;
}

function contactOf(studentId: string, c: WondeContact, index: number): unknown {
	const phones = c.contact_details?.data.telephones ?? {};
	const emails = c.contact_details?.data.emails ?? {};
	const numbers = [...new Set([phones.primary, phones.mobile, phones.home, phones.work].filter((p): p is string => typeof p === 'string' && p.trim() !== ''))];
	const email = emails.primary || emails.email;
	return {
		studentId,
		name: [c.title, c.forename, c.surname].filter(Boolean).join(' '),
		relationship: c.relationship?.relationship ?? 'Contact',
		priority: c.relationship?.priority ?? index + 1,
		phones: numbers,
		...(email ? { email } : {}),
		parentalResponsibility: c.relationship?.parental_responsibility ?? false,
		livesWith: c.relationship?.lives_with_pupil ?? false
	};
}

/** The instant of the page's latest `updated_at`, in the timezone its record names. */
function instantOf(records: readonly unknown[], stamp: string): string {
	for (const r of records) {
		const updated = (r as { updated_at?: { date?: string; timezone?: string; timezone_type?: number } }).updated_at;
		if (updated?.date === stamp && typeof updated.timezone === 'string')
			return wondeInstant({ date: stamp, timezone: updated.timezone, timezone_type: updated.timezone_type ?? 3 });
	}
	return new Date().toISOString();
}

export { instantOf };
