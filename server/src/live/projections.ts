import type { FeedItem, FeedName, StoredEvent } from '../../protocol';
import type { WalkingGraph } from '../floorplan/walking-graph';
import type { Touched } from '../domain/school/touched';
import { applyEvent } from '../domain/apply';
import { createSchoolState, type SchoolState } from '../domain/school/state';
import { feedItems, feedView } from '../domain/view';

/** The live state of every school this process knows, rebuilt from the log. */
export class Projections {
	#schools = new Map<string, SchoolState>();

	constructor(
		private readonly onError: (stored: StoredEvent, err: unknown) => void = () => {},
		/** Each school's floorplan walks, for suggesting responders. */
		private readonly walks: ReadonlyMap<string, WalkingGraph> = new Map()
	) {}

	state(schoolId: string): SchoolState {
		let state = this.#schools.get(schoolId);
		if (!state) {
			state = createSchoolState(schoolId);
			state.walking = this.walks.get(schoolId) ?? null;
			this.#schools.set(schoolId, state);
		}
		return state;
	}

	schoolIds(): string[] {
		return [...this.#schools.keys()];
	}

	/**
	 * Events are validated before they are stored, so a throw here is a bug; it must not stop
	 * the process, or every restart would replay the same event into the same crash.
	 */
	apply(stored: StoredEvent): Touched {
		try {
			return applyEvent(this.state(stored.event.schoolId), stored);
		} catch (err) {
			this.onError(stored, err);
			return {};
		}
	}

	has(schoolId: string): boolean {
		return this.#schools.has(schoolId);
	}

	position(schoolId: string): number {
		return this.#schools.get(schoolId)?.position ?? 0;
	}

	feed<F extends FeedName>(schoolId: string, feed: F, now: number): FeedItem<F>[] {
		return feedView(this.state(schoolId), feed, now);
	}

	items<F extends FeedName>(schoolId: string, feed: F, now: number, ids: ReadonlySet<string>): FeedItem<F>[] | null {
		return feedItems(this.state(schoolId), feed, now, ids);
	}
}
