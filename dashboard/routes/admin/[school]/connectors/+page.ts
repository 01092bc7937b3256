import { loadSchoolPage } from '$lib/auth/school-page';
import type { PageLoad } from './$types';

export const load: PageLoad = loadSchoolPage('/admin');
