import { ConfigurationError, HttpError } from "@org/ats-core";
import { delay, HttpResponse, http } from "msw";
import { Agent } from "undici";
import { describe, expect, it } from "vitest";
import { EmployerResponseSchema, PATHS } from "./contract";
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
import { CREDENTIALS, recordingSleep, TEST_BASE_URL, useContractMock } from "./test-server";
import { TopCvHttp, type TopCvHttpOptions } from "./topcv-http";

const api = useContractMock();

function client(overrides: Partial<TopCvHttpOptions> = {}) {
  const { delays, sleep } = recordingSleep();
  const http = new TopCvHttp({
    ...CREDENTIALS,
    baseUrl: TEST_BASE_URL,
    sleep,
    random: () => 0.5,
    ...overrides,
  });
  return { http, delays };
}

const JOB_BODY = {
  title: "Nhân viên kinh doanh",
  company_name: "Công ty Mẫu",
  description: "<p>Mô tả</p>",
  requirements: "<p>Yêu cầu</p>",
  benefits: "<p>Quyền lợi</p>",
  job_type: "full_time",
  locations: [{ province: "Hà Nội" }],
  category_ids: ["sales"],
  level: "staff",
  experience: "1_year",
  quantity: 2,
  deadline: "2026-12-31",
  salary: { type: "negotiable" },
  contact: { name: "Nguyễn Văn A", email: "hr@example.vn", phone: "+84901234567" },
};

describe("TopCvHttp", () => {
  it("sends the contract's auth headers and parses the answer", async () => {
    const { http: topcv } = client();
    const { data, response } = await topcv.json(
      { method: "GET", path: PATHS.employer },
      EmployerResponseSchema,
    );
    expect(data).toEqual({ id: "emp_1", companyName: "Công ty Mẫu" });
    expect(response.attempts).toBe(1);
    const sent = api.mock.requests[0]!;
    expect(sent.headers.authorization).toBe(`Bearer ${CREDENTIALS.accessToken}`);
    expect(sent.headers["x-topcv-secret-key"]).toBe(CREDENTIALS.secretKey);
    // The exchange kept for logs never holds the credentials.
    expect(JSON.stringify(response.exchange)).not.toContain(CREDENTIALS.accessToken);
    expect(JSON.stringify(response.exchange)).not.toContain(CREDENTIALS.secretKey);
  });

  it("401 → TopCvAuthError, an ats-core HttpError with the credentials redacted, not retried", async () => {
    const { http: topcv, delays } = client({ accessToken: "wrong-token" });
    const error = await topcv.send({ method: "GET", path: PATHS.employer }).catch((e: unknown) => e);
    expect(TopCvAuthError.is(error)).toBe(true);
    expect(HttpError.is(error)).toBe(true);
    const authError = error as TopCvAuthError;
    expect(authError.code).toBe("auth_failed");
    expect(authError.status).toBe(401);
    expect(authError.exchange.requestHeaders.authorization).toBe("[redacted]");
    expect(authError.exchange.requestHeaders["x-topcv-secret-key"]).toBe("[redacted]");
    expect(authError.message).not.toContain("wrong-token");
    expect(authError.message).toContain("Kết nối API");
    expect(delays).toEqual([]);
    expect(api.mock.requests).toHaveLength(1);
  });

  it("422 → TopCvValidationError listing TopCV's field errors in our field names", async () => {
    const { http: topcv } = client();
    const { quantity: _q, level: _l, ...incomplete } = JOB_BODY;
    const error = await topcv
      .send({ method: "POST", path: PATHS.jobs, body: incomplete, idempotencyKey: "k1" })
      .catch((e: unknown) => e);
    expect(TopCvValidationError.is(error)).toBe(true);
    const fields = (error as TopCvValidationError).fieldErrors.map((f) => f.field).sort();
    expect(fields).toEqual(["headcount", "jobLevel"]);
    expect((error as TopCvValidationError).message).toMatch(/headcount: quantity is required/);
  });

  it("429 with Retry-After (seconds) waits exactly that long, then succeeds", async () => {
    const { http: topcv, delays } = client();
    api.mock.failNext({
      path: PATHS.employer,
      respond: () =>
        HttpResponse.json(
          { error: { code: "rate_limited" } },
          { status: 429, headers: { "retry-after": "7" } },
        ),
    });
    const { response } = await topcv.json({ method: "GET", path: PATHS.employer }, EmployerResponseSchema);
    expect(delays).toEqual([7000]);
    expect(response.attempts).toBe(2);
  });

  it("429 with Retry-After as an HTTP date is measured from the injected clock", async () => {
    const now = new Date("2026-11-21T10:00:00Z");
    const { http: topcv, delays } = client({ clock: () => now });
    api.mock.failNext({
      respond: () =>
        new HttpResponse(null, { status: 429, headers: { "retry-after": "Sat, 21 Nov 2026 10:00:30 GMT" } }),
    });
    await topcv.send({ method: "GET", path: PATHS.employer });
    expect(delays).toEqual([30_000]);
  });

  it("429 with a Retry-After longer than the policy allows ends at once with the wait it asked for", async () => {
    const { http: topcv, delays } = client({ retry: { maxRetryAfterMs: 10_000 } });
    api.mock.failNext({
      respond: () => new HttpResponse(null, { status: 429, headers: { "retry-after": "3600" } }),
    });
    const error = await topcv.send({ method: "GET", path: PATHS.employer }).catch((e: unknown) => e);
    expect(TopCvRateLimitError.is(error)).toBe(true);
    expect((error as TopCvRateLimitError).retryAfterMs).toBe(3_600_000);
    expect((error as TopCvRateLimitError).code).toBe("rate_limited");
    expect(delays).toEqual([]);
  });

  it("500 is retried with exponential backoff and jitter, then reported as TopCvServerError", async () => {
    const { http: topcv, delays } = client({ retry: { maxAttempts: 4, baseDelayMs: 100 } });
    for (let i = 0; i < 4; i++)
      api.mock.failNext({
        respond: () => HttpResponse.json({ error: { message: "boom" } }, { status: 500 }),
      });
    const error = await topcv.send({ method: "GET", path: PATHS.employer }).catch((e: unknown) => e);
    expect(TopCvServerError.is(error)).toBe(true);
    expect((error as TopCvServerError).status).toBe(500);
    expect((error as TopCvServerError).exchange.responseBody).toContain("boom");
    // random() = 0.5 → three quarters of 100, 200, 400.
    expect(delays).toEqual([75, 150, 300]);
    expect(api.mock.requests).toHaveLength(4);
  });

  it("a 503 followed by success is invisible to the caller", async () => {
    const { http: topcv } = client();
    api.mock.failNext({ respond: () => new HttpResponse(null, { status: 503 }) });
    const { response } = await topcv.json({ method: "GET", path: PATHS.employer }, EmployerResponseSchema);
    expect(response.attempts).toBe(2);
  });

  it("never retries a POST without an idempotency key", async () => {
    const { http: topcv, delays } = client();
    api.mock.failNext({ respond: () => new HttpResponse(null, { status: 503 }) });
    const error = await topcv
      .send({ method: "POST", path: PATHS.jobs, body: JOB_BODY })
      .catch((e: unknown) => e);
    expect(TopCvServerError.is(error)).toBe(true);
    expect(delays).toEqual([]);
    expect(api.mock.requests).toHaveLength(1);
  });

  it("retries a POST with an idempotency key, sending the same key each time, and creates one job", async () => {
    const { http: topcv } = client();
    api.mock.failNext({ respond: () => new HttpResponse(null, { status: 502 }) });
    api.mock.failNext({ respond: () => api.networkError() });
    const response = await topcv.send({
      method: "POST",
      path: PATHS.jobs,
      body: JOB_BODY,
      idempotencyKey: "idem-1",
    });
    expect(response.status).toBe(201);
    expect(api.mock.requests.map((r) => r.headers["idempotency-key"])).toEqual([
      "idem-1",
      "idem-1",
      "idem-1",
    ]);
    const list = await topcv.send({ method: "GET", path: PATHS.jobs });
    expect(JSON.parse(new TextDecoder().decode(list.bytes)).data).toHaveLength(1);
  });

  it("network errors are retried, then reported as TopCvNetworkError", async () => {
    const { http: topcv, delays } = client({ retry: { maxAttempts: 2 } });
    api.mock.failNext({ respond: () => api.networkError() });
    api.mock.failNext({ respond: () => api.networkError() });
    const error = await topcv.send({ method: "GET", path: PATHS.employer }).catch((e: unknown) => e);
    expect(TopCvNetworkError.is(error)).toBe(true);
    expect(delays).toHaveLength(1);
  });

  it("a call that gets no answer in time → TopCvTimeoutError (after retrying an idempotent call)", async () => {
    const { http: topcv, delays } = client({ timeoutMs: 30, retry: { maxAttempts: 2 } });
    api.server.use(
      http.get(`${TEST_BASE_URL}${PATHS.employer}`, async () => {
        await delay("infinite");
        return new HttpResponse(null);
      }),
    );
    const error = await topcv.send({ method: "GET", path: PATHS.employer }).catch((e: unknown) => e);
    expect(TopCvTimeoutError.is(error)).toBe(true);
    expect((error as TopCvTimeoutError).code).toBe("timeout");
    expect((error as TopCvTimeoutError).timeoutMs).toBe(30);
    expect(delays).toHaveLength(1);
  });

  it("a caller's abort is not turned into a retry", async () => {
    const { http: topcv, delays } = client();
    api.server.use(
      http.get(`${TEST_BASE_URL}${PATHS.employer}`, async () => {
        await delay("infinite");
        return new HttpResponse(null);
      }),
    );
    const controller = new AbortController();
    const pending = topcv.send({ method: "GET", path: PATHS.employer, signal: controller.signal });
    controller.abort(new Error("user cancelled"));
    await expect(pending).rejects.toThrow("user cancelled");
    expect(delays).toEqual([]);
  });

  it("404 → TopCvNotFoundError", async () => {
    const { http: topcv } = client();
    const error = await topcv.send({ method: "GET", path: PATHS.job("9999") }).catch((e: unknown) => e);
    expect(TopCvNotFoundError.is(error)).toBe(true);
    expect((error as TopCvNotFoundError).code).toBe("not_found");
  });

  it("a 2xx body outside the assumed contract → TopCvResponseShapeError naming the contract module", async () => {
    const { http: topcv } = client();
    api.mock.failNext({ respond: () => HttpResponse.json({ employer: "?" }) });
    const error = await topcv
      .json({ method: "GET", path: PATHS.employer }, EmployerResponseSchema)
      .catch((e: unknown) => e);
    expect(TopCvResponseShapeError.is(error)).toBe(true);
    expect((error as Error).message).toContain("src/contract.ts");
  });

  it("passes an undici Agent as the dispatcher for connection reuse", async () => {
    const agent = new Agent({ keepAliveTimeout: 1000 });
    const seen: unknown[] = [];
    const { http: topcv } = client({
      dispatcher: agent,
      fetch: (input, init) => {
        seen.push(init.dispatcher);
        return globalThis.fetch(input, init);
      },
    });
    await topcv.send({ method: "GET", path: PATHS.employer });
    expect(seen).toEqual([agent]);
    await agent.close();
  });

  it("does not send credentials to a host other than the API's (e.g. a CV link)", async () => {
    const { http: topcv } = client();
    const link = api.mock.issueCvLink(new TextEncoder().encode("%PDF-1.4"));
    await topcv.send({ method: "GET", path: link });
    const sent = api.mock.requests[0]!;
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.headers["x-topcv-secret-key"]).toBeUndefined();
  });

  it("does not follow a redirect from the API (it would carry the Secret Key elsewhere)", async () => {
    const { http: topcv } = client();
    api.mock.failNext({
      path: PATHS.employer,
      respond: () =>
        new HttpResponse(null, { status: 302, headers: { location: "https://elsewhere.test/steal" } }),
    });
    const error = await topcv.send({ method: "GET", path: PATHS.employer }).catch((e: unknown) => e);
    expect(TopCvServerError.is(error)).toBe(true);
    expect((error as TopCvServerError).status).toBe(302);
    expect(api.mock.requests).toHaveLength(1);
  });

  it("stops reading an answer over maxResponseBytes (e.g. a huge CV) → TopCvResponseTooLargeError, not retried", async () => {
    const { http: topcv, delays } = client({ maxResponseBytes: 1024 });
    const link = api.mock.issueCvLink(new Uint8Array(4096));
    const error = await topcv.send({ method: "GET", path: link }).catch((e: unknown) => e);
    expect(TopCvResponseTooLargeError.is(error)).toBe(true);
    expect((error as TopCvResponseTooLargeError).code).toBe("payload_too_large");
    expect(delays).toEqual([]);
    // Streamed without a declared length, the limit still holds.
    api.mock.failNext({
      path: PATHS.employer,
      respond: () =>
        new HttpResponse(
          new ReadableStream({
            start(controller) {
              for (let i = 0; i < 8; i++) controller.enqueue(new Uint8Array(512));
              controller.close();
            },
          }),
        ),
    });
    const streamed = await topcv.send({ method: "GET", path: PATHS.employer }).catch((e: unknown) => e);
    expect(TopCvResponseTooLargeError.is(streamed)).toBe(true);
  });

  it("refuses empty credentials and bad settings with a ConfigurationError naming the setting", () => {
    expect(() => new TopCvHttp({ accessToken: "", secretKey: "s" })).toThrow(/Access Token is empty/);
    const error = (() => {
      try {
        new TopCvHttp({ ...CREDENTIALS, baseUrl: "ftp://x" });
      } catch (e) {
        return e;
      }
    })();
    expect(ConfigurationError.is(error)).toBe(true);
    expect((error as ConfigurationError).setting).toBe("baseUrl");
    expect(() => new TopCvHttp({ ...CREDENTIALS, retry: { maxAttempts: 0 } })).toThrow(/maxAttempts/);
  });
});
