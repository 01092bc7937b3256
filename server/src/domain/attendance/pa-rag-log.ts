import type { EventOf } from '../../../protocol';
import { getOrCreate, type SchoolState } from '../school/state';

/** Terms given with the reference data replace the school's calendar; left out, it stays as it was. */
export function applyTerms(state: SchoolState, e: EventOf<'reference:updated'>): void {
	if (e.terms) state.terms = [...e.terms].sort((a, b) => a.starts.localeCompare(b.starts));
}

export function applyIntervention(state: SchoolState, e: EventOf<'attendance:intervention-logged'>): void {
	getOrCreate(state.interventions, e.studentId, () => []).push(e);
}

export function applyRagSent(state: SchoolState, e: EventOf<'attendance:rag-sent'>): void {
	state.ragSent.push(e);
}
