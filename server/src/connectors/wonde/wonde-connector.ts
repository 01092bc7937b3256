import { formatPath } from '../../../protocol';
import type { ConnectorDefinition, EndpointSpec } from '../connector';
import { mapAchievements, mapBehaviours, mapDetentions } from './wonde-behaviour';
import { updatedAfterValue } from './wonde-dates';
import { mapLessons } from './wonde-lessons';
import { lessonOfMark, mapLessonMarks, mapSessionMarks } from './wonde-marks';
import { mapEmployees, mapStudents } from './wonde-people';
import { WondePage } from './wonde-shapes';

/** Wonde's production API for UK schools; a school's data is at `<base>/schools/<Wonde school id>/`. */
export const WONDE_API = 'https://api.wonde.com/v1.0';

/** Reference lists are read 200 a page (Wonde's documented largest); marks 1,000, which the attendance endpoints allow. */
const PEOPLE_PAGE = '200';
const MARKS_PAGE = '1000';

/** In this order: staff and students first, so lessons, marks and incidents find them in the roster. */
export const WONDE_ENDPOINTS: readonly EndpointSpec[] = [
	{ name: 'employees', path: 'employees', query: { include: 'employment_details', per_page: PEOPLE_PAGE }, map: mapEmployees },
	{
		name: 'students',
		path: 'students',
		query: { include: 'contacts,contacts.contact_details,extended_details,year,registration', per_page: PEOPLE_PAGE },
		map: mapStudents
	},
	{ name: 'lessons', path: 'lessons', query: { include: 'period,room,employee,class.students', per_page: PEOPLE_PAGE }, map: mapLessons },
	{ name: 'attendance/session', path: 'attendance/session', query: { include: 'attendance_code', per_page: MARKS_PAGE }, map: mapSessionMarks },
	{
		name: 'lesson-attendance',
		path: 'lesson-attendance',
		query: { include: 'attendance_code', per_page: MARKS_PAGE },
		map: mapLessonMarks,
		groupOf: lessonOfMark
	},
	{ name: 'behaviours', path: 'behaviours', query: { include: 'students,employee,behaviour_type', per_page: PEOPLE_PAGE }, map: mapBehaviours },
	{ name: 'achievements', path: 'achievements', query: { include: 'students,employee,achievement_type', per_page: PEOPLE_PAGE }, map: mapAchievements },
	{ name: 'detentions', path: 'detentions', query: { per_page: PEOPLE_PAGE }, map: mapDetentions }
];

export const wondeConnector: ConnectorDefinition = {
	name: 'wonde',
	endpoints: WONDE_ENDPOINTS,
	updatedAfterParam: (cursor) => ({ updated_after: updatedAfterValue(cursor) }),
	readPage(body) {
		const page = WondePage.safeParse(body);
		if (!page.success) {
			const issue = page.error.issues[0];
			return { ok: false, problem: `${formatPath(issue?.path ?? [])} ${issue?.message ?? ''}`.trim() };
		}
		return { ok: true, records: page.data.data, next: page.data.meta.pagination.next };
	}
};

/** The school's base URL at Wonde. */
export const wondeSchoolUrl = (wondeSchoolId: string, api = WONDE_API) => `${api.replace(/\/$/, '')}/schools/${encodeURIComponent(wondeSchoolId)}`;
