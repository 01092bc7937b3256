import type { Limits } from '../../server/src/http/limits';

/**
 * Rate limits far above any load the bench makes, so the figures are the server's throughput
 * and not the limiter's ceiling; the limiter itself still runs on every call.
 */
export const BENCH_LIMITS: Limits = { ingestPerMinute: 100_000_000, signInPerMinute: 100_000 };
