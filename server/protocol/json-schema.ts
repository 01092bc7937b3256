import { z } from 'zod';
import { InboundEvent } from './events';
import { FloorplanFile } from './floorplan';
import { ApiError, Delta, Heartbeat, ImportBody, ImportResult, IngestBody, IngestResult, Snapshot, SocketAuth } from './messages';
import { HotspotsReport, LatenessReport, TruancyReport } from './reports';

/** The wire contract as JSON Schema (draft 2020-12), served at `GET /api/v1/schema`. */
export function contractJsonSchema() {
	const input = { io: 'input', unrepresentable: 'any' } as const;
	const output = { io: 'output', unrepresentable: 'any' } as const;
	return {
		$schema: 'https://json-schema.org/draft/2020-12/schema',
		title: 'Lookout wire contract',
		version: 1,
		schemas: {
			InboundEvent: z.toJSONSchema(InboundEvent, input),
			IngestBody: z.toJSONSchema(IngestBody, input),
			IngestResult: z.toJSONSchema(IngestResult, output),
			ApiError: z.toJSONSchema(ApiError, output),
			Snapshot: z.toJSONSchema(Snapshot, output),
			Delta: z.toJSONSchema(Delta, output),
			Heartbeat: z.toJSONSchema(Heartbeat, output),
			SocketAuth: z.toJSONSchema(SocketAuth, input),
			ImportBody: z.toJSONSchema(ImportBody, input),
			ImportResult: z.toJSONSchema(ImportResult, output),
			LatenessReport: z.toJSONSchema(LatenessReport, output),
			TruancyReport: z.toJSONSchema(TruancyReport, output),
			HotspotsReport: z.toJSONSchema(HotspotsReport, output),
			FloorplanFile: z.toJSONSchema(FloorplanFile, input)
		}
	};
}
