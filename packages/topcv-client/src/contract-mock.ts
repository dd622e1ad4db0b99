import { z } from "zod";
import {
  ASSUMED_BASE_URL,
  formatWebhookSignature,
  HEADERS,
  LIST_QUERY,
  PATHS,
  WEBHOOK_EVENTS,
} from "./contract";

/*
 * A faithful in-process mock of the ASSUMED contract (src/contract.ts, docs/topcv-api.md (repository root)): the
 * server side, with state, validation, idempotency keys, pagination, one-time CV links and fault
 * injection. It is NOT TopCV: it is what this package assumes TopCV does, so that tests (through
 * msw) and the README quick start exercise the client end to end. Change it with the contract.
 */

/** An injected failure: the next matching request gets `respond()` instead of normal handling. */
export interface MockFault {
  method?: string;
  /** Matched against the path under the base URL (e.g. `/jobs`), or the full URL of a CV link. */
  path?: string | RegExp;
  respond: () => Response | Promise<Response>;
}

/** A request the mock received, for assertions. */
export interface MockRequestRecord {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

interface MockJob {
  id: string;
  partner_job_id: string | null;
  title: string;
  status: "pending" | "approved" | "rejected" | "closed";
  rejection_reason: string | null;
  url: string | null;
  updated_at: string;
  body: Record<string, unknown>;
}

/** Settings of {@link TopCvContractMock}. */
export interface TopCvContractMockOptions {
  accessToken: string;
  secretKey: string;
  baseUrl?: string;
  /** Where one-time CV links point. Default `https://cv.topcv.invalid`. */
  cvBaseUrl?: string;
  employer?: { id: string; companyName: string };
  clock?: () => Date;
}

const required = (name: string) => ({ error: `${name} is required` });

/** What the mock requires of a job body: the assumed contract's required fields. */
const WireJobBodySchema = z.object({
  partner_job_id: z.string().min(1).nullish(),
  title: z.string(required("title")).min(1).max(250),
  company_name: z.string(required("company_name")).min(1),
  description: z.string(required("description")).min(1),
  requirements: z.string(required("requirements")).min(1),
  benefits: z.string(required("benefits")).min(1),
  job_type: z.enum(["full_time", "part_time", "contract", "internship", "other"]),
  locations: z.array(z.object({ province: z.string().min(1), address: z.string().nullish() })).min(1),
  category_ids: z.array(z.string().min(1)).min(1),
  level: z.string(required("level")).min(1),
  experience: z.string(required("experience")).min(1),
  quantity: z.number(required("quantity")).int().positive(),
  deadline: z.iso.date(),
  salary: z.discriminatedUnion("type", [
    z.object({
      type: z.literal("range"),
      from: z.number().nonnegative(),
      to: z.number().nonnegative(),
      currency: z.enum(["VND", "USD"]),
    }),
    z.object({ type: z.literal("negotiable") }),
  ]),
  contact: z.object({ name: z.string().min(1), email: z.email(), phone: z.string().min(1) }),
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const errorBody = (code: string, message: string, fields?: { field: string; message: string }[]) => ({
  error: fields ? { code, message, fields } : { code, message },
});

/** The mock server of the assumed TopCV contract. */
export class TopCvContractMock {
  readonly baseUrl: string;
  readonly cvBaseUrl: string;
  /** Every request received, in order. */
  readonly requests: MockRequestRecord[] = [];
  private readonly options: TopCvContractMockOptions;
  private readonly jobs = new Map<string, MockJob>();
  private readonly idempotentResults = new Map<string, string>();
  private readonly faults: MockFault[] = [];
  private readonly cvLinks = new Map<string, { bytes: Uint8Array; contentType: string; used: boolean }>();
  private nextJobId = 1001;
  private nextCvId = 1;
  private readonly clock: () => Date;

  constructor(options: TopCvContractMockOptions) {
    this.options = options;
    this.baseUrl = (options.baseUrl ?? ASSUMED_BASE_URL).replace(/\/+$/, "");
    this.cvBaseUrl = (options.cvBaseUrl ?? "https://cv.topcv.invalid").replace(/\/+$/, "");
    this.clock = options.clock ?? (() => new Date());
  }

  /** A `fetch` answering from this mock, for injection into the client without msw. */
  readonly fetch = (input: string, init: RequestInit = {}): Promise<Response> =>
    this.handle(new Request(input, init));

  /** The next request matching `fault` gets its response (queue several for several failures). */
  failNext(fault: MockFault): void {
    this.faults.push(fault);
  }

  /** Creates a posting as if the employer had made it on TopCV (for "link an existing posting"). */
  seedPosting(title: string): string {
    const id = String(this.nextJobId++);
    this.jobs.set(id, {
      id,
      partner_job_id: null,
      title,
      status: "approved",
      rejection_reason: null,
      url: `https://www.topcv.invalid/viec-lam/${id}`,
      updated_at: this.clock().toISOString(),
      body: { title },
    });
    return id;
  }

  /** TopCV's review: approves or rejects a posting and returns the webhook body TopCV would send. */
  review(topcvJobId: string, decision: { approved: true } | { rejected: string }, eventId?: string): string {
    const job = this.jobs.get(topcvJobId);
    if (!job) throw new Error(`The mock has no job ${topcvJobId}`);
    const approved = "approved" in decision;
    job.status = approved ? "approved" : "rejected";
    job.rejection_reason = "rejected" in decision ? decision.rejected : null;
    job.url = approved ? `https://www.topcv.invalid/viec-lam/${job.id}` : null;
    job.updated_at = this.clock().toISOString();
    return JSON.stringify({
      event_id: eventId ?? `evt_review_${job.id}_${job.status}`,
      event: approved ? WEBHOOK_EVENTS.jobApproved : WEBHOOK_EVENTS.jobRejected,
      occurred_at: job.updated_at,
      data: { job_id: job.id, reason: job.rejection_reason },
    });
  }

  /** Issues a one-time CV download link (a second download answers 410 Gone). */
  issueCvLink(bytes: Uint8Array, contentType = "application/pdf"): string {
    const id = `cv_${this.nextCvId++}_${crypto.randomUUID()}`;
    this.cvLinks.set(id, { bytes, contentType, used: false });
    return `${this.cvBaseUrl}/download/${id}`;
  }

  /** The body of an `application.created` webhook (with a fresh one-time CV link when `cv` is given). */
  applicationWebhook(input: {
    eventId: string;
    applicationId: string;
    topcvJobId: string;
    fullName: string;
    email?: string;
    phone?: string;
    cv?: { bytes: Uint8Array; fileName: string; contentType?: string } | undefined;
    appliedAt?: string;
  }): string {
    const appliedAt = input.appliedAt ?? this.clock().toISOString();
    return JSON.stringify({
      event_id: input.eventId,
      event: WEBHOOK_EVENTS.applicationCreated,
      occurred_at: appliedAt,
      data: {
        application_id: input.applicationId,
        job_id: input.topcvJobId,
        applied_at: appliedAt,
        candidate: { full_name: input.fullName, email: input.email ?? null, phone: input.phone ?? null },
        cv: input.cv
          ? {
              url: this.issueCvLink(input.cv.bytes, input.cv.contentType),
              file_name: input.cv.fileName,
              content_type: input.cv.contentType ?? "application/pdf",
            }
          : null,
      },
    });
  }

  /** Signs a webhook body the way the contract assumes (`sha256=<hex>` of HMAC-SHA256 over the raw bytes). */
  static async sign(body: string, secret: string): Promise<string> {
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)));
    return formatWebhookSignature(Array.from(mac, (byte) => byte.toString(16).padStart(2, "0")).join(""));
  }

  /** Answers one request as the assumed contract says. */
  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const isCv = request.url.startsWith(`${this.cvBaseUrl}/`);
    const path = isCv ? request.url : url.pathname.slice(new URL(this.baseUrl).pathname.length) || "/";
    const text = request.method === "GET" ? "" : await request.text();
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    this.requests.push({
      method: request.method,
      path: isCv ? request.url : `${path}${url.search}`,
      headers: Object.fromEntries(request.headers.entries()),
      body,
    });

    const faultIndex = this.faults.findIndex(
      (fault) =>
        (fault.method === undefined || fault.method === request.method) &&
        (fault.path === undefined ||
          (typeof fault.path === "string" ? fault.path === path : fault.path.test(path))),
    );
    if (faultIndex >= 0) {
      const [fault] = this.faults.splice(faultIndex, 1);
      return fault!.respond();
    }
    if (isCv) return this.downloadCv(url);

    const authorised =
      request.headers.get(HEADERS.authorization) === `Bearer ${this.options.accessToken}` &&
      request.headers.get(HEADERS.secretKey) === this.options.secretKey;
    if (!authorised) return json(401, errorBody("unauthorized", "Invalid access token or secret key"));

    if (request.method === "GET" && path === PATHS.employer) {
      const employer = this.options.employer ?? { id: "emp_1", companyName: "Công ty Mẫu" };
      return json(200, { data: { id: employer.id, company_name: employer.companyName } });
    }
    if (path === PATHS.jobs && request.method === "POST") return this.createJob(request, body);
    if (path === PATHS.jobs && request.method === "GET") return this.listJobs(url);
    const linkMatch = /^\/jobs\/([^/]+)\/partner-link$/.exec(path);
    if (linkMatch && request.method === "PUT") return this.linkJob(decodeURIComponent(linkMatch[1]!), body);
    const jobMatch = /^\/jobs\/([^/]+)$/.exec(path);
    if (jobMatch) {
      const job = this.jobs.get(decodeURIComponent(jobMatch[1]!));
      if (!job) return json(404, errorBody("not_found", "Job not found"));
      if (request.method === "GET") return json(200, { data: publicJob(job) });
      if (request.method === "PUT") return this.updateJob(job, body);
    }
    return json(404, errorBody("not_found", `No route ${request.method} ${path}`));
  }

  private validate(body: unknown): Response | z.infer<typeof WireJobBodySchema> {
    const parsed = WireJobBodySchema.safeParse(body);
    if (parsed.success) return parsed.data;
    return json(
      422,
      errorBody(
        "validation_failed",
        "The job has invalid fields",
        parsed.error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message })),
      ),
    );
  }

  private createJob(request: Request, body: unknown): Response {
    const key = request.headers.get(HEADERS.idempotencyKey);
    const earlier = key === null ? undefined : this.idempotentResults.get(key);
    if (earlier !== undefined) return json(201, { data: publicJob(this.jobs.get(earlier)!) });
    const valid = this.validate(body);
    if (valid instanceof Response) return valid;
    const id = String(this.nextJobId++);
    const job: MockJob = {
      id,
      partner_job_id: valid.partner_job_id ?? null,
      title: valid.title,
      status: "pending",
      rejection_reason: null,
      url: null,
      updated_at: this.clock().toISOString(),
      body: body as Record<string, unknown>,
    };
    this.jobs.set(id, job);
    if (key !== null) this.idempotentResults.set(key, id);
    return json(201, { data: publicJob(job) });
  }

  private updateJob(job: MockJob, body: unknown): Response {
    const valid = this.validate(body);
    if (valid instanceof Response) return valid;
    job.title = valid.title;
    job.partner_job_id = valid.partner_job_id ?? job.partner_job_id;
    job.body = body as Record<string, unknown>;
    // An edited posting goes back to review.
    job.status = "pending";
    job.rejection_reason = null;
    job.updated_at = this.clock().toISOString();
    return json(200, { data: publicJob(job) });
  }

  private linkJob(id: string, body: unknown): Response {
    const job = this.jobs.get(id);
    if (!job) return json(404, errorBody("not_found", "Job not found"));
    const parsed = z.object({ partner_job_id: z.string().min(1) }).safeParse(body);
    if (!parsed.success)
      return json(
        422,
        errorBody("validation_failed", "partner_job_id is required", [
          { field: "partner_job_id", message: "partner_job_id is required" },
        ]),
      );
    job.partner_job_id = parsed.data.partner_job_id;
    job.updated_at = this.clock().toISOString();
    return json(200, { data: publicJob(job) });
  }

  private listJobs(url: URL): Response {
    const all = [...this.jobs.values()];
    const start = Number(url.searchParams.get(LIST_QUERY.cursor) ?? "0");
    const limit = Math.min(100, Number(url.searchParams.get(LIST_QUERY.limit) ?? "20"));
    const page = all.slice(start, start + limit);
    const next = start + limit < all.length ? String(start + limit) : null;
    return json(200, { data: page.map(publicJob), next_cursor: next });
  }

  private downloadCv(url: URL): Response {
    const id = url.pathname.split("/").pop() ?? "";
    const link = this.cvLinks.get(id);
    if (!link) return json(404, errorBody("not_found", "No such CV link"));
    if (link.used) return json(410, errorBody("gone", "This download link was already used"));
    link.used = true;
    return new Response(link.bytes.slice(), { status: 200, headers: { "content-type": link.contentType } });
  }
}

function publicJob(job: MockJob) {
  const { body: _body, ...rest } = job;
  return rest;
}
