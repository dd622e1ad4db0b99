import {
  ConfigurationError,
  PayloadTooLargeError,
  type RedactedExchange,
  readBodyWithLimit,
  redactHeaders,
} from "@org/ats-core";
import type { Dispatcher } from "undici";
import type { z } from "zod";
import { ASSUMED_BASE_URL, authHeaders, fieldErrorsFrom, HEADERS } from "./contract";
import {
  TopCvAuthError,
  TopCvNetworkError,
  TopCvNotFoundError,
  TopCvRateLimitError,
  TopCvResponseShapeError,
  TopCvResponseTooLargeError,
  TopCvServerError,
  TopCvTimeoutError,
  TopCvValidationError,
} from "./errors";
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
} from "./retry-policy";

/**
 * A `fetch`-compatible function: the global one (default; what msw intercepts), undici's, or a test
 * double. `dispatcher` is passed through for undici's `Agent`/`Pool` (Node's global fetch is undici).
 */
export type FetchLike = (
  input: string,
  init: RequestInit & { dispatcher?: Dispatcher | undefined },
) => Promise<Response>;

/** Waits `ms` milliseconds (inject a fake so tests do not wait); rejects when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Told before each retry: which attempt failed, why, and how long the client waits. */
export interface RetryNotice {
  attempt: number;
  delayMs: number;
  reason: string;
  method: string;
  url: string;
}

/** Settings of {@link TopCvHttp}: one employer's credentials and how calls behave. */
export interface TopCvHttpOptions {
  /** TopCV's "Access Token" (= "Employer API Key", seed 002_5326164b08f43035.txt). */
  accessToken: string;
  /** TopCV's "Secret Key" (seed 002_5326164b08f43035.txt). */
  secretKey: string;
  /** Base URL of the partner API. Default the contract's placeholder `ASSUMED_BASE_URL`. */
  baseUrl?: string;
  /** Default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** An undici `Agent` or `Pool` for connection reuse (and proxies), passed to `fetch` as `dispatcher`. */
  dispatcher?: Dispatcher;
  /** Largest answer read, in bytes (CVs included). Default 20 MB. */
  maxResponseBytes?: number;
  /** Per-attempt timeout in ms (the whole answer, body included). Default 15 000. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: Sleep;
  clock?: () => Date;
  /** A number in [0, 1), for the backoff jitter. Default `Math.random`. */
  random?: () => number;
  onRetry?: (notice: RetryNotice) => void;
}

/** One call. */
export interface TopCvHttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** A path under the base URL, or an absolute URL (e.g. a CV download link). */
  path: string;
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Makes a POST/PATCH retryable: sent as the idempotency header, the same on every attempt. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** A successful answer, with what is needed for a log. */
export interface TopCvHttpResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  /** The JSON request body as sent (no credentials are in bodies). */
  requestBody: string | undefined;
  /** The exchange with credentials redacted. */
  exchange: RedactedExchange;
  attempts: number;
}

const IDEMPOTENT_METHODS = new Set(["GET", "PUT", "DELETE"]);
const MAX_LOGGED_BODY = 2000;

const defaultSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/** Thrown inside one attempt: the answer is over the size limit. */
class TooLarge {
  constructor(readonly response: Response) {}
}

/** Thrown inside one attempt: no answer arrived. */
class NoAnswer {
  constructor(
    readonly kind: "timeout" | "network",
    readonly cause: unknown,
  ) {}
}

/**
 * The HTTP core every TopCV call goes through, for one employer: authentication headers from the
 * contract, a timeout per attempt, retries with exponential backoff and jitter on 429, 5xx and
 * network failures — honouring `Retry-After` — but only for idempotent calls (GET, PUT, DELETE) or
 * calls with an idempotency key, and typed errors carrying the exchange with credentials redacted.
 */
export class TopCvHttp {
  /** The base URL in use. */
  readonly baseUrl: string;
  private readonly credentials: { accessToken: string; secretKey: string };
  private readonly fetch: FetchLike;
  private readonly dispatcher: Dispatcher | undefined;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly policy: RetryPolicy;
  private readonly sleep: Sleep;
  private readonly clock: () => Date;
  private readonly random: () => number;
  private readonly onRetry: ((notice: RetryNotice) => void) | undefined;

  /** @throws ConfigurationError when a credential is empty, the base URL is not http(s), or a number is out of range. */
  constructor(options: TopCvHttpOptions) {
    for (const setting of ["accessToken", "secretKey"] as const) {
      if (typeof options[setting] !== "string" || options[setting].trim() === "")
        throw new ConfigurationError(
          setting,
          `The ${setting === "accessToken" ? "Access Token" : "Secret Key"} is empty. Copy it from TopCV (Cài đặt tài khoản → Kết nối API).`,
        );
    }
    const baseUrl = (options.baseUrl ?? ASSUMED_BASE_URL).replace(/\/+$/, "");
    if (!/^https?:\/\/[^/]/.test(baseUrl) || !URL.canParse(baseUrl))
      throw new ConfigurationError("baseUrl", `baseUrl must be an http(s) URL; got "${options.baseUrl}"`);
    const timeoutMs = options.timeoutMs ?? 15_000;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
      throw new ConfigurationError("timeoutMs", `timeoutMs must be a positive number; got ${timeoutMs}`);
    const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1)
      throw new ConfigurationError(
        "retry.maxAttempts",
        `retry.maxAttempts must be a whole number ≥ 1 (1 = no retries); got ${policy.maxAttempts}`,
      );
    this.baseUrl = baseUrl;
    this.credentials = { accessToken: options.accessToken, secretKey: options.secretKey };
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.dispatcher = options.dispatcher;
    this.timeoutMs = timeoutMs;
    this.maxResponseBytes = options.maxResponseBytes ?? 20 * 1024 * 1024;
    this.policy = policy;
    this.sleep = options.sleep ?? defaultSleep;
    this.clock = options.clock ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.onRetry = options.onRetry;
  }

  /** Sends a call and parses its JSON answer with `schema` (a contract response schema). */
  async json<S extends z.ZodType>(
    request: TopCvHttpRequest,
    schema: S,
  ): Promise<{ data: z.output<S>; response: TopCvHttpResponse }> {
    const response = await this.send(request);
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(response.bytes));
    } catch (cause) {
      throw new TopCvResponseShapeError(response.exchange, "the body is not JSON", { cause });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
        .join("; ");
      throw new TopCvResponseShapeError(response.exchange, problems, { cause: parsed.error });
    }
    return { data: parsed.data, response };
  }

  /** Sends a call, retrying as the policy allows; resolves with a 2xx answer or throws a typed error. */
  async send(request: TopCvHttpRequest): Promise<TopCvHttpResponse> {
    const url = this.urlOf(request);
    const headers: Record<string, string> = { accept: "application/json" };
    // Credentials go only to TopCV's API origin, never to a download host named in a webhook.
    const withCredentials = new URL(url).origin === new URL(this.baseUrl).origin;
    if (withCredentials) Object.assign(headers, authHeaders(this.credentials));
    const requestBody = request.body === undefined ? undefined : JSON.stringify(request.body);
    if (requestBody !== undefined) headers["content-type"] = "application/json";
    if (request.idempotencyKey !== undefined) headers[HEADERS.idempotencyKey] = request.idempotencyKey;
    const retryable = IDEMPOTENT_METHODS.has(request.method) || request.idempotencyKey !== undefined;
    const baseExchange = { method: request.method, url, requestHeaders: redactHeaders(headers) };

    for (let attempt = 1; ; attempt++) {
      const canRetry = retryable && attempt < this.policy.maxAttempts;
      let response: Response;
      let bytes: Uint8Array;
      try {
        ({ response, bytes } = await this.attempt(url, request, headers, requestBody, withCredentials));
      } catch (failure) {
        if (failure instanceof TooLarge)
          throw new TopCvResponseTooLargeError(
            { ...baseExchange, status: failure.response.status },
            this.maxResponseBytes,
          );
        if (!(failure instanceof NoAnswer)) throw failure;
        const error =
          failure.kind === "timeout"
            ? new TopCvTimeoutError(baseExchange, this.timeoutMs, { cause: failure.cause })
            : new TopCvNetworkError(baseExchange, { cause: failure.cause });
        if (!canRetry) throw error;
        await this.wait(attempt, backoffDelay(attempt, this.policy, this.random()), failure.kind, request);
        continue;
      }
      const exchange: RedactedExchange = {
        ...baseExchange,
        status: response.status,
        responseBody: summariseBody(bytes, response.headers.get("content-type")),
      };
      if (response.ok)
        return {
          status: response.status,
          headers: response.headers,
          bytes,
          requestBody,
          exchange,
          attempts: attempt,
        };

      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), this.clock());
      if (canRetry && isRetryableStatus(response.status)) {
        const waitable = retryAfterMs === undefined || retryAfterMs <= this.policy.maxRetryAfterMs;
        if (waitable) {
          const delay = retryAfterMs ?? backoffDelay(attempt, this.policy, this.random());
          await this.wait(attempt, delay, `HTTP ${response.status}`, request);
          continue;
        }
      }
      throw errorForStatus(exchange, bytes, retryAfterMs);
    }
  }

  private urlOf(request: TopCvHttpRequest): string {
    const url = /^https?:\/\//i.test(request.path)
      ? new URL(request.path)
      : new URL(this.baseUrl + (request.path.startsWith("/") ? request.path : `/${request.path}`));
    for (const [name, value] of Object.entries(request.query ?? {}))
      if (value !== undefined) url.searchParams.set(name, String(value));
    return url.toString();
  }

  private async attempt(
    url: string,
    request: TopCvHttpRequest,
    headers: Record<string, string>,
    body: string | undefined,
    withCredentials: boolean,
  ): Promise<{ response: Response; bytes: Uint8Array }> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    // A redirect would carry the Secret Key header to wherever it points: API calls do not follow
    // redirects (a 3xx is reported as an error). Download links may redirect; they carry no credentials.
    const redirect = withCredentials ? "manual" : "follow";
    const init: RequestInit & { dispatcher?: Dispatcher } = {
      method: request.method,
      headers,
      signal,
      redirect,
    };
    if (body !== undefined) init.body = body;
    if (this.dispatcher !== undefined) init.dispatcher = this.dispatcher;
    try {
      const response = await this.fetch(url, init);
      // The timeout covers the body too: a server that stalls mid-body is no answer either.
      const bytes = await readLimited(response, this.maxResponseBytes);
      return { response, bytes };
    } catch (cause) {
      if (cause instanceof TooLarge) throw cause;
      if (request.signal?.aborted) throw request.signal.reason;
      if (timeout.aborted) throw new NoAnswer("timeout", cause);
      throw new NoAnswer("network", cause);
    }
  }

  private async wait(attempt: number, delayMs: number, reason: string, request: TopCvHttpRequest) {
    this.onRetry?.({ attempt, delayMs, reason, method: request.method, url: this.urlOf(request) });
    await this.sleep(delayMs, request.signal);
  }
}

async function readLimited(response: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    // Not awaited: some fetch implementations settle a cancel only once the peer closes.
    void response.body?.cancel().catch(() => undefined);
    throw new TooLarge(response);
  }
  if (response.body === null) return new Uint8Array();
  try {
    return await readBodyWithLimit(response.body, limit);
  } catch (error) {
    if (PayloadTooLargeError.is(error)) throw new TooLarge(response);
    throw error;
  }
}

function summariseBody(bytes: Uint8Array, contentType: string | null): string {
  if (bytes.length === 0) return "";
  if (contentType !== null && !/json|text|xml/i.test(contentType))
    return `[${bytes.length} bytes of ${contentType}]`;
  const text = new TextDecoder().decode(bytes.subarray(0, MAX_LOGGED_BODY * 4));
  return text.length > MAX_LOGGED_BODY ? `${text.slice(0, MAX_LOGGED_BODY)}…` : text;
}

function errorForStatus(exchange: RedactedExchange, bytes: Uint8Array, retryAfterMs: number | undefined) {
  const status = exchange.status ?? 0;
  if (status === 401 || status === 403) return new TopCvAuthError(exchange);
  if (status === 404) return new TopCvNotFoundError(exchange);
  if (status === 429) return new TopCvRateLimitError(exchange, retryAfterMs);
  if (status === 400 || status === 422) {
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      body = undefined;
    }
    return new TopCvValidationError(exchange, fieldErrorsFrom(body));
  }
  return new TopCvServerError(exchange);
}
