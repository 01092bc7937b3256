import { randomUUID } from 'node:crypto';

/**
 * The fields the floor reads from posted events. It deliberately does not validate them:
 * validation is part of the application whose cost is measured against this floor.
 */
interface PostedEvent {
	id: string;
	schoolId: string;
	type: string;
	occurredAt: string;
	polarity?: 'negative' | 'positive';
	category?: string;
	severity?: number;
	points?: number;
	locationId?: string;
	studentIds?: string[];
	staffId?: string;
	rooms?: { id: string; name: string; level: number }[];
	students?: { id: string; givenName: string; familyName: string; yearGroup: number }[];
	staff?: { id: string; code: string }[];
}

/** Mirrors the contract's RoomCountItem; the load process checks frames against it and the table says when they drift. */
interface RoomCount {
	id: string;
	name: string;
	level: number;
	negativeToday: number;
	positiveToday: number;
	byPeriod: Record<string, number>;
	heatToday: number;
	heatByPeriod: Record<string, number>;
	heatLive: number;
	openRequests: number;
}

interface Channel {
	seq: number;
	position: number;
	lastFlush: number;
	timer: NodeJS.Timeout | null;
	rooms: Map<string, { name: string; level: number }>;
	students: Map<string, { initials: string; yearGroup: number }>;
	staff: Map<string, string>;
	/** Ids of the last RECENT behaviour items, oldest first, as the live feed keeps them. */
	recent: string[];
	upsert: unknown[];
	remove: string[];
	counts: Map<string, RoomCount>;
	dirtyRooms: Set<string>;
}

const RECENT = 50;

/**
 * The floor's framing: the same batching as Lookout's broadcaster (at most one frame per
 * school per `frameMs`) and frames of the same JSON shape, built straight from the posted
 * events with lookups only: no log, no projections, no diffing.
 */
export class FloorFrames {
	readonly epoch = randomUUID();
	#schools = new Map<string, Channel>();

	constructor(
		private readonly emit: (schoolId: string, frame: unknown) => void,
		private readonly frameMs = 50
	) {}

	/** Takes one parsed body (an event or an array of them); returns positions per school. */
	ingest(body: unknown): { accepted: number; positions: Record<string, number> } {
		const events = (Array.isArray(body) ? body : [body]) as PostedEvent[];
		const positions: Record<string, number> = {};
		for (const e of events) {
			const channel = this.#channel(e.schoolId);
			channel.position += 1;
			positions[e.schoolId] = channel.position;
			if (e.type === 'reference:updated') this.#reference(channel, e);
			else if (e.type === 'behaviour:recorded') this.#behaviour(channel, e);
			this.#touch(e.schoolId, channel);
		}
		return { accepted: events.length, positions };
	}

	close(): void {
		for (const channel of this.#schools.values()) if (channel.timer) clearTimeout(channel.timer);
	}

	#reference(channel: Channel, e: PostedEvent): void {
		for (const r of e.rooms ?? []) channel.rooms.set(r.id, { name: r.name, level: r.level });
		for (const s of e.students ?? []) {
			channel.students.set(s.id, { initials: `${s.givenName[0] ?? ''}${s.familyName[0] ?? ''}`.toUpperCase(), yearGroup: s.yearGroup });
		}
		for (const s of e.staff ?? []) channel.staff.set(s.id, s.code);
	}

	#behaviour(channel: Channel, e: PostedEvent): void {
		const roomId = e.locationId ?? '';
		channel.upsert.push({
			id: e.id,
			at: e.occurredAt,
			polarity: e.polarity,
			category: e.category,
			severity: e.severity,
			points: e.points,
			roomId,
			roomName: channel.rooms.get(roomId)?.name ?? roomId,
			students: (e.studentIds ?? []).map((id) => ({ id, ...(channel.students.get(id) ?? { initials: '?', yearGroup: null }) })),
			staff: { id: e.staffId, code: channel.staff.get(e.staffId ?? '') ?? e.staffId }
		});
		channel.recent.push(e.id);
		if (channel.recent.length > RECENT) channel.remove.push(channel.recent.shift() as string);
		let count = channel.counts.get(roomId);
		if (!count) {
			const room = channel.rooms.get(roomId);
			count = {
				id: roomId,
				name: room?.name ?? roomId,
				level: room?.level ?? 0,
				negativeToday: 0,
				positiveToday: 0,
				byPeriod: {},
				heatToday: 0,
				heatByPeriod: {},
				heatLive: 0,
				openRequests: 0
			};
			channel.counts.set(roomId, count);
		}
		if (e.polarity === 'positive') count.positiveToday += 1;
		else {
			count.negativeToday += 1;
			count.heatToday += e.severity ?? 1;
			count.heatLive = count.heatToday;
			count.byPeriod = { outside: count.negativeToday };
			count.heatByPeriod = { outside: count.heatToday };
		}
		channel.dirtyRooms.add(roomId);
	}

	#touch(schoolId: string, channel: Channel): void {
		if (channel.timer) return;
		const wait = Math.max(0, channel.lastFlush + this.frameMs - Date.now());
		channel.timer = setTimeout(() => this.#flush(schoolId, channel), wait);
	}

	#flush(schoolId: string, channel: Channel): void {
		channel.timer = null;
		channel.lastFlush = Date.now();
		const changes: unknown[] = [];
		if (channel.upsert.length > 0 || channel.remove.length > 0) {
			changes.push({ feed: 'behaviour', upsert: channel.upsert, remove: channel.remove });
		}
		if (channel.dirtyRooms.size > 0) {
			changes.push({ feed: 'rooms', upsert: [...channel.dirtyRooms].map((id) => ({ ...channel.counts.get(id) })), remove: [] });
		}
		channel.upsert = [];
		channel.remove = [];
		channel.dirtyRooms.clear();
		if (changes.length === 0) return;
		channel.seq += 1;
		const now = Date.now();
		this.emit(schoolId, { schoolId, epoch: this.epoch, seq: channel.seq, position: channel.position, at: new Date(now).toISOString(), changes });
	}

	#channel(schoolId: string): Channel {
		let channel = this.#schools.get(schoolId);
		if (!channel) {
			channel = {
				seq: 0,
				position: 0,
				lastFlush: 0,
				timer: null,
				rooms: new Map(),
				students: new Map(),
				staff: new Map(),
				recent: [],
				upsert: [],
				remove: [],
				counts: new Map(),
				dirtyRooms: new Set()
			};
			this.#schools.set(schoolId, channel);
		}
		return channel;
	}
}
