import {
	DEFAULT_SETTINGS,
	type EventOf,
	type Exemption,
	type HalfTerm,
	type Lesson,
	type Mark,
	type OnCallPriority,
	type OnCallReason,
	type OnCallStatus,
	type Period,
	type ReflectionRoom,
	type Room,
	type Session,
	type Disposition,
	type DutyRole,
	type DutyStatus,
	type EscalationRule,
	type AlertTarget,
	type BookingSource,
	type Contact,
	type RotaEntry,
	type Staff,
	type Settings,
	type Student,
	type TimetableEntry
} from '../../../protocol';
import { createAccessState, type AccessState } from '../access/access';
import type { WalkingGraph } from '../../floorplan/walking-graph';

export interface RoomTally {
	negative: number;
	positive: number;
	/** Negative events by period id. */
	byPeriod: Map<string, number>;
	/** Negative events weighted by severity, in all and by period id. */
	weight: number;
	weightByPeriod: Map<string, number>;
}

/** A negative behaviour event as the heatmap counts it. */
export interface Incident {
	at: number;
	roomId: string;
	periodId: string;
	category: string;
	weight: number;
}

/** Where a call is: open (`OnCallStatus`) or ended. */
export type RequestStatus = OnCallStatus | 'closed' | 'cancelled';

/** The timer that escalates a call in its current status, and how many alerts it has raised. */
export interface EscalationTimer {
	rule: EscalationRule;
	from: number;
	level: number;
}

export interface Request {
	id: string;
	status: RequestStatus;
	priority: OnCallPriority;
	reason: OnCallReason;
	locationId: string;
	studentIds: string[];
	raisedBy: string;
	raisedAt: string;
	updatedAt: string;
	responderId: string | null;
	/** The last member of staff dispatched to it, kept once it ends. */
	attendedBy: string | null;
	/** Local date and period it was raised in. */
	date: string;
	periodId: string | null;
	/** First acknowledgement; the latest dispatch and what followed it. */
	times: { acknowledged: string | null; dispatched: string | null; enRoute: string | null; onScene: string | null };
	timer: EscalationTimer;
	escalation: { rule: EscalationRule; level: number; notify: AlertTarget; at: string } | null;
	escalations: number;
	/** Calls merged into this one. */
	merged: string[];
	/** Ids of the events that made this call what it is, so a resend is recognised. */
	eventIds: Set<string>;
	/** Set once it ends. */
	ended: { at: string; disposition: Disposition | null; mergedInto: string | null } | null;
}

export interface Device {
	id: string;
	name: string;
	tokenSha256: string;
	pairedAt: string;
	revokedAt: string | null;
}

export interface Dispatch {
	staffId: string;
	requestId: string;
	date: string;
	/** Out of a free period the member of staff was not on duty for. */
	freePeriod: boolean;
}

export interface Register {
	takenAt: string;
	takenBy: string;
	marks: Map<string, Mark>;
	/** The register this one amended: the day's truancy report keeps what an amendment cleared. */
	replaced: Register | null;
}

/** A session mark a second register for the same session replaced with another code. */
export interface MarkChange {
	studentId: string;
	date: string;
	session: Session;
	from: Mark;
	to: Mark;
	at: string;
	by: string;
}

export interface Booking {
	id: string;
	studentId: string;
	roomId: string;
	periodId: string;
	startsAt: number;
	endsAt: number;
	/** What it was for, as the booking said. */
	reason: string;
	checkedInAt: string | null;
	checkedOutAt: string | null;
	/** The lesson missed and what led to the booking, for bookings made from the desk. */
	lessonId?: string;
	source?: BookingSource;
}

/** A Reflection Room period somebody was asked to cover, and who took it. */
export interface CoverRequest {
	roomId: string;
	date: string;
	periodId: string;
	by: string;
	at: string;
	takenBy: string | null;
	takenAt: string | null;
}

/**
 * A Reflection Room booking withdrawn (`reflection:cancelled`): the sanction cleared, kept so the
 * attendance desk can tell the family without reading the Reflection Room's own state.
 */
export interface ClearedBooking {
	bookingId: string;
	studentId: string;
	roomId: string;
	periodId: string;
	startsAt: number;
	/** What the booking was for. */
	bookedFor: string;
	/** Why it was cleared. */
	reason: string;
	by: string;
	at: string;
	/** The id of the event that cleared it, so a resend of it is recognised. */
	eventId: string;
}

/** A behaviour event with the local date and period it fell in: the desk's patterns and each student's chronology. */
export interface BehaviourEntry {
	event: EventOf<'behaviour:recorded'>;
	date: string;
	/** The period id, or `outside` before and after the school day. */
	periodId: string;
}

/** A support or intervention plan, the actions ticked off and its reviews. */
export interface PlanRecord {
	recorded: EventOf<'plan:recorded'>;
	done: Map<string, EventOf<'plan:action-done'>>;
	reviews: EventOf<'plan:reviewed'>[];
}

/** A TAP meeting's minutes and the actions ticked off. */
export interface TapRecord {
	minuted: EventOf<'tap:minuted'>;
	done: Map<string, EventOf<'plan:action-done'>>;
}

/** A suspension as recorded, with the school days it covers and who was told of it. */
export interface SuspensionFact {
	/** As recorded, corrected by its latest amendment (id, who recorded it and when stay the first record's). */
	recorded: EventOf<'suspension:recorded'>;
	/** Its corrections, in log order. */
	amendments: EventOf<'suspension:amended'>[];
	/** The latest correction of what those told were told (anything but the notes): a party told before it is told again. */
	changedAt: string | null;
	/** Withdrawn: out of the totals and the register, kept in the log. */
	withdrawn: EventOf<'suspension:withdrawn'> | null;
	/** The date of each half day it counts, in order: a register session, or a lunchtime (half a day). */
	halfDays: string[];
	notified: Map<EventOf<'suspension:notified'>['who'], EventOf<'suspension:notified'>>;
}

export interface LateArrival {
	studentId: string;
	session: Session;
	minutesLate: number;
	at: string;
}

/**
 * Everything Lookout knows about one school, rebuilt from its log. Reducers update it in
 * place: a day's log must replay in well under two seconds, which copying maps would not allow.
 */
export interface SchoolState {
	schoolId: string;
	position: number;
	settings: Settings;
	name: string;
	timezone: string;
	periods: Period[];
	rooms: Map<string, Room>;
	students: Map<string, Student>;
	staff: Map<string, Staff>;
	/** Lessons sent one by one, dated. */
	lessons: Map<string, Lesson>;
	/** Dated lesson ids by local date. */
	lessonsByDate: Map<string, Set<string>>;
	/** The weekly timetable, from which each day's lessons are made. */
	timetable: Map<string, TimetableEntry>;
	/** Exemptions by date, then lesson id. */
	exemptions: Map<string, Map<string, Exemption>>;
	/** A day's lessons, made once per date until reference data changes. */
	dayCache: Map<string, Lesson[]>;
	/** What some feeds derive for a date, kept until an event touches the feed: `derived.ts`. */
	derived: Map<string, unknown>;
	/** Reflection Room supervisor by `roomId|date|periodId` (null: withdrawn). */
	supervisors: Map<string, string | null>;
	/** Reflection Room cover asked for, by `roomId|date|periodId`. */
	coverRequests: Map<string, CoverRequest>;
	/** Negative behaviour events per student, by local date. */
	studentNegatives: Map<string, Map<string, number>>;
	reflectionRooms: Map<string, ReflectionRoom>;
	/** Newest last, at most `settings.recentBehaviour`. */
	recentBehaviour: EventOf<'behaviour:recorded'>[];
	/** Behaviour tallies by local date, then room. */
	tallies: Map<string, Map<string, RoomTally>>;
	/** Negative behaviour events by local date, in the order they happened. */
	incidents: Map<string, Incident[]>;
	/** Open calls. */
	requests: Map<string, Request>;
	/** Ended calls, by id; views show the day's. */
	ended: Map<string, Request>;
	/** Open call of each responder. */
	assignments: Map<string, string>;
	dispatches: Dispatch[];
	rota: Map<string, RotaEntry>;
	/** Cover taken, by `date|periodId`, then staff id. */
	cover: Map<string, Map<string, DutyRole>>;
	/** What staff said of themselves, per local date. */
	duty: Map<string, { status: DutyStatus; date: string; at: string }>;
	/** The room each member of staff was last on a call in, and when they left it. */
	lastCall: Map<string, { roomId: string; at: number }>;
	registers: Map<string, Register>;
	/** Session marks by local date, then student. */
	sessionMarks: Map<string, Map<string, Partial<Record<Session, Mark>>>>;
	/** Late arrivals by local date. */
	lateArrivals: Map<string, Map<string, LateArrival>>;
	/** Every time each student was found by a member of staff, in log order. */
	foundAt: Map<string, number[]>;
	/** Reflection Room bookings that stand; a cancelled one leaves for `clearedBookings`. */
	bookings: Map<string, Booking>;
	/** Cancelled bookings, by booking id: a resent booking stays cancelled. */
	clearedBookings: Map<string, ClearedBooking>;
	/** Sanctions cleared, by the local date they were cleared on, in log order. */
	sanctionsCleared: Map<string, ClearedBooking[]>;
	/** Paired wall screens, by device id. */
	devices: Map<string, Device>;
	/** Families' contacts by student, in order of priority. */
	contacts: Map<string, Contact[]>;
	/** First-day calls by local date, then student, in the order they were logged. */
	firstDayCalls: Map<string, Map<string, EventOf<'attendance:call-logged'>[]>>;
	/** Each school's own wording of its letters home, by kind. */
	letterTemplates: Map<string, EventOf<'attendance:template-set'>>;
	/** Letters home recorded as sent, by student, in log order. */
	lettersSent: Map<string, EventOf<'attendance:letter-sent'>[]>;
	/** Session marks a later register changed, by the local date of the change. */
	markCorrections: Map<string, MarkChange[]>;
	/** Families told of a clean slate, by the date of the corrections, then student. */
	parentsTold: Map<string, Map<string, EventOf<'attendance:parent-told'>>>;
	/** The school's half terms from `terms.csv`, in order; none until loaded. */
	terms: HalfTerm[];
	/** Attendance interventions by student, in log order. */
	interventions: Map<string, EventOf<'attendance:intervention-logged'>[]>;
	/** Weekly RAG reports marked as sent, in log order. */
	ragSent: EventOf<'attendance:rag-sent'>[];
	/** Every behaviour event, in log order. */
	behaviourHistory: BehaviourEntry[];
	/** The same entries by student. */
	behaviourByStudent: Map<string, BehaviourEntry[]>;
	/** Support and intervention plans by plan id, in log order. */
	plans: Map<string, PlanRecord>;
	/** TAP meeting minutes by meeting id, in log order. */
	tapMeetings: Map<string, TapRecord>;
	/** Suspensions and permanent exclusions by id, each with whom it was told to (last telling wins). */
	suspensions: Map<string, SuspensionFact>;
	/** Register sessions a suspension keeps students from, by local date, then student: the attendance desk marks them `E`. */
	suspendedSessions: Map<string, Map<string, Set<Session>>>;
	/**
	 * What the register said under each `E` a suspension put there (null: no mark), by local date,
	 * then student: given back when the suspension is amended off that session or withdrawn.
	 */
	marksUnderE: Map<string, Map<string, Partial<Record<Session, Mark | null>>>>;
	/** The school's own wording of the suspension letter to parents. */
	suspensionTemplate: EventOf<'suspension:template-set'> | null;
	/** Who may sign in, their sessions, and the school's integration keys. */
	access: AccessState;
	/** Walks over the school's floorplan, when it has one: not from the log but from its plan file. */
	walking: WalkingGraph | null;
}

export function createSchoolState(schoolId: string): SchoolState {
	return {
		schoolId,
		position: 0,
		settings: { ...DEFAULT_SETTINGS },
		name: schoolId,
		timezone: 'Europe/London',
		periods: [],
		rooms: new Map(),
		students: new Map(),
		staff: new Map(),
		lessons: new Map(),
		lessonsByDate: new Map(),
		timetable: new Map(),
		exemptions: new Map(),
		dayCache: new Map(),
		derived: new Map(),
		supervisors: new Map(),
		coverRequests: new Map(),
		studentNegatives: new Map(),
		reflectionRooms: new Map(),
		recentBehaviour: [],
		tallies: new Map(),
		incidents: new Map(),
		requests: new Map(),
		ended: new Map(),
		assignments: new Map(),
		dispatches: [],
		rota: new Map(),
		cover: new Map(),
		duty: new Map(),
		lastCall: new Map(),
		registers: new Map(),
		sessionMarks: new Map(),
		lateArrivals: new Map(),
		foundAt: new Map(),
		bookings: new Map(),
		clearedBookings: new Map(),
		sanctionsCleared: new Map(),
		devices: new Map(),
		contacts: new Map(),
		firstDayCalls: new Map(),
		letterTemplates: new Map(),
		lettersSent: new Map(),
		markCorrections: new Map(),
		parentsTold: new Map(),
		terms: [],
		interventions: new Map(),
		ragSent: [],
		suspensions: new Map(),
		suspendedSessions: new Map(),
		marksUnderE: new Map(),
		suspensionTemplate: null,
		behaviourHistory: [],
		behaviourByStudent: new Map(),
		plans: new Map(),
		tapMeetings: new Map(),
		access: createAccessState(),
		walking: null
	};
}

export function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
	let value = map.get(key);
	if (value === undefined) {
		value = create();
		map.set(key, value);
	}
	return value;
}
