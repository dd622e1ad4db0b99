/** How calls are retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. Default 4. */
  maxAttempts: number;
  /** Backoff before the second attempt, doubled for each further one. Default 500 ms. */
  baseDelayMs: number;
  /** Cap of one backoff. Default 30 s. */
  maxDelayMs: number;
  /** Longest `Retry-After` honoured by waiting; a longer one ends the call with the rate-limit error. Default 60 s. */
  maxRetryAfterMs: number;
}

/** The default {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
});

/**
 * Backoff before attempt `attempt + 1` (attempt 1 is the first call): exponential, capped, with
 * "equal jitter" — half fixed, half random — so that many tenants retrying together spread out
 * while the wait never collapses to zero.
 *
 * @param random a number in [0, 1) (inject for tests)
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random * (exponential / 2));
}

/**
 * Reads `Retry-After` (RFC 9110: delay in seconds, or an HTTP date) as milliseconds from `now`.
 * `undefined` when absent or unreadable; a date in the past gives 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** Statuses worth another attempt: 408, 429 and 5xx except 501 (not implemented will stay so). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599 && status !== 501);
}
