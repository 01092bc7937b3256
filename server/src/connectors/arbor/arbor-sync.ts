import type { SchoolSource } from '../connector';
import { runSync, type SyncDeps, type SyncSummary } from '../sync-run';
import { arborConnector } from './arbor-connector';
import { sendAlertStatuses, type StatusBackResult } from './arbor-status-back';

/**
 * One Arbor run for one school: the pull (as every connector's), then, when it went well, each
 * Arbor alert's call status sent back. What could not be sent is listed with the run's refusals,
 * by alert, and said in the status's detail; the run's state is the pull's.
 */
export async function runArborSync(source: SchoolSource, deps: SyncDeps): Promise<SyncSummary & { statusBack: StatusBackResult | null }> {
	const summary = await runSync(arborConnector, source, deps);
	if (summary.status.state !== 'ok') return { ...summary, statusBack: null };
	const statusBack = await sendAlertStatuses(source, {
		store: deps.store,
		state: deps.state,
		...(deps.retry ? { retry: deps.retry } : {}),
		...(deps.progress ? { progress: deps.progress } : {})
	});
	if (statusBack.failed.length > 0) {
		const status = {
			...summary.status,
			detail: `status back to Arbor: ${statusBack.failed.length} alert(s) not updated; they are sent again at the next run`,
			refusals: [...summary.status.refusals, ...statusBack.failed].slice(0, 200),
			refused: summary.status.refused + statusBack.failed.length
		};
		await deps.state.saveStatus(status);
		return { ...summary, status, refusals: [...summary.refusals, ...statusBack.failed], statusBack };
	}
	return { ...summary, statusBack };
}
