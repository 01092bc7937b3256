import { error } from '@sveltejs/kit';
import { SchoolId } from '$protocol';
import type { PageLoad } from './$types';

export const ssr = false;

export const load: PageLoad = ({ params }) => {
	const school = SchoolId.safeParse(params.school);
	if (!school.success) error(404, 'No such school');
	return { schoolId: school.data };
};
