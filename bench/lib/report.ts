import type { Spread } from './stats';

export type Verdict = 'met' | 'MISSED' | '';

/** One line of the table: a figure over several runs beside its baseline from the same runs. */
export interface Row {
	scenario: string;
	figure: string;
	/** What produced the figure: which client or sender, which server. */
	source: string;
	unit: string;
	value: Spread | null;
	baseline?: { label: string; value: Spread };
	/** Figure / baseline, run by run. */
	ratio?: Spread;
	target?: string;
	verdict: Verdict;
	note?: string;
}

export interface ScenarioReport {
	scenario: string;
	title: string;
	rows: Row[];
	/** Every run's raw figures, for the results file. */
	runs: unknown;
}

export interface ScenarioOptions {
	runs: number;
	/** Where server processes write CPU profiles, when asked to (--profile). */
	profileDir?: string;
	log: (line: string) => void;
}

export interface Scenario {
	name: string;
	title: string;
	run(options: ScenarioOptions): Promise<ScenarioReport>;
}
