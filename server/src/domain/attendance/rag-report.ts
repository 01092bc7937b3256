import type { RagCell, RagGroup, RagReport } from '../../../protocol';
import { addDays, mondayOf } from '../calendar/dates';
import { schoolYearOf, termToDate, yearToDate } from '../calendar/terms';
import type { SchoolState } from '../school/state';
import { attendanceRate, emptyTally, talliesOver, type Tally } from './tally';
import { ragOf, weekTrends, type RagBands } from './weekly-rag';

/** The school's bands as shares; amber never above green, whatever the settings say. */
export function bandsOf(state: SchoolState): RagBands {
	const green = state.settings.ragGreenPercent / 100;
	return { green, amber: Math.min(state.settings.ragAmberPercent / 100, green) };
}

function cell(tally: Tally | undefined, bands: RagBands): RagCell {
	const rate = attendanceRate(tally ?? emptyTally());
	return { rate, band: rate === null ? null : ragOf(rate, bands) };
}

/**
 * The weekly RAG report for the week of `date` (Monday to Sunday): per form group, each student's
 * attendance that week, over the term and over the year to the week's end, banded with the
 * school's settings, and whether the week dipped below the four before it. With each group, when
 * its report for that week was marked as sent. Students on roll with no mark are listed blank.
 */
export function ragReport(state: SchoolState, date: string): RagReport {
	const monday = mondayOf(date);
	const sunday = addDays(monday, 6);
	const year = schoolYearOf(state.terms, sunday);
	const term = termToDate(year, sunday);
	const ytd = yearToDate(year, sunday);
	const bands = bandsOf(state);
	const trends = weekTrends(state, monday);
	const tallies = talliesOver(state, [term, ytd]);
	const groups = new Map<string, RagGroup>();
	const students = [...state.students.values()].sort((a, b) => a.familyName.localeCompare(b.familyName) || a.givenName.localeCompare(b.givenName));
	for (const s of students) {
		let group = groups.get(s.formGroup);
		if (!group) groups.set(s.formGroup, (group = { formGroup: s.formGroup, yearGroup: s.yearGroup, students: [], sent: [] }));
		const trend = trends.get(s.id);
		group.students.push({
			studentId: s.id,
			name: `${s.familyName}, ${s.givenName}`,
			week: cell(trend?.week, bands),
			term: cell(tallies.get(s.id)?.[0], bands),
			year: cell(tallies.get(s.id)?.[1], bands),
			dipped: trend?.dipped ?? false
		});
	}
	for (const sent of state.ragSent) {
		if (sent.week !== monday) continue;
		groups.get(sent.formGroup)?.sent.push({ at: sent.occurredAt, by: state.staff.get(sent.by)?.code ?? sent.by });
	}
	return {
		school: state.name,
		week: { from: monday, to: sunday },
		term,
		year: ytd,
		bands: { green: Math.round(bands.green * 100), amber: Math.round(bands.amber * 100) },
		tutorsKnown: false,
		groups: [...groups.values()].sort((a, b) => (a.yearGroup ?? 99) - (b.yearGroup ?? 99) || a.formGroup.localeCompare(b.formGroup))
	};
}
