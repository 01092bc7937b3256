import type { Period } from '$protocol';
import { clockTime } from '../format';
import { minuteOfDay } from '../time';
import type { SchoolFeed } from './school-feed.svelte';

/** Data older than this is shown greyed, with its age. */
export const STALE_AFTER_MS = 15_000;

/**
 * The school clock in the browser: real time ticks every second, and the school's time and
 * current period follow from the last message (the server's clock may run faster in a demo).
 */
export class SchoolClock {
	realNow = $state(Date.now());
	now: number;
	timezone: string;
	period: Period | undefined;
	/** No message from the server (frame or heartbeat) for too long. */
	stale: boolean;

	constructor(feed: SchoolFeed) {
		this.now = $derived(feed.serverNow(this.realNow));
		this.timezone = $derived(feed.school?.timezone ?? 'Europe/London');
		this.stale = $derived(feed.lastMessageAt === null || this.realNow - feed.lastMessageAt > STALE_AFTER_MS);
		this.period = $derived.by(() => {
			const minute = minuteOfDay(clockTime(this.now, this.timezone));
			return (feed.school?.periods ?? []).find((p) => minute >= minuteOfDay(p.startsAt) && minute < minuteOfDay(p.endsAt));
		});
	}

	/** Starts the ticking; returns what stops it. */
	start(): () => void {
		const tick = setInterval(() => (this.realNow = Date.now()), 1_000);
		return () => clearInterval(tick);
	}
}
