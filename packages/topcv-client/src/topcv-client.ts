import { bytesToHex, HttpError, type Job } from "@org/ats-core";
import {
  EmployerResponseSchema,
  JobListResponseSchema,
  JobResponseSchema,
  LIST_QUERY,
  PATHS,
  type TopCvEmployer,
  type TopCvPosting,
  toWireJob,
  toWirePartnerLink,
} from "./contract";
import { preparePosting, type TopCvPostingFields } from "./posting-fields";
import { loggedRequest, type PostingLog, type PostingLogEntry, summariseForLog } from "./posting-log";
import type { PostingStore } from "./posting-store";
import {
  TopCvHttp,
  type TopCvHttpOptions,
  type TopCvHttpRequest,
  type TopCvHttpResponse,
} from "./topcv-http";

/** Settings of {@link TopCvClient}: one employer's credentials, HTTP behaviour, and where postings and the log go. */
export interface TopCvClientOptions extends TopCvHttpOptions {
  /** The tenant's posted list; created, updated and linked postings are stored here. */
  postings: PostingStore;
  /** The tenant's posting log. */
  log: PostingLog;
  newId?: () => string;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * TopCV for one employer (one ATS tenant), built from the Access Token and Secret Key the employer
 * copies from TopCV (seed 002_5326164b08f43035.txt): verify the credentials, create, update and link
 * postings, list them with their review status, and download CVs.
 *
 * @example
 * const topcv = new TopCvClient({ accessToken, secretKey, baseUrl, postings, log });
 * const posting = await topcv.createPosting(job, { categoryIds: ["it-software"], jobLevel: "staff", ... });
 */
export class TopCvClient {
  /** The HTTP core (timeouts, retries, typed errors). */
  readonly http: TopCvHttp;
  private readonly postings: PostingStore;
  private readonly log: PostingLog;
  private readonly clock: () => Date;
  private readonly newId: () => string;

  /** @throws ConfigurationError for empty credentials or invalid HTTP settings. */
  constructor(options: TopCvClientOptions) {
    this.http = new TopCvHttp(options);
    this.postings = options.postings;
    this.log = options.log;
    this.clock = options.clock ?? (() => new Date());
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  /**
   * Checks the Access Token and Secret Key by asking who they belong to.
   *
   * @throws TopCvAuthError when TopCV refuses them.
   */
  async verifyCredentials(options: CallOptions = {}): Promise<TopCvEmployer> {
    const { data } = await this.http.json(
      withSignal({ method: "GET", path: PATHS.employer }, options),
      EmployerResponseSchema,
    );
    return data;
  }

  /**
   * Posts an ATS job on TopCV ("Đăng tin mới tại mạng tuyển dụng TopCV", seed 002_5326164b08f43035.txt):
   * fields prefilled from the job, plus the TopCV-only ones. Everything is checked before any call.
   * Sent with an idempotency key (by default derived from the job id and the content), so a retry
   * — or the same post sent twice — creates one posting.
   *
   * @throws ValidationError listing every missing field (`topcv.…`, `job.…`) — nothing is sent.
   * @throws TopCvValidationError when TopCV refuses fields; other `TopCv*Error`s for auth, rate limits, outages.
   */
  async createPosting(
    job: Job,
    fields: TopCvPostingFields,
    options: CallOptions & { idempotencyKey?: string } = {},
  ): Promise<TopCvPosting> {
    const body = toWireJob(preparePosting(job, fields));
    const idempotencyKey = options.idempotencyKey ?? (await contentKey("create", job.id, body));
    const request = withSignal({ method: "POST", path: PATHS.jobs, body, idempotencyKey }, options);
    return this.postingCall("create", job.id, null, request);
  }

  /**
   * Updates a posting from the ATS job ("Cập nhật thông tin tin tuyển dụng", seed
   * 002_5326164b08f43035.txt). A full replacement (PUT), so it is safe to retry.
   *
   * @throws ValidationError listing every missing field — nothing is sent.
   */
  async updatePosting(
    topcvJobId: string,
    job: Job,
    fields: TopCvPostingFields,
    options: CallOptions = {},
  ): Promise<TopCvPosting> {
    const body = toWireJob(preparePosting(job, fields));
    const request = withSignal({ method: "PUT", path: PATHS.job(topcvJobId), body }, options);
    return this.postingCall("update", job.id, topcvJobId, request);
  }

  /**
   * Links a posting that already exists on TopCV to an ATS job ("Thêm tin đã đăng", seed
   * 002_5326164b08f43035.txt), so that its applicants land in that job.
   *
   * @throws TopCvNotFoundError when the employer has no such posting.
   */
  async linkPosting(topcvJobId: string, atsJobId: string, options: CallOptions = {}): Promise<TopCvPosting> {
    const request = withSignal(
      { method: "PUT", path: PATHS.jobPartnerLink(topcvJobId), body: toWirePartnerLink(atsJobId) },
      options,
    );
    return this.postingCall("link", atsJobId, topcvJobId, request);
  }

  /** One posting with its current review status. */
  async getPosting(topcvJobId: string, options: CallOptions = {}): Promise<TopCvPosting> {
    const { data } = await this.http.json(
      withSignal({ method: "GET", path: PATHS.job(topcvJobId) }, options),
      JobResponseSchema,
    );
    return this.remember(data, undefined);
  }

  /**
   * Every posting of the employer with its status (pending, approved, rejected with the reason,
   * closed), page by page; the status of linked postings is refreshed in the posting store.
   */
  async listPostings(options: CallOptions & { pageSize?: number } = {}): Promise<TopCvPosting[]> {
    const all: TopCvPosting[] = [];
    let cursor: string | undefined;
    do {
      const { data } = await this.http.json(
        withSignal(
          {
            method: "GET",
            path: PATHS.jobs,
            query: { [LIST_QUERY.cursor]: cursor, [LIST_QUERY.limit]: options.pageSize ?? 50 },
          },
          options,
        ),
        JobListResponseSchema,
      );
      for (const posting of data.postings) all.push(await this.remember(posting, undefined, false));
      cursor = data.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return all;
  }

  /** Downloads a file (a CV link from a webhook). Retried as any GET; credentials are sent only to the API's host. */
  async download(
    url: string,
    options: CallOptions = {},
  ): Promise<{ bytes: Uint8Array; contentType: string }> {
    const response = await this.http.send(withSignal({ method: "GET", path: url }, options));
    return {
      bytes: response.bytes,
      contentType: response.headers.get("content-type")?.split(";")[0]?.trim() || "application/octet-stream",
    };
  }

  private async postingCall(
    operation: PostingLogEntry["operation"],
    atsJobId: string,
    topcvJobId: string | null,
    request: TopCvHttpRequest,
  ): Promise<TopCvPosting> {
    const requestBody = request.body === undefined ? undefined : JSON.stringify(request.body);
    let data: TopCvPosting;
    let response: TopCvHttpResponse;
    try {
      ({ data, response } = await this.http.json(request, JobResponseSchema));
    } catch (error) {
      await this.log.append(this.failureEntry(operation, atsJobId, topcvJobId, request, requestBody, error));
      throw error;
    }
    const posting = await this.remember(data, atsJobId);
    await this.log.append({
      id: this.newId(),
      at: this.clock(),
      operation,
      atsJobId,
      topcvJobId: posting.topcvJobId,
      outcome: "succeeded",
      request: loggedRequest(response.exchange, requestBody),
      response: { status: response.status, body: summariseForLog(response.exchange.responseBody) ?? "" },
      error: null,
      attempts: response.attempts,
    });
    return posting;
  }

  /** Stores what TopCV said about a posting; keeps the ATS job a posting was linked to locally. */
  private async remember(posting: TopCvPosting, atsJobId: string | undefined, storeUnlinked = true) {
    const known = await this.postings.get(posting.topcvJobId);
    const merged = { ...posting, atsJobId: atsJobId ?? posting.atsJobId ?? known?.atsJobId ?? null };
    if (storeUnlinked || known !== undefined || merged.atsJobId !== null) await this.postings.put(merged);
    return merged;
  }

  private failureEntry(
    operation: PostingLogEntry["operation"],
    atsJobId: string,
    topcvJobId: string | null,
    request: TopCvHttpRequest,
    requestBody: string | undefined,
    error: unknown,
  ): PostingLogEntry {
    const http = HttpError.is(error) ? error : undefined;
    return {
      id: this.newId(),
      at: this.clock(),
      operation,
      atsJobId,
      topcvJobId,
      outcome: "failed",
      request: http
        ? loggedRequest(http.exchange, requestBody)
        : { method: request.method, url: request.path, headers: {}, body: summariseForLog(requestBody) },
      response:
        http?.status === undefined
          ? null
          : { status: http.status, body: summariseForLog(http.exchange.responseBody) ?? "" },
      error: {
        code: (error as { code?: string }).code ?? "internal",
        message: error instanceof Error ? error.message : String(error),
      },
      attempts: null,
    };
  }
}

function withSignal(request: TopCvHttpRequest, options: CallOptions): TopCvHttpRequest {
  return options.signal === undefined ? request : { ...request, signal: options.signal };
}

async function contentKey(operation: string, atsJobId: string, body: unknown): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(body)));
  return `${operation}-${atsJobId}-${bytesToHex(new Uint8Array(digest)).slice(0, 32)}`;
}
