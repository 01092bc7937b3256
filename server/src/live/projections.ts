import type { FeedItem, FeedName, StoredEvent } from '../../protocol';
import { applyEvent } from '../domain/apply';
import { createSchoolState, type SchoolState } from '../domain/state';
import { feedView } from '../domain/view';

/** The live state of every school this process knows, rebuilt from the log. */
export class Projections {
	#schools = new Map<string, SchoolState>();

	state(schoolId: string): SchoolState {
		let state = this.#schools.get(schoolId);
		if (!state) {
			state = createSchoolState(schoolId);
			this.#schools.set(schoolId, state);
		}
		return state;
	}

	schoolIds(): string[] {
		return [...this.#schools.keys()];
	}

	apply(stored: StoredEvent): readonly FeedName[] {
		return applyEvent(this.state(stored.event.schoolId), stored);
	}

	position(schoolId: string): number {
		return this.#schools.get(schoolId)?.position ?? 0;
	}

	feed<F extends FeedName>(schoolId: string, feed: F, now: number): FeedItem<F>[] {
		return feedView(this.state(schoolId), feed, now);
	}
}
