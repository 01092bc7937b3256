import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

/**
 * Prints the page to PDF as Chromium does, into `out/<name>.pdf`, and renders each printed page
 * to PNG beside it for a look (`<name>-print-N.png`): the number of pages printed.
 */
export async function printed(page: Page, out: string, name: string, landscape = false): Promise<number> {
	const pdf = await page.pdf({ format: 'A4', landscape, printBackground: true, preferCSSPageSize: true });
	await writeFile(`${out}/${name}.pdf`, pdf);
	execFileSync('pdftoppm', ['-png', '-r', '60', `${out}/${name}.pdf`, `${out}/${name}-print`]);
	const info = execFileSync('pdfinfo', [`${out}/${name}.pdf`], { encoding: 'utf8' });
	return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}
