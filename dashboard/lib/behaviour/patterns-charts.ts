import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { PatternRow, RemovalQuestions } from '$protocol';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const shortDate = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Removals week by week this half term, as bars: `{@attach removalsChart(weeks)}`. */
export function removalsChart(weeks: RemovalQuestions['weeks']) {
	return (canvas: HTMLCanvasElement) => {
		const ink = getComputedStyle(canvas).color;
		const chart = new Chart(canvas, {
			type: 'bar',
			data: {
				labels: weeks.map((w) => `w/c ${shortDate(w.monday)}`),
				datasets: [{ label: 'Removals', data: weeks.map((w) => w.removals), backgroundColor: '#2563eb' }]
			},
			options: {
				animation: false,
				responsive: true,
				maintainAspectRatio: false,
				plugins: { legend: { display: false } },
				scales: { x: { ticks: { color: ink, maxRotation: 0, autoSkip: true } }, y: { beginAtZero: true, ticks: { color: ink, precision: 0 } } }
			}
		});
		return () => chart.destroy();
	};
}

/** One measure by group, this half term beside the last, in the rows' own order: `{@attach compareChart(rows, 'negative')}`. */
export function compareChart(rows: readonly PatternRow[], measure: 'negative' | 'removals' | 'bookings') {
	return (canvas: HTMLCanvasElement) => {
		const ink = getComputedStyle(canvas).color;
		const chart = new Chart(canvas, {
			type: 'bar',
			data: {
				labels: rows.map((r) => r.label),
				datasets: [
					{ label: 'Last half term', data: rows.map((r) => r.lastHalf[measure]), backgroundColor: '#94a3b8' },
					{ label: 'This half term', data: rows.map((r) => r.thisHalf[measure]), backgroundColor: '#2563eb' }
				]
			},
			options: {
				animation: false,
				responsive: true,
				maintainAspectRatio: false,
				plugins: { legend: { labels: { color: ink } } },
				scales: { x: { ticks: { color: ink, maxRotation: 0, autoSkip: true } }, y: { beginAtZero: true, ticks: { color: ink, precision: 0 } } }
			}
		});
		return () => chart.destroy();
	};
}
