import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';

/** Counts the bytes of each school's frames as they are encoded for its sockets. */
export type FrameBytes = (schoolId: string, bytes: number) => void;

/**
 * Socket.IO's own parser, with frames (`school:changed`) encoded straight to text: they are
 * JSON throughout, so the walk looking for binary attachments that every packet gets is skipped,
 * and the text Socket.IO sends is the one whose bytes are counted, encoded once per broadcast.
 * Any other packet is encoded by Socket.IO's encoder unchanged.
 */
export function frameParser(counted?: FrameBytes): { Encoder: typeof Encoder; Decoder: typeof Decoder } {
	class FrameEncoder extends Encoder {
		override encode(packet: Packet): unknown[] {
			const data: unknown = packet.data;
			if (packet.type !== PacketType.EVENT || packet.nsp !== '/' || packet.id != null || !Array.isArray(data) || data[0] !== 'school:changed') {
				return super.encode(packet);
			}
			const text = `${PacketType.EVENT}${JSON.stringify(data)}`;
			const frame = data[1] as { schoolId?: unknown } | undefined;
			if (counted && typeof frame?.schoolId === 'string') counted(frame.schoolId, Buffer.byteLength(text));
			return [text];
		}
	}
	return { Encoder: FrameEncoder, Decoder };
}
