import type { OnCallMetric } from '$protocol';

/** The measured steps of a call, in order, with what each one spans. */
export const STEPS: { key: OnCallMetric; label: string; spans: string }[] = [
	{ key: 'acknowledge', label: 'Ack', spans: 'raised to acknowledged' },
	{ key: 'dispatch', label: 'Dispatch', spans: 'acknowledged to dispatched' },
	{ key: 'turnout', label: 'Turnout', spans: 'dispatched to en route' },
	{ key: 'travel', label: 'Travel', spans: 'en route to on scene' },
	{ key: 'response', label: 'Response', spans: 'raised to on scene' },
	{ key: 'onScene', label: 'On scene', spans: 'time spent on scene' },
	{ key: 'close', label: 'Close', spans: 'raised to closed' }
];
