/**
 * Statistical disclosure control for one breakdown whose total is known (the school's roll, the
 * removals on the page, or any other breakdown of the same pupils): the cells of one measure
 * across the groups of one characteristic.
 *
 * Primary cells are hidden because they are small (1 to `below` - 1) or belong to a group too
 * small to show. A lone hidden cell could be worked out by subtracting the others from the total,
 * and two hidden cells adding up to less than `below` would give away a small count between them,
 * so further cells are hidden (complementary, or secondary, suppression as the ONS and the DfE
 * practise it): the smallest cell with something in it first, since hiding a zero adds no doubt.
 *
 * @returns whether each cell is hidden, in the order given.
 */
export function complementarySuppression(values: readonly number[], primary: readonly boolean[], below: number): boolean[] {
	const hidden = values.map((_, i) => primary[i] === true);
	for (;;) {
		const idx = hidden.flatMap((h, i) => (h ? [i] : []));
		if (idx.length === 0 || idx.length === values.length) return hidden;
		const sum = idx.reduce((s, i) => s + (values[i] ?? 0), 0);
		if (idx.length >= 2 && sum >= below) return hidden;
		let next = -1;
		for (let i = 0; i < values.length; i++) {
			if (hidden[i]) continue;
			const v = values[i] ?? 0;
			const best = next === -1 ? null : (values[next] ?? 0);
			// The smallest non-zero cell; a zero only when nothing else is left.
			if (best === null || (best === 0 && v > 0) || (v > 0 && v < best)) next = i;
		}
		hidden[next] = true;
	}
}
