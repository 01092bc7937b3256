import { CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { WeekRate } from '$protocol';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip);

/**
 * A student's attendance week by week as a small line, with the persistent-absence line (90%
 * attendance) dashed: `{@attach trendChart(weeks)}`. A week with no possible session is a gap.
 */
export function trendChart(weeks: readonly WeekRate[], persistentAt = 0.9) {
	return (canvas: HTMLCanvasElement) => {
		const ink = getComputedStyle(canvas).color;
		const labels = weeks.map((w) => new Date(`${w.monday}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }));
		const chart = new Chart(canvas, {
			type: 'line',
			data: {
				labels,
				datasets: [
					{
						label: 'Attendance',
						data: weeks.map((w) => (w.rate === null ? null : Math.round(w.rate * 1000) / 10)),
						borderColor: '#2563eb',
						backgroundColor: '#2563eb',
						spanGaps: false
					},
					{ label: 'PA line', data: weeks.map(() => persistentAt * 100), borderColor: '#b91c1c', borderDash: [4, 4], pointRadius: 0, borderWidth: 1 }
				]
			},
			options: {
				animation: false,
				responsive: true,
				maintainAspectRatio: false,
				plugins: { legend: { display: false } },
				scales: { x: { ticks: { color: ink, maxRotation: 0, autoSkip: true } }, y: { min: 0, max: 100, ticks: { color: ink, callback: (v) => `${v}%` } } }
			}
		});
		return () => chart.destroy();
	};
}
