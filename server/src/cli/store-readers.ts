import { AUTH_EVENTS, type InboundEvent } from '../../protocol';
import { applyAccess, createAccessState, userByEmail } from '../domain/access/access';
import { applyEvent } from '../domain/apply';
import { createSchoolState, type SchoolState } from '../domain/school/state';
import type { EventStore } from '../store/event-store';

type AccessEvent = Parameters<typeof applyAccess>[1];

const ACCESS_TYPES: ReadonlySet<string> = new Set(AUTH_EVENTS.map((e) => e.shape.type.value));
const isAccessEvent = (event: InboundEvent): event is AccessEvent => ACCESS_TYPES.has(event.type);

/** A school's state as its log rebuilds it, read straight from the store (no server needed). */
export async function readSchoolState(store: EventStore, schoolId: string): Promise<SchoolState> {
	const state = createSchoolState(schoolId);
	for await (const stored of store.read(schoolId)) applyEvent(state, stored);
	return state;
}

/** The school in which someone already signs in with this email, or null: emails are unique across schools. */
export async function schoolOfEmail(store: EventStore, email: string): Promise<string | null> {
	for (const schoolId of await store.schools()) {
		const access = createAccessState();
		for await (const { event } of store.read(schoolId)) if (isAccessEvent(event)) applyAccess(access, event);
		if (userByEmail(access, email)) return schoolId;
	}
	return null;
}
