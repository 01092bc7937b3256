import {
	ReflectionBookingRefused,
	ReflectionDeskReport,
	ReflectionStudentReport,
	type ReflectionBookingBodyInput,
	type ReflectionCoverBody,
	type ReflectionSlot
} from '$protocol';
import type { Fetch } from '../auth/csrf';
import { problemOf, queryOf } from '../attendance/minutes-late-desk.svelte';

/** What a booking came to: booked, refused for a full period (with the next free ones), or another problem. */
export type BookingOutcome = { kind: 'booked'; text: string } | { kind: 'full'; text: string; nextFree: ReflectionSlot[] } | { kind: 'problem'; text: string };

/** The Reflection Room desk: the days ahead (bookings, places, rota), booking, and asking for cover. */
export class ReflectionDesk {
	report = $state.raw<ReflectionDeskReport | null>(null);
	error = $state<string | null>(null);
	busy = $state(false);
	#schoolId: () => string;
	#send: Fetch;
	#from: string | undefined;

	constructor(schoolId: () => string, send: Fetch) {
		this.#schoolId = schoolId;
		this.#send = send;
	}

	csvHref(table: 'bookings' | 'rota'): string {
		return `/api/v1/reports/reflection?${queryOf({ school: this.#schoolId(), ...(this.#from ? { from: this.#from } : {}), days: '5', format: 'csv', table })}`;
	}

	async load(from?: string): Promise<void> {
		this.#from = from;
		try {
			const res = await this.#send(`/api/v1/reports/reflection?${queryOf({ school: this.#schoolId(), ...(from ? { from } : {}), days: '5' })}`);
			if (!res.ok) {
				this.error = await problemOf(res, 'The Reflection Room desk');
				return;
			}
			const parsed = ReflectionDeskReport.safeParse(await res.json());
			this.report = parsed.success ? parsed.data : null;
			this.error = parsed.success ? null : 'The Reflection Room desk came back in a form this page does not understand.';
		} catch (err) {
			this.error = `The Reflection Room desk cannot be loaded: ${err instanceof Error ? err.message : String(err)}`;
		}
	}

	async #post(path: string, body: unknown): Promise<Response> {
		return this.#send(`/api/v1${path}?school=${encodeURIComponent(this.#schoolId())}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
	}

	async book(body: ReflectionBookingBodyInput): Promise<BookingOutcome> {
		this.busy = true;
		try {
			const res = await this.#post('/reflection/bookings', body);
			if (res.status === 409) {
				const refused = ReflectionBookingRefused.safeParse(await res.clone().json());
				if (refused.success && refused.data.code === 'room_full') return { kind: 'full', text: refused.data.message, nextFree: refused.data.nextFree };
			}
			if (!res.ok) return { kind: 'problem', text: await problemOf(res, 'The booking') };
			await this.load(this.#from);
			return { kind: 'booked', text: 'Booked.' };
		} catch (err) {
			return { kind: 'problem', text: `The booking did not go through: ${err instanceof Error ? err.message : String(err)}` };
		} finally {
			this.busy = false;
		}
	}

	async requestCover(slot: ReflectionCoverBody): Promise<string | null> {
		this.busy = true;
		try {
			const res = await this.#post('/reflection/cover', slot);
			if (!res.ok) return await problemOf(res, 'Asking for cover');
			await this.load(this.#from);
			return null;
		} catch (err) {
			return `Asking for cover did not work: ${err instanceof Error ? err.message : String(err)}`;
		} finally {
			this.busy = false;
		}
	}
}

/** A student's bookings and the lessons of a date, for the history page and the form's lesson missed. */
export async function loadStudent(send: Fetch, schoolId: string, studentId: string, date?: string): Promise<ReflectionStudentReport | string> {
	try {
		const res = await send(`/api/v1/reports/reflection/student?${queryOf({ school: schoolId, student: studentId, ...(date ? { date } : {}) })}`);
		if (!res.ok) return await problemOf(res, "The student's bookings");
		const parsed = ReflectionStudentReport.safeParse(await res.json());
		return parsed.success ? parsed.data : "The student's bookings came back in a form this page does not understand.";
	} catch (err) {
		return `The student's bookings cannot be loaded: ${err instanceof Error ? err.message : String(err)}`;
	}
}
