import type { FeedName, SchoolView } from '../../protocol';
import { arrivalsView } from './attendance/lateness';
import { behaviourView, liveWindowExpiries, roomsView } from './behaviour/behaviour';
import { localDate, nextLocalMidnight } from './calendar/local-time';
import { onCallLogView, onCallView } from './oncall/oncall-view';
import { periodDeadlines } from './school/duty';
import { reflectionDeadlines, reflectionView } from './reflection/reflection';
import { registerDeadlines, registersView } from './attendance/registers';
import { staffView } from './oncall/staff';
import { supportView } from './behaviour/support';
import type { SchoolState } from './school/state';
import { allOf, type Touched } from './school/touched';
import { truancyView } from './attendance/truancy';
import { firstDayCallsView, firstDayDeadlines } from './attendance/first-day';

type Views = { [F in FeedName]: (state: SchoolState, now: number) => SchoolView[F] };
type ItemViews = { [F in FeedName]?: (state: SchoolState, now: number, ids: ReadonlySet<string>) => SchoolView[F] };

const VIEWS: Views = {
	school: (s) => [{ id: 'school', name: s.name, timezone: s.timezone, periods: s.periods, settings: s.settings }],
	behaviour: (s) => behaviourView(s),
	oncall: onCallView,
	oncallLog: onCallLogView,
	registers: registersView,
	truancy: truancyView,
	reflection: reflectionView,
	rooms: (s, now) => roomsView(s, now),
	staff: staffView,
	arrivals: arrivalsView,
	support: (s, now) => supportView(s, now),
	firstDayCalls: firstDayCallsView
};

/** Feeds that can derive some of their items: the busy ones. */
const ITEM_VIEWS: ItemViews = {
	behaviour: (s, _now, ids) => behaviourView(s, ids),
	rooms: roomsView,
	support: supportView
};

/** One feed of a school's live view at an instant: a pure function of state and time. */
export function feedView<F extends FeedName>(state: SchoolState, feed: F, now: number): SchoolView[F] {
	return VIEWS[feed](state, now);
}

/**
 * Only the named items of a feed, as `feedView` would give them (an id it leaves out is not in
 * the feed); null when the feed can only be derived whole.
 */
export function feedItems<F extends FeedName>(state: SchoolState, feed: F, now: number, ids: ReadonlySet<string>): SchoolView[F] | null {
	const view = ITEM_VIEWS[feed] as ((s: SchoolState, now: number, ids: ReadonlySet<string>) => SchoolView[F]) | undefined;
	return view ? view(state, now, ids) : null;
}

/** What the clock alone changes in a day: every timed feed, as it does when a new day begins. */
export const TIMED: Touched = allOf('registers', 'truancy', 'reflection', 'rooms', 'arrivals', 'support', 'staff', 'oncall', 'oncallLog', 'firstDayCalls');

/** The next instant after `now` at which a timed feed changes by itself. */
export function nextChangeAt(state: SchoolState, now: number): number {
	const today = localDate(now, state.timezone);
	let next = nextLocalMidnight(now, state.timezone);
	for (const deadlines of [
		registerDeadlines(state, today),
		reflectionDeadlines(state, today),
		liveWindowExpiries(state, today).map((e) => e.at),
		periodDeadlines(state, today),
		firstDayDeadlines(state, today)
	]) {
		for (const at of deadlines) if (at > now && at < next) next = at;
	}
	return next;
}

/**
 * What changed by itself after `from`, up to and including `to`: each timed feed whose own
 * deadlines fell in between, and only the rooms whose incidents left the live window; every
 * timed feed when a new day began. Registers fall due and overdue; Reflection Room bookings
 * begin, become no-shows (truancy) and end; who teaches and who is on call (staff, and the
 * calls' suggestions) changes at the edges of periods and lessons. The rest change by date only.
 */
export function changedBetween(state: SchoolState, from: number, to: number): Touched {
	const today = localDate(to, state.timezone);
	if (localDate(from, state.timezone) !== today) return TIMED;
	const due = (at: number) => at > from && at <= to;
	const touched: Touched = {};
	if (registerDeadlines(state, today).some(due)) touched.registers = 'all';
	if (reflectionDeadlines(state, today).some(due)) Object.assign(touched, allOf('reflection', 'truancy'));
	if (periodDeadlines(state, today).some(due)) Object.assign(touched, allOf('staff', 'oncall'));
	if (firstDayDeadlines(state, today).some(due)) touched.firstDayCalls = 'all';
	const rooms = liveWindowExpiries(state, today).filter((e) => due(e.at));
	if (rooms.length > 0) touched.rooms = [...new Set(rooms.map((e) => e.roomId))];
	return touched;
}
