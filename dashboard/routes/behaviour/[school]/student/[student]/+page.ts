import { error } from '@sveltejs/kit';
import { EntityId } from '$protocol';
import { loadSchoolPage } from '$lib/auth/school-page';
import type { PageLoad } from './$types';

const loadSchool = loadSchoolPage('/behaviour');

export const load: PageLoad = async (event) => {
	const { schoolId, role } = await loadSchool(event);
	const student = EntityId.safeParse(event.params.student);
	if (!student.success) error(404, 'No such student');
	return { schoolId, role, studentId: student.data };
};
