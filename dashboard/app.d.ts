// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/** A heading for the error page, when the status code alone would not say it. */
			title?: string;
		}
		interface PageState {
			/** Set on the way to the sign-in page after signing out, so it can say so. */
			signedOut?: 'here' | 'everywhere';
		}
	}
}

export {};
