// The floors of the house and the lint rule that holds them: a file may import its own floor and
// the floors its line names, never one above. `npm run lint` reports a wrong import as
// `lookout/layers`, naming both floors. The order, bottom to top, is in README.md ("The house").
import path from 'node:path';

const ROOT = path.dirname(path.dirname(new URL(import.meta.url).pathname));

const FEATURE_BASE = ['protocol', 'floorplan', 'domain/calendar', 'domain/access', 'domain/csv', 'domain/school'];
const SERVER_BELOW_HTTP = ['protocol', 'ground', 'metrics', 'floorplan', 'import', 'domain', 'store', 'live', 'auth', 'connectors', 'realtime', 'jobs'];

/**
 * What each floor may import besides itself. `domain` covers every folder of the domain.
 * @type {Record<string, string[]>}
 */
export const FLOORS = {
	protocol: [],
	ground: ['protocol'],
	metrics: ['protocol', 'ground'],
	floorplan: ['protocol'],
	import: ['protocol'],
	'domain/calendar': ['protocol'],
	'domain/access': ['protocol'],
	'domain/csv': ['protocol'],
	'domain/school': ['protocol', 'floorplan', 'domain/calendar', 'domain/access'],
	'domain/feature': FEATURE_BASE,
	domain: ['protocol', 'floorplan', 'domain/*'],
	store: ['protocol', 'ground', 'metrics', 'domain'],
	live: ['protocol', 'ground', 'metrics', 'floorplan', 'domain', 'store'],
	auth: ['protocol', 'ground', 'metrics', 'domain', 'store', 'live'],
	connectors: ['protocol', 'ground', 'metrics', 'import', 'domain', 'store', 'live', 'auth'],
	realtime: ['protocol', 'ground', 'metrics', 'domain', 'store', 'live', 'auth'],
	jobs: ['protocol', 'ground', 'metrics', 'domain', 'store', 'live', 'auth', 'connectors', 'realtime'],
	http: SERVER_BELOW_HTTP,
	roof: [...SERVER_BELOW_HTTP, 'http'],
	cli: [...SERVER_BELOW_HTTP, 'http', 'roof'],
	launch: [...SERVER_BELOW_HTTP, 'http', 'roof', 'simulators'],
	simulators: ['protocol'],
	floorplans: ['protocol', 'floorplan'],
	dashboard: ['protocol']
};

const GROUND = new Set(['clock', 'config', 'logger']);
const DOMAIN_BASE = new Set(['calendar', 'access', 'csv', 'school']);

/**
 * The floor of a repository-relative path, or null for what no floor holds (tests, benches, tools).
 * @param {string} relative
 * @returns {string | null}
 */
export function floorOf(relative) {
	const parts = relative.split('/');
	const [top = '', second = '', third = '', fourth = ''] = parts;
	if (top === 'server' && second === 'protocol') return 'protocol';
	if (top === 'server' && second === 'src') {
		if (parts.length === 3) return GROUND.has(third.replace(/\.[jt]s$/, '')) ? 'ground' : 'roof';
		if (third === 'domain') {
			if (parts.length === 4) return 'domain';
			return DOMAIN_BASE.has(fourth) ? `domain/${fourth}` : `domain/${fourth}:feature`;
		}
		return third in FLOORS ? third : null;
	}
	if (top === 'simulators') return second === 'launch' ? 'launch' : 'simulators';
	if (top === 'floorplans' || top === 'dashboard') return top;
	return null;
}

/** @param {string} floor */
const rulesOf = (floor) => FLOORS[floor.endsWith(':feature') ? 'domain/feature' : floor] ?? [];
/** @param {string} floor */
const isDomain = (floor) => floor === 'domain' || floor.startsWith('domain/');

/**
 * Whether a file on `from` may import one on `to`; a spec may also drive the whole domain.
 * @param {string} from
 * @param {string | null} to
 * @param {{ spec?: boolean }} [options]
 */
export function mayImport(from, to, { spec = false } = {}) {
	if (to === null || from === to) return true;
	if (spec && isDomain(from) && isDomain(to)) return true;
	return rulesOf(from).some((allowed) => allowed === to || (allowed === 'domain' && isDomain(to)) || (allowed === 'domain/*' && to.startsWith('domain/')));
}

/** @type {Record<string, string>} */
const ALIASES = { $protocol: 'server/protocol', $lib: 'dashboard/lib' };

/**
 * @param {string} filename
 * @param {string} source
 */
function targetOf(filename, source) {
	if (source.startsWith('.')) return path.relative(ROOT, path.resolve(path.dirname(filename), source));
	const [alias = '', ...rest] = source.split('/');
	if (alias in ALIASES) return [ALIASES[alias], ...rest].join('/');
	return null;
}

/** @param {string} floor */
const display = (floor) => floor.replace(':feature', '');

/** @type {import('eslint').Rule.RuleModule} */
const layers = {
	meta: {
		type: 'problem',
		docs: { description: 'Floors import downwards only (README.md, "The house")' },
		messages: { upward: '{{from}} may not import {{to}} ({{source}}): {{from}} may import {{allowed}}. See "The house" in README.md.' },
		schema: []
	},
	create(context) {
		const filename = context.filename;
		const relative = path.relative(ROOT, filename);
		const from = floorOf(relative);
		if (from === null) return {};
		const spec = /\.(spec|test)\.ts$/.test(filename);
		/** @param {{ source?: import('estree').Node | null }} node */
		const check = (node) => {
			const source = node.source;
			if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
			const target = targetOf(filename, source.value);
			if (target === null) return;
			if (spec && target.startsWith('test/support')) return;
			const to = floorOf(target);
			if (to === null) {
				if (target.startsWith('server/') || target.startsWith('simulators/') || target.startsWith('test/')) {
					context.report({
						node: source,
						messageId: 'upward',
						data: { from: display(from), to: target, source: source.value, allowed: rulesOf(from).join(', ') || 'nothing' }
					});
				}
				return;
			}
			if (!mayImport(from, to, { spec })) {
				context.report({
					node: source,
					messageId: 'upward',
					data: { from: display(from), to: display(to), source: source.value, allowed: rulesOf(from).join(', ') || 'nothing' }
				});
			}
		};
		return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
	}
};

export default { rules: { layers } };
