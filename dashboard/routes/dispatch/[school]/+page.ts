import { schoolParam } from '$lib/dispatch/school-param';
import type { PageLoad } from './$types';

export const ssr = false;

export const load: PageLoad = ({ params }) => schoolParam(params);
