import { Encoder, PacketType } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { frameParser } from './frame-parser';

const frame = {
	schoolId: 'test-school',
	epoch: 'e',
	seq: 3,
	position: 9,
	at: '2026-12-03T09:00:00.000Z',
	changes: [{ feed: 'behaviour', upsert: [{ id: 'a', note: 'é ✓' }], remove: [] }]
};

describe('frameParser', () => {
	it('encodes a frame as Socket.IO does, and counts its bytes for its school', () => {
		const counted: [string, number][] = [];
		const { Encoder: FrameEncoder } = frameParser((school, bytes) => counted.push([school, bytes]));
		const packet = { type: PacketType.EVENT, nsp: '/', data: ['school:changed', frame] };
		const ours = new FrameEncoder().encode(packet);
		expect(ours).toEqual(new Encoder().encode(packet));
		expect(counted).toEqual([['test-school', Buffer.byteLength(ours[0] as string)]]);
	});

	it('leaves every other packet to Socket.IO: other events, acks, other namespaces, binary', () => {
		const counted: unknown[] = [];
		const { Encoder: FrameEncoder } = frameParser((...args) => counted.push(args));
		const packets = [
			{ type: PacketType.EVENT, nsp: '/', data: ['server:heartbeat', { at: 'x' }] },
			{ type: PacketType.ACK, nsp: '/', id: 4, data: [{ ok: true }] },
			{ type: PacketType.EVENT, nsp: '/admin', data: ['school:changed', frame] },
			{ type: PacketType.EVENT, nsp: '/', id: 7, data: ['school:changed', frame] },
			{ type: PacketType.EVENT, nsp: '/', data: ['file', Buffer.from('abc')] }
		];
		for (const packet of packets) expect(new FrameEncoder().encode(packet)).toEqual(new Encoder().encode(packet));
		expect(counted).toEqual([]);
	});
});
