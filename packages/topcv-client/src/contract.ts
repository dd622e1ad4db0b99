import { z } from "zod";

/*
 * THE ASSUMED CONTRACT — everything TopCV-specific lives in this one module.
 *
 * TopCV opens its partner API only under a signed contract and has not published it. What we know
 * comes from Base E-Hiring's integration manual (seed 002_5326164b08f43035.txt): the employer copies
 * an "Access Token" (= "Employer API Key") and a "Secret Key" from TopCV (Cài đặt tài khoản → Kết nối
 * API), pastes the ATS's "API Endpoint" into TopCV as "Webhook URL", postings can be created, updated
 * and linked ("Thêm tin đã đăng"), TopCV notifies approval and rejection, and new applicants arrive.
 *
 * Everything else here — the base URL, the paths, the header names, the JSON field names, the
 * status values, the error body and the webhook payloads — is OUR OWN ASSUMPTION, written down in
 * docs/topcv-api.md (repository root). None of it is TopCV's documented API. When TopCV's specification is in hand,
 * this module (and the mock in src/testing/) is what changes; the rest of the package talks only
 * in the domain types defined below.
 */

/** Version label of the assumed contract, reported in docs and logs so an aligned version is recognisable. */
export const CONTRACT_VERSION = "assumed-2026-11";

/**
 * ASSUMED base URL: a placeholder under the reserved `.invalid` top-level domain, so that nothing
 * reaches a real host by accident. Pass the real base URL as `baseUrl` once TopCV provides it.
 */
export const ASSUMED_BASE_URL = "https://partner-api.topcv.invalid/v1";

/** ASSUMED request paths, relative to the base URL. */
export const PATHS = {
  /** GET: the employer the credentials belong to (used to verify them). */
  employer: "/employer",
  /** GET (list, cursor-paginated) and POST (create). */
  jobs: "/jobs",
  /** GET (read) and PUT (full update) of one posting. */
  job: (topcvJobId: string) => `/jobs/${encodeURIComponent(topcvJobId)}`,
  /** PUT: records the ATS job id on an existing TopCV posting ("Thêm tin đã đăng", seed 002). */
  jobPartnerLink: (topcvJobId: string) => `/jobs/${encodeURIComponent(topcvJobId)}/partner-link`,
} as const;

/** ASSUMED header names. */
export const HEADERS = {
  /** `Bearer <Access Token>` — the Access Token is the "Employer API Key" (seed 002). */
  authorization: "authorization",
  /** The Secret Key, sent alongside (seed 002 pairs it with the Access Token). Redacted by ats-core's `redactHeaders`. */
  secretKey: "x-topcv-secret-key",
  /** Makes a POST safe to retry: the same key within 24 h returns the first result. */
  idempotencyKey: "idempotency-key",
  /** HMAC-SHA256 of the raw webhook body, `sha256=<hex>`, when a signing secret is configured. */
  webhookSignature: "x-topcv-signature",
} as const;

/** Authentication headers for one employer's credentials. */
export function authHeaders(credentials: { accessToken: string; secretKey: string }): Record<string, string> {
  return {
    [HEADERS.authorization]: `Bearer ${credentials.accessToken}`,
    [HEADERS.secretKey]: credentials.secretKey,
  };
}

// ---------------------------------------------------------------------------------------------
// Domain types: what the rest of the package (and its users) see. Not wire names.
// ---------------------------------------------------------------------------------------------

/** Review status of a posting: TopCV reviews new postings, then approves or rejects them (seed 002). */
export const PostingStatusSchema = z.enum(["pending", "approved", "rejected", "closed"]);
/** See {@link PostingStatusSchema}. */
export type PostingStatus = z.infer<typeof PostingStatusSchema>;

/** A TopCV posting as the package reports it. */
export interface TopCvPosting {
  topcvJobId: string;
  /** The ATS job it is linked to, when TopCV knows it (set by create and link). */
  atsJobId: string | null;
  title: string;
  status: PostingStatus;
  /** Why TopCV rejected the posting (status `rejected`). */
  rejectionReason: string | null;
  /** The public page on TopCV, once there is one. */
  url: string | null;
  updatedAt: Date;
}

/** The employer the credentials belong to. */
export interface TopCvEmployer {
  id: string;
  companyName: string;
}

/** Salary as TopCV-only input: a range in a currency, or "negotiable" (thoả thuận). */
export type PostingSalary =
  | { kind: "range"; min: number; max: number; currency: "VND" | "USD" }
  | { kind: "negotiable" };

/** Everything a posting carries, after the ATS job and the TopCV-only fields were combined and checked. */
export interface PostingContent {
  atsJobId: string;
  title: string;
  companyName: string;
  descriptionHtml: string;
  requirementsHtml: string;
  benefitsHtml: string;
  employmentType: "full_time" | "part_time" | "contract" | "internship" | "other";
  workplaces: { province: string; address?: string | undefined }[];
  categoryIds: string[];
  jobLevel: string;
  experience: string;
  headcount: number;
  /** Application deadline, `YYYY-MM-DD`. */
  deadline: string;
  salary: PostingSalary;
  contact: { name: string; email: string; phone: string };
}

// ---------------------------------------------------------------------------------------------
// Wire mapping: requests.
// ---------------------------------------------------------------------------------------------

/** Maps a posting to the ASSUMED request body of `POST /jobs` and `PUT /jobs/{id}`. */
export function toWireJob(content: PostingContent): Record<string, unknown> {
  return {
    partner_job_id: content.atsJobId,
    title: content.title,
    company_name: content.companyName,
    description: content.descriptionHtml,
    requirements: content.requirementsHtml,
    benefits: content.benefitsHtml,
    job_type: content.employmentType,
    locations: content.workplaces.map((place) => ({
      province: place.province,
      address: place.address ?? null,
    })),
    category_ids: content.categoryIds,
    level: content.jobLevel,
    experience: content.experience,
    quantity: content.headcount,
    deadline: content.deadline,
    salary:
      content.salary.kind === "range"
        ? {
            type: "range",
            from: content.salary.min,
            to: content.salary.max,
            currency: content.salary.currency,
          }
        : { type: "negotiable" },
    contact: content.contact,
  };
}

/** Body of the ASSUMED `PUT /jobs/{id}/partner-link`. */
export function toWirePartnerLink(atsJobId: string): Record<string, unknown> {
  return { partner_job_id: atsJobId };
}

// ---------------------------------------------------------------------------------------------
// Wire mapping: responses.
// ---------------------------------------------------------------------------------------------

const WireJobSchema = z.object({
  id: z.union([z.string().min(1), z.number().int()]).transform(String),
  partner_job_id: z.string().min(1).nullish(),
  title: z.string(),
  status: PostingStatusSchema,
  rejection_reason: z.string().nullish(),
  url: z.string().nullish(),
  updated_at: z.iso.datetime({ offset: true }),
});

const toPosting = (job: z.infer<typeof WireJobSchema>): TopCvPosting => ({
  topcvJobId: job.id,
  atsJobId: job.partner_job_id ?? null,
  title: job.title,
  status: job.status,
  rejectionReason: job.rejection_reason ?? null,
  url: job.url ?? null,
  updatedAt: new Date(job.updated_at),
});

/** ASSUMED response of `GET /jobs/{id}`, `POST /jobs`, `PUT /jobs/{id}` and the partner link: `{ data: job }`. */
export const JobResponseSchema = z.object({ data: WireJobSchema }).transform((body) => toPosting(body.data));

/** ASSUMED response of `GET /jobs?cursor=…&limit=…`: `{ data: job[], next_cursor }`. */
export const JobListResponseSchema = z
  .object({ data: z.array(WireJobSchema), next_cursor: z.string().min(1).nullish() })
  .transform((body) => ({ postings: body.data.map(toPosting), nextCursor: body.next_cursor ?? null }));

/** Query parameter names of the ASSUMED list call. */
export const LIST_QUERY = { cursor: "cursor", limit: "limit" } as const;

/** ASSUMED response of `GET /employer`. */
export const EmployerResponseSchema = z
  .object({
    data: z.object({
      id: z.union([z.string().min(1), z.number().int()]).transform(String),
      company_name: z.string(),
    }),
  })
  .transform((body): TopCvEmployer => ({ id: body.data.id, companyName: body.data.company_name }));

/** One field-level problem reported by TopCV on a 400/422. */
export interface TopCvFieldError {
  /** The field in OUR terms where it maps back (e.g. `headcount`), else TopCV's name. */
  field: string;
  message: string;
}

/** ASSUMED error body: `{ error: { code, message, fields?: [{ field, message }] } }`. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string().optional(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});

/** Wire field names mapped back to the names of {@link PostingContent}, so field errors read in our terms. */
const WIRE_TO_DOMAIN_FIELD: Record<string, string> = {
  partner_job_id: "atsJobId",
  company_name: "companyName",
  description: "descriptionHtml",
  requirements: "requirementsHtml",
  benefits: "benefitsHtml",
  job_type: "employmentType",
  locations: "workplaces",
  category_ids: "categoryIds",
  level: "jobLevel",
  quantity: "headcount",
};

/** Reads field errors from an error body (empty when it has none or is not in the assumed shape). */
export function fieldErrorsFrom(body: unknown): TopCvFieldError[] {
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success) return [];
  return (parsed.data.error.fields ?? []).map(({ field, message }) => {
    const [head = field, ...rest] = field.split(".");
    return { field: [WIRE_TO_DOMAIN_FIELD[head] ?? head, ...rest].join("."), message };
  });
}

// ---------------------------------------------------------------------------------------------
// Webhooks (TopCV → ATS), sent to the "API Endpoint" the employer pastes as "Webhook URL" (seed 002).
// ---------------------------------------------------------------------------------------------

/** ASSUMED event names. */
export const WEBHOOK_EVENTS = {
  applicationCreated: "application.created",
  jobApproved: "job.approved",
  jobRejected: "job.rejected",
} as const;

/**
 * ASSUMED envelope of every delivery. `event_id` is unique per delivery and stays the same when
 * TopCV redelivers: it is the idempotency key.
 */
export const WebhookEnvelopeSchema = z.object({
  event_id: z.string().min(1).max(200),
  event: z.string().min(1),
  occurred_at: z.iso.datetime({ offset: true }),
  data: z.record(z.string(), z.unknown()),
});

const WireApplicationSchema = z.object({
  application_id: z.union([z.string().min(1), z.number().int()]).transform(String),
  job_id: z.union([z.string().min(1), z.number().int()]).transform(String),
  applied_at: z.iso.datetime({ offset: true }),
  candidate: z.object({
    full_name: z.string(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
    date_of_birth: z.string().nullish(),
    gender: z.enum(["male", "female", "other"]).nullish(),
  }),
  cv: z
    .object({
      url: z.url(),
      file_name: z.string().min(1),
      content_type: z.string().min(1).nullish(),
    })
    .nullish(),
  cover_letter: z.string().nullish(),
});

const WireJobReviewSchema = z.object({
  job_id: z.union([z.string().min(1), z.number().int()]).transform(String),
  reason: z.string().nullish(),
});

/** A new application as the package sees it. */
export interface TopCvApplicationEvent {
  type: "application.created";
  eventId: string;
  occurredAt: Date;
  applicationId: string;
  topcvJobId: string;
  appliedAt: Date;
  candidate: {
    fullName: string;
    email: string | null;
    phone: string | null;
    birthDate: string | null;
    gender: "male" | "female" | "other" | null;
  };
  /** The CV's download link — possibly one-time, so it is downloaded at once. */
  cv: { url: string; fileName: string; contentType: string | null } | null;
  coverLetter: string | null;
}

/** A posting was approved (published) or rejected by TopCV's review (seed 002). */
export interface TopCvPostingReviewedEvent {
  type: "posting.approved" | "posting.rejected";
  eventId: string;
  occurredAt: Date;
  topcvJobId: string;
  /** Why it was rejected (`posting.rejected`); `null` for an approval. */
  reason: string | null;
}

/** A delivery whose event name the contract does not know: kept raw, to be re-mapped later. */
export interface TopCvUnknownEvent {
  type: "unknown";
  eventId: string;
  occurredAt: Date;
  event: string;
}

/** Every webhook event, mapped from the wire. */
export type TopCvWebhookEvent = TopCvApplicationEvent | TopCvPostingReviewedEvent | TopCvUnknownEvent;

/** The result of mapping a delivery: the event, or the problems that make it malformed. */
export type WebhookMapping =
  | { ok: true; event: TopCvWebhookEvent }
  | { ok: false; issues: { path: (string | number)[]; message: string }[] };

const issuesOf = (error: z.ZodError, prefix: (string | number)[] = []) =>
  error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.filter((part): part is string | number => typeof part !== "symbol")],
    message: issue.message,
  }));

/** Maps a parsed webhook body (JSON) to a {@link TopCvWebhookEvent}. */
export function mapWebhookPayload(body: unknown): WebhookMapping {
  const envelope = WebhookEnvelopeSchema.safeParse(body);
  if (!envelope.success) return { ok: false, issues: issuesOf(envelope.error) };
  const { event_id: eventId, event, data } = envelope.data;
  const occurredAt = new Date(envelope.data.occurred_at);
  if (event === WEBHOOK_EVENTS.applicationCreated) {
    const parsed = WireApplicationSchema.safeParse(data);
    if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error, ["data"]) };
    const application = parsed.data;
    return {
      ok: true,
      event: {
        type: "application.created",
        eventId,
        occurredAt,
        applicationId: application.application_id,
        topcvJobId: application.job_id,
        appliedAt: new Date(application.applied_at),
        candidate: {
          fullName: application.candidate.full_name,
          email: application.candidate.email ?? null,
          phone: application.candidate.phone ?? null,
          birthDate: application.candidate.date_of_birth ?? null,
          gender: application.candidate.gender ?? null,
        },
        cv: application.cv
          ? {
              url: application.cv.url,
              fileName: application.cv.file_name,
              contentType: application.cv.content_type ?? null,
            }
          : null,
        coverLetter: application.cover_letter ?? null,
      },
    };
  }
  if (event === WEBHOOK_EVENTS.jobApproved || event === WEBHOOK_EVENTS.jobRejected) {
    const parsed = WireJobReviewSchema.safeParse(data);
    if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error, ["data"]) };
    const rejected = event === WEBHOOK_EVENTS.jobRejected;
    return {
      ok: true,
      event: {
        type: rejected ? "posting.rejected" : "posting.approved",
        eventId,
        occurredAt,
        topcvJobId: parsed.data.job_id,
        reason: rejected ? (parsed.data.reason ?? "(TopCV gave no reason)") : null,
      },
    };
  }
  return { ok: true, event: { type: "unknown", eventId, occurredAt, event } };
}

/** Formats the ASSUMED signature header value for a MAC: `sha256=<hex>`. */
export const formatWebhookSignature = (hexMac: string) => `sha256=${hexMac}`;

/** Reads the hex MAC out of the ASSUMED signature header, or `undefined` when it is not in that form. */
export function parseWebhookSignature(header: string): string | undefined {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  return match?.[1]?.toLowerCase();
}
