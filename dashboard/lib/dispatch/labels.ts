import type { Disposition, OnCallPriority, OnCallReason, StaffItem, StaffRef } from '$protocol';

export const REASONS: { value: OnCallReason; label: string }[] = [
	{ value: 'disruption', label: 'Disruption' },
	{ value: 'refusal', label: 'Refusal' },
	{ value: 'fighting', label: 'Fighting' },
	{ value: 'out_of_lesson', label: 'Out of lesson' },
	{ value: 'medical', label: 'Medical' },
	{ value: 'safeguarding', label: 'Safeguarding' },
	{ value: 'damage', label: 'Damage' },
	{ value: 'other', label: 'Other' }
];

/** Reasons that are emergencies unless the teacher says otherwise. */
export const EMERGENCY_REASONS: ReadonlySet<OnCallReason> = new Set(['fighting', 'safeguarding']);

export const PRIORITIES: { value: OnCallPriority; label: string; hint: string }[] = [
	{ value: 'emergency', label: 'Emergency', hint: 'someone is at risk now' },
	{ value: 'urgent', label: 'Urgent', hint: 'I need someone now' },
	{ value: 'routine', label: 'Routine', hint: 'when someone is free' }
];

/** How a responder can close a call (`duplicate` is the coordinator's, when merging). */
export const DISPOSITIONS: { value: Disposition; label: string }[] = [
	{ value: 'resolved_in_class', label: 'Resolved in class' },
	{ value: 'removed_to_reflection', label: 'Removed to Reflection' },
	{ value: 'escorted_to_pastoral', label: 'Escorted to pastoral' },
	{ value: 'handed_to_slt', label: 'Handed to SLT' },
	{ value: 'sent_home', label: 'Sent home' },
	{ value: 'unfounded', label: 'Unfounded' }
];

const DISPOSITION_LABEL: Record<Disposition, string> = {
	...(Object.fromEntries(DISPOSITIONS.map((d) => [d.value, d.label])) as Record<Disposition, string>),
	duplicate: 'Duplicate'
};

export const dispositionLabel = (d: Disposition | null) => (d === null ? '' : DISPOSITION_LABEL[d]);

/** `Ms Patel (JSM)` when the live view knows the person, else the code. */
export function staffLabel(ref: StaffRef | null, staff: readonly StaffItem[]): string {
	if (ref === null) return '—';
	const known = staff.find((s) => s.id === ref.id);
	return known ? `${known.name} (${known.code})` : ref.code;
}

const familyName = (s: StaffItem) => s.name.split(' ').at(-1) ?? s.name;

/** Staff by family name, for pickers. */
export function byName(staff: readonly StaffItem[]): StaffItem[] {
	return [...staff].sort((a, b) => familyName(a).localeCompare(familyName(b)) || a.name.localeCompare(b.name) || a.code.localeCompare(b.code));
}
