import { redirect } from '@sveltejs/kit';
import { signinHref } from '$lib/auth/page-access';
import type { PageLoad } from './$types';

// For anyone signed in, whatever their school or role: the server's page check is for school pages.
export const load: PageLoad = async ({ parent, url }) => {
	const { session } = await parent();
	if (session === null) redirect(303, signinHref(url));
	return {};
};
