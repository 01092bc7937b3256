/** Secondary panels take turns in one place; what matters most never rotates away. */
export class Rotation<T> {
	index = $state(0);

	constructor(
		readonly items: readonly T[],
		private readonly everyMs: number
	) {}

	get current(): T {
		return this.items[this.index % this.items.length] as T;
	}

	start(): () => void {
		const timer = setInterval(() => (this.index = (this.index + 1) % this.items.length), this.everyMs);
		return () => clearInterval(timer);
	}
}
