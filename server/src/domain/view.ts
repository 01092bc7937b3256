import type { FeedName, SchoolView } from '../../protocol';
import { arrivalsView } from './lateness';
import { behaviourView, liveWindowDeadlines, roomsView } from './behaviour';
import { localDate, nextLocalMidnight } from './local-time';
import { onCallView } from './oncall';
import { reflectionDeadlines, reflectionView } from './reflection';
import { registerDeadlines, registersView } from './registers';
import { staffView } from './staff';
import { supportView } from './support';
import type { SchoolState } from './state';
import { truancyView } from './truancy';

type Views = { [F in FeedName]: (state: SchoolState, now: number) => SchoolView[F] };

const VIEWS: Views = {
	school: (s) => [{ id: 'school', name: s.name, timezone: s.timezone, periods: s.periods }],
	behaviour: (s) => behaviourView(s),
	oncall: (s) => onCallView(s),
	registers: registersView,
	truancy: truancyView,
	reflection: reflectionView,
	rooms: roomsView,
	staff: (s) => staffView(s),
	arrivals: arrivalsView,
	support: supportView
};

/** One feed of a school's live view at an instant: a pure function of state and time. */
export function feedView<F extends FeedName>(state: SchoolState, feed: F, now: number): SchoolView[F] {
	return VIEWS[feed](state, now);
}

/** Feeds whose items change with the clock alone, without any new event. */
export const TIMED_FEEDS: readonly FeedName[] = ['registers', 'truancy', 'reflection', 'rooms', 'arrivals', 'support'];

/** The next instant after `now` at which a timed feed changes by itself. */
export function nextChangeAt(state: SchoolState, now: number): number {
	const today = localDate(now, state.timezone);
	let next = nextLocalMidnight(now, state.timezone);
	for (const at of [...registerDeadlines(state, today), ...reflectionDeadlines(state, today), ...liveWindowDeadlines(state, today)]) {
		if (at > now && at < next) next = at;
	}
	return next;
}
