import {
	DEFAULT_SETTINGS,
	type EventOf,
	type Exemption,
	type Lesson,
	type Mark,
	type OnCallPriority,
	type OnCallReason,
	type OnCallStatus,
	type Period,
	type ReflectionRoom,
	type Room,
	type Session,
	type Staff,
	type StaffStatus,
	type Settings,
	type Student,
	type TimetableEntry
} from '../../protocol';

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

export interface Request {
	id: string;
	status: OnCallStatus;
	priority: OnCallPriority;
	reason: OnCallReason;
	locationId: string;
	studentIds: string[];
	raisedBy: string;
	raisedAt: string;
	updatedAt: string;
	responderId: string | null;
}

export interface Register {
	takenAt: string;
	marks: Map<string, Mark>;
}

export interface Booking {
	id: string;
	studentId: string;
	roomId: string;
	periodId: string;
	startsAt: number;
	endsAt: number;
	checkedInAt: string | null;
	checkedOutAt: string | null;
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
	/** Reflection Room supervisor by `roomId|date|periodId` (null: withdrawn). */
	supervisors: Map<string, string | null>;
	/** Negative behaviour events per student, by local date. */
	studentNegatives: Map<string, Map<string, number>>;
	reflectionRooms: Map<string, ReflectionRoom>;
	/** Newest last, at most `settings.recentBehaviour`. */
	recentBehaviour: EventOf<'behaviour:recorded'>[];
	/** Behaviour tallies by local date, then room. */
	tallies: Map<string, Map<string, RoomTally>>;
	/** Negative behaviour events by local date, in the order they happened. */
	incidents: Map<string, Incident[]>;
	/** Open requests; closed and cancelled ones leave. */
	requests: Map<string, Request>;
	registers: Map<string, Register>;
	/** Session marks by local date, then student. */
	sessionMarks: Map<string, Map<string, Partial<Record<Session, Mark>>>>;
	/** Late arrivals by local date. */
	lateArrivals: Map<string, Map<string, LateArrival>>;
	/** Every time each student was found by a member of staff, in log order. */
	foundAt: Map<string, number[]>;
	bookings: Map<string, Booking>;
	staffStatus: Map<string, { status: StaffStatus; locationId: string | null; since: string }>;
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
		supervisors: new Map(),
		studentNegatives: new Map(),
		reflectionRooms: new Map(),
		recentBehaviour: [],
		tallies: new Map(),
		incidents: new Map(),
		requests: new Map(),
		registers: new Map(),
		sessionMarks: new Map(),
		lateArrivals: new Map(),
		foundAt: new Map(),
		bookings: new Map(),
		staffStatus: new Map()
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
