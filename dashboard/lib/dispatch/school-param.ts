import { error } from '@sveltejs/kit';
import { SchoolId } from '$protocol';

/** The school of a `[school]` route, or a 404 for an id no school can have. */
export function schoolParam(params: { school: string }): { schoolId: string } {
	const school = SchoolId.safeParse(params.school);
	if (!school.success) error(404, 'No such school');
	return { schoolId: school.data };
}
