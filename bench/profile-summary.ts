import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * Summarises a V8 CPU profile (written by `npm run bench -- --profile DIR`): self time by
 * function and by file, heaviest first. Usage: tsx bench/profile-summary.ts FILE [TOP]
 */
const Profile = z.object({
	nodes: z.array(
		z.object({
			id: z.number(),
			callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
			hitCount: z.number().optional()
		})
	),
	samples: z.array(z.number()).optional(),
	startTime: z.number(),
	endTime: z.number()
});

const [file, topArg] = process.argv.slice(2);
if (!file) {
	console.error('usage: tsx bench/profile-summary.ts FILE.cpuprofile [TOP]');
	process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = Profile.parse(JSON.parse(await readFile(file, 'utf8')));
const hits = new Map<number, number>();
for (const id of profile.samples ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
const total = [...hits.values()].reduce((a, b) => a + b, 0) || 1;

const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const node of profile.nodes) {
	const n = hits.get(node.id) ?? node.hitCount ?? 0;
	if (n === 0) continue;
	const { functionName, url, lineNumber } = node.callFrame;
	const where = url.replace(/^.*\/node_modules\//, '~/').replace(/^file:\/\/.*\/work\/main\//, '');
	const fn = `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
	byFunction.set(fn, (byFunction.get(fn) ?? 0) + n);
	const pkg = where.startsWith('~/')
		? where
				.split('/')
				.slice(0, where.startsWith('~/@') ? 3 : 2)
				.join('/')
		: where || functionName;
	byFile.set(pkg, (byFile.get(pkg) ?? 0) + n);
}

const show = (title: string, map: Map<string, number>) => {
	console.log(`\n${title}`);
	for (const [name, n] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
		console.log(`${((100 * n) / total).toFixed(1).padStart(5)}%  ${name}`);
	}
};
console.log(`${file}: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s profiled`);
show('self time by function', byFunction);
show('self time by file or package', byFile);
