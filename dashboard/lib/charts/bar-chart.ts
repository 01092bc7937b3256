import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartData } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/**
 * A bar chart on a canvas, as an attachment: `{@attach barChart(data, title)}`. Svelte runs
 * it again when `data` changes (the hotspots report, once a minute), drawing a fresh chart.
 */
export function barChart(data: ChartData<'bar'>, title: string) {
	return (canvas: HTMLCanvasElement) => {
		const ink = getComputedStyle(canvas).color;
		const chart = new Chart(canvas, {
			type: 'bar',
			data,
			options: {
				animation: false,
				responsive: true,
				maintainAspectRatio: false,
				plugins: { legend: { labels: { color: ink } }, title: { display: false, text: title } },
				scales: { x: { ticks: { color: ink } }, y: { beginAtZero: true, ticks: { color: ink } } }
			}
		});
		return () => chart.destroy();
	};
}
