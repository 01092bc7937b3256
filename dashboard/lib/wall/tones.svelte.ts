import type { Tone } from './interrupt';

/** Notes of each tone: a call rises, an escalation is three sharp high notes. Both under a second. */
const NOTES: Record<Tone, { hz: number; at: number; length: number }[]> = {
	call: [
		{ hz: 660, at: 0, length: 0.22 },
		{ hz: 880, at: 0.28, length: 0.3 }
	],
	escalation: [
		{ hz: 1175, at: 0, length: 0.14 },
		{ hz: 1175, at: 0.2, length: 0.14 },
		{ hz: 1175, at: 0.4, length: 0.14 }
	]
};

/**
 * The wall's sound. Browsers only let a page make sound after a tap, so it is armed by one tap
 * at boot and stays muted (and says so) until then. Each tone plays once; nothing loops.
 */
export class WallTones {
	armed = $state(false);
	#context: AudioContext | null = null;

	/** Call from the tap's handler. */
	arm(): void {
		this.#context ??= new AudioContext();
		void this.#context.resume().then(() => (this.armed = this.#context?.state === 'running'));
	}

	play(tone: Tone): void {
		const context = this.#context;
		if (!context || !this.armed) return;
		const start = context.currentTime + 0.02;
		for (const note of NOTES[tone]) {
			const oscillator = context.createOscillator();
			const gain = context.createGain();
			oscillator.type = 'square';
			oscillator.frequency.value = note.hz;
			gain.gain.setValueAtTime(0.18, start + note.at);
			gain.gain.exponentialRampToValueAtTime(0.001, start + note.at + note.length);
			oscillator.connect(gain).connect(context.destination);
			oscillator.start(start + note.at);
			oscillator.stop(start + note.at + note.length);
			oscillator.onended = () => gain.disconnect();
		}
	}

	close(): void {
		void this.#context?.close();
		this.#context = null;
		this.armed = false;
	}
}
