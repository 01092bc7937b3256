import type { Contact, EventOf } from '../../../protocol';
import { getOrCreate, type SchoolState } from '../school/state';

/** A contacts list in reference data is the school's whole book: it replaces every contact before it. */
export function applyContacts(state: SchoolState, e: EventOf<'reference:updated'>): void {
	if (!e.contacts) return;
	state.contacts.clear();
	for (const contact of e.contacts) getOrCreate(state.contacts, contact.studentId, () => []).push(contact);
	// Stable: contacts of the same priority keep the order the MIS gave them.
	for (const list of state.contacts.values()) list.sort((a, b) => a.priority - b.priority);
}

export function applyCallLogged(state: SchoolState, e: EventOf<'attendance:call-logged'>): void {
	getOrCreate(
		getOrCreate(state.firstDayCalls, e.date, () => new Map()),
		e.studentId,
		() => []
	).push(e);
}

/** A student's contacts in the order they are called; a call names its contact by place in this list. */
export function contactsOf(state: SchoolState, studentId: string): readonly Contact[] {
	return state.contacts.get(studentId) ?? [];
}
