import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { FloorFrames } from './floor-frames';
import type { RunningServer } from './running-server';

/**
 * The floor: a bare node:http ingest route and a bare Socket.IO server (same version,
 * websocket only, same buffer limit) broadcasting frames of the same shape to the same rooms,
 * with the same 50 ms batching, and no application in between.
 */
export async function startFloor(): Promise<RunningServer> {
	const http = createServer((req, res) => void answer(req, res));
	const io = new Server(http, { transports: ['websocket'], serveClient: false, maxHttpBufferSize: 64 * 1024 });
	const frames = new FloorFrames((schoolId, frame) => io.to(`school:${schoolId}`).emit('school:changed', frame));

	io.on('connection', (socket) => {
		const { schoolId } = socket.handshake.auth as { schoolId?: unknown };
		if (typeof schoolId === 'string') void socket.join(`school:${schoolId}`);
	});

	async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
		if (req.method !== 'POST' || req.url !== '/api/v1/events') {
			res.writeHead(404).end();
			return;
		}
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const { accepted, positions } = frames.ingest(JSON.parse(Buffer.concat(chunks).toString('utf8')));
		const answerBody = JSON.stringify({ ok: true, data: { accepted, duplicates: 0, positions } });
		res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answerBody) });
		res.end(answerBody);
	}

	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	return {
		port: (http.address() as AddressInfo).port,
		async close() {
			frames.close();
			await io.close();
		}
	};
}
