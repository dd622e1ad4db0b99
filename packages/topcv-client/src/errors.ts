import { type AtsErrorOptions, HttpError, type RedactedExchange } from "@org/ats-core";
import type { TopCvFieldError } from "./contract";

/*
 * Errors of calls to TopCV. All are ats-core `HttpError`s carrying the exchange with credentials
 * redacted (ats-core `redactHeaders`); check them with `TopCvRateLimitError.is(err)` and friends,
 * which survive dual ESM/CJS loading where `instanceof` does not.
 */

/** 401/403: the Access Token or Secret Key was refused. */
export class TopCvAuthError extends HttpError {
  static override readonly brand: string = "@org/topcv-client:TopCvAuthError";

  constructor(exchange: RedactedExchange, options: AtsErrorOptions = {}) {
    super(
      "auth_failed",
      `TopCV refused the credentials (HTTP ${exchange.status}). Copy the Access Token and Secret Key again from TopCV (Cài đặt tài khoản → Kết nối API) and update the connection.`,
      exchange,
      options,
    );
  }
}

/** 400/422: TopCV refused the content; `fieldErrors` says which fields and why. */
export class TopCvValidationError extends HttpError {
  static override readonly brand: string = "@org/topcv-client:TopCvValidationError";
  /** Field-level problems, with field names mapped back to ours where the contract knows them. */
  readonly fieldErrors: readonly TopCvFieldError[];

  constructor(
    exchange: RedactedExchange,
    fieldErrors: readonly TopCvFieldError[],
    options: AtsErrorOptions = {},
  ) {
    const list = fieldErrors.map((error) => `  - ${error.field}: ${error.message}`).join("\n");
    super(
      "validation_failed",
      `TopCV refused the request (HTTP ${exchange.status})${list === "" ? "" : `:\n${list}`}\nCorrect the fields and send again.`,
      exchange,
      options,
    );
    this.fieldErrors = fieldErrors;
  }
}

/** 429 after the retries (or with a `Retry-After` longer than the client waits). */
export class TopCvRateLimitError extends HttpError {
  static override readonly brand: string = "@org/topcv-client:TopCvRateLimitError";
  /** What TopCV's `Retry-After` asked for, in milliseconds, when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(exchange: RedactedExchange, retryAfterMs: number | undefined, options: AtsErrorOptions = {}) {
    super(
      "rate_limited",
      `TopCV is rate limiting this employer (HTTP 429)${retryAfterMs === undefined ? "" : `; it asked to wait ${Math.ceil(retryAfterMs / 1000)} s`}. Try again later or send fewer requests.`,
      exchange,
      options,
    );
    this.retryAfterMs = retryAfterMs;
  }
}

/** 404: the posting (or path) does not exist for this employer. */
export class TopCvNotFoundError extends HttpError {
  static override readonly brand: string = "@org/topcv-client:TopCvNotFoundError";

  constructor(exchange: RedactedExchange, options: AtsErrorOptions = {}) {
    super(
      "not_found",
      `TopCV has no such resource for this employer (${exchange.method} ${exchange.url} → 404). Check the TopCV posting id.`,
      exchange,
      options,
    );
  }
}

/** 5xx (after the retries, for calls that may be retried), or another unexpected status. */
export class TopCvServerError extends HttpError {
  static override readonly brand: string = "@org/topcv-client:TopCvServerError";

  constructor(exchange: RedactedExchange, options: AtsErrorOptions = {}) {
    super(
      "http_error",
      `TopCV answered HTTP ${exchange.status} to ${exchange.method} ${exchange.url}. It is TopCV's side; try again later.`,
      exchange,
      options,
    );
  }
}

/** No answer within the timeout. */
export class TopCvTimeoutError extends HttpError {
  static override readonly brand: string = "@org/topcv-client:TopCvTimeoutError";
  readonly timeoutMs: number;

  constructor(exchange: RedactedExchange, timeoutMs: number, options: AtsErrorOptions = {}) {
    super(
      "timeout",
      `TopCV did not answer ${exchange.method} ${exchange.url} within ${timeoutMs} ms. Try again, or raise timeoutMs.`,
      exchange,
      options,
    );
    this.timeoutMs = timeoutMs;
  }
}

/** The connection failed (DNS, refused, reset) before any answer. */
export class TopCvNetworkError extends HttpError {
  static override readonly brand: string = "@org/topcv-client:TopCvNetworkError";

  constructor(exchange: RedactedExchange, options: AtsErrorOptions = {}) {
    super(
      "http_error",
      `Could not reach TopCV for ${exchange.method} ${exchange.url}: ${errorMessage(options.cause)}. Check the base URL and the network.`,
      exchange,
      options,
    );
  }
}

/** An answer (e.g. a CV) larger than the client accepts; it was not read to its end. */
export class TopCvResponseTooLargeError extends HttpError {
  static override readonly brand: string = "@org/topcv-client:TopCvResponseTooLargeError";
  /** The limit in bytes. */
  readonly limit: number;

  constructor(exchange: RedactedExchange, limit: number, options: AtsErrorOptions = {}) {
    super(
      "payload_too_large",
      `The answer to ${exchange.method} ${exchange.url} is larger than ${limit} bytes; raise maxResponseBytes if such files are expected.`,
      exchange,
      options,
    );
    this.limit = limit;
  }
}

/** A 2xx answer whose body is not in the assumed contract's shape (see docs/topcv-api.md (repository root)). */
export class TopCvResponseShapeError extends HttpError {
  static override readonly brand: string = "@org/topcv-client:TopCvResponseShapeError";

  constructor(exchange: RedactedExchange, problems: string, options: AtsErrorOptions = {}) {
    super(
      "http_error",
      `TopCV's answer to ${exchange.method} ${exchange.url} is not in the shape the contract assumes (${problems}). Align src/contract.ts with TopCV's specification.`,
      exchange,
      options,
    );
  }
}

function errorMessage(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    return inner instanceof Error ? `${cause.message} (${inner.message})` : cause.message;
  }
  return String(cause);
}
