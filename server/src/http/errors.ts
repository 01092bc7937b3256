import type { ErrorRequestHandler, Response } from 'express';
import { limitIssues, type ApiError, type ApiIssue, type ErrorCode } from '../../protocol';
import type { Logger } from '../logger';
import { requestLogOf } from './request-log';

const STATUS: Record<ErrorCode, number> = {
	invalid_body: 400,
	invalid_query: 400,
	body_too_large: 413,
	not_found: 404,
	store_unavailable: 503,
	internal: 500,
	invalid_transition: 409,
	unknown_request: 404,
	staff_unavailable: 409,
	room_full: 409,
	unauthenticated: 401,
	forbidden: 403,
	locked: 423,
	rate_limited: 429
};

/** An error answer; of many issues, the first 100 are listed and the rest counted (`moreIssues`). */
export function sendError(res: Response, code: ErrorCode, message: string, issues?: readonly ApiIssue[]): void {
	const body: ApiError = { ok: false, code, message, ...(issues ? limitIssues(issues) : {}) };
	res.locals.errorCode = code;
	res.status(STATUS[code]).json(body);
}

/** The code of the error this answer sent, if it sent one. */
export const errorCodeOf = (res: Response): ErrorCode | undefined => res.locals.errorCode as ErrorCode | undefined;

/** The store could not take the write: nothing was stored, and the sender may try again shortly. */
export function sendStoreUnavailable(res: Response): void {
	res.setHeader('Retry-After', '5');
	sendError(res, 'store_unavailable', 'the event log cannot take writes now; nothing was stored');
}

/** The last word on any error: a JSON answer with a code, never a stack, never a crash. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
	return (err: unknown, _req, res, next) => {
		if (res.headersSent) return next(err);
		const type = (err as { type?: string } | null)?.type;
		if (type === 'entity.too.large') return sendError(res, 'body_too_large', 'the body is larger than the server accepts');
		if (type === 'entity.parse.failed') return sendError(res, 'invalid_body', 'the body is not valid JSON (an object or an array)');
		if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
			return sendError(res, 'invalid_body', 'the body must be UTF-8 JSON');
		}
		const status = (err as { status?: number } | null)?.status;
		if (status !== undefined && status >= 400 && status < 500) return sendError(res, 'invalid_body', 'the body could not be read');
		requestLogOf(res, logger).error('request failed', err);
		sendError(res, 'internal', 'the server could not handle this request');
	};
}
