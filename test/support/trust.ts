import { trustSet } from '../../server/src/auth/grants';
import type { EventStore } from '../../server/src/store/event-store';

/** Puts a school in a trust as an operator does (`npm run admin -- trust`): the same event, straight into its log. */
export async function setTrust(store: EventStore, schoolId: string, trustId: string | null): Promise<void> {
	await store.append([trustSet(schoolId, trustId, Date.now())]);
}
