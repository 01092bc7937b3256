import type { PageSection, Role, SessionInfo } from '$protocol';
import { schoolParam } from '../dispatch/school-param';
import { guardPage } from './page-access';

interface SchoolPageEvent {
	params: { school: string };
	parent: () => Promise<{ session: SessionInfo | null }>;
	url: URL;
}

/** The load of a school's page: its school, and the person's role there once the page check lets them in. */
export function loadSchoolPage(section: PageSection) {
	return async ({ params, parent, url }: SchoolPageEvent): Promise<{ schoolId: string; role: Role }> => {
		const { schoolId } = schoolParam(params);
		const { session } = await parent();
		return { schoolId, role: guardPage(session, section, schoolId, url) };
	};
}
