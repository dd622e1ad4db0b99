import {
  type ApplicationDraft,
  type ApplicationFlag,
  ApplicationRecorder,
  type ApplicationRecorderOptions,
  type ApplicationSource,
  AtsError,
  type AtsStores,
  ConfigurationError,
  HttpError,
  type IncomingFile,
  type RecordOutcome,
  type WebhookInbox,
  WebhookVerificationError,
} from "@org/ats-core";
import {
  HEADERS,
  mapWebhookPayload,
  type TopCvApplicationEvent,
  type TopCvPosting,
  type TopCvPostingReviewedEvent,
} from "./contract";
import type { PostingStore } from "./posting-store";
import { type RequestHeaders, readHeader } from "./request-headers";
import { createTopCvSignatureVerifier, type TopCvSignatureVerifier } from "./webhook-signature";

/*
 * The receiving end of the "API Endpoint" the employer pastes into TopCV as "Webhook URL" (seed
 * 002_5326164b08f43035.txt). Order of work: verify (signature, shape) → store the raw delivery in
 * the ats-core WebhookInbox, deduplicated by its event id → answer 2xx → process. Nothing that
 * fails verification is stored; nothing answered 2xx is unstored; what a crash left unprocessed
 * is in `inbox.pending()` and `processPending()` finishes it.
 */

/** Inbox provider name of TopCV deliveries. */
export const TOPCV_PROVIDER = "topcv";

/** Default largest webhook body: webhooks carry links, not files. */
export const DEFAULT_MAX_WEBHOOK_BYTES = 1024 * 1024;

/** A posting was approved or rejected by TopCV ("Thông báo về tin tuyển dụng được duyệt … bị từ chối", seed 002). */
export interface PostingReviewNotice {
  status: "approved" | "rejected";
  topcvJobId: string;
  /** The ATS job, or `null` when the posting is not linked. */
  atsJobId: string | null;
  /** Why it was rejected; `null` for an approval. */
  reason: string | null;
  /** The posting as now stored, or `null` when the posting store does not know it. */
  posting: TopCvPosting | null;
  occurredAt: Date;
}

/** An application that could not be placed in a job: stored unassigned and reported, never dropped. */
export interface UnassignedApplicationReport {
  topcvJobId: string;
  topcvApplicationId: string;
  /** The stored application (in the unassigned queue). */
  applicationId: string;
  reason: string;
}

/** Settings of {@link TopCvWebhookReceiver}: one tenant's webhook endpoint. */
export interface TopCvWebhookReceiverOptions {
  /** The TopCV employer id (the provider-side account of ats-core's `ApplicationSource`). */
  account: string;
  /** When set, every delivery must carry a valid signature (401 otherwise, nothing stored). */
  signingSecret?: string | undefined;
  /** Where deliveries are stored before answering (ats-core `WebhookInbox`). */
  inbox: WebhookInbox;
  /** The tenant's ATS stores: applications are recorded through ats-core's `ApplicationRecorder`. */
  stores: AtsStores;
  /** The tenant's posted list: which ATS job a TopCV posting belongs to. */
  postings: PostingStore;
  /** Downloads a CV link (usually `topcvClient.download`, which retries a download that fails). */
  download: (url: string) => Promise<{ bytes: Uint8Array; contentType: string }>;
  /** Told when TopCV approves or rejects a posting. */
  onPostingReviewed?: (notice: PostingReviewNotice) => void | Promise<void>;
  /** Told when an application for an unknown or unlinked posting went to the unassigned queue. */
  onUnassigned?: (report: UnassignedApplicationReport) => void | Promise<void>;
  /** Told about deliveries whose processing failed (they stay in `inbox.pending()`). Default `console.error`. */
  onError?: (error: unknown, deliveryId: string) => void;
  /** Options of the ats-core `ApplicationRecorder`. */
  recorder?: Omit<ApplicationRecorderOptions, "stores" | "clock">;
  /** Region for phone numbers without a country code. Default `VN`. */
  phoneRegion?: string;
  /** Route name shown in the ATS. Default `TopCV`. */
  displayName?: string;
  maxBodyBytes?: number;
  clock?: () => Date;
}

/** An incoming delivery: the raw body exactly as received, and the headers. */
export interface TopCvWebhookRequest {
  rawBody: Uint8Array | string;
  headers: RequestHeaders;
}

/** Machine-readable outcome codes of {@link TopCvWebhookReceiver.receive}. */
export type TopCvWebhookCode =
  | "accepted"
  | "duplicate_delivery"
  | "signature_invalid"
  | "malformed"
  | "payload_too_large"
  | "unknown_endpoint"
  | "parsed_body"
  | "internal_error";

/** What to answer TopCV, and what to do after answering. */
export interface TopCvWebhookResponse {
  status: 200 | 202 | 400 | 401 | 404 | 413 | 500;
  body: {
    ok: boolean;
    code: TopCvWebhookCode;
    message: string;
    deliveryId?: string;
    /** For `malformed`: every problem, by path. */
    issues?: { path: string; message: string }[];
  };
  /**
   * Process the stored delivery. Call it after the answer has been sent (the adapters do); if it
   * is never called — a crash — the delivery stays in the inbox's `pending()`.
   */
  process: (() => Promise<ProcessingOutcome>) | null;
}

/** What processing a delivery did. */
export type ProcessingOutcome =
  | {
      kind: "application_stored";
      deliveryId: string;
      outcome: Extract<RecordOutcome, { kind: "stored" }>;
      unassigned: boolean;
    }
  | { kind: "application_duplicate"; deliveryId: string; existingApplicationId: string; message: string }
  | { kind: "posting_reviewed"; deliveryId: string; notice: PostingReviewNotice }
  | { kind: "already_processed"; deliveryId: string }
  | { kind: "failed"; deliveryId: string; error: string };

const respond = (
  status: TopCvWebhookResponse["status"],
  code: TopCvWebhookCode,
  message: string,
  extra: Partial<TopCvWebhookResponse["body"]> = {},
): TopCvWebhookResponse => ({
  status,
  body: { ok: status < 300, code, message, ...extra },
  process: null,
});

/** The webhook endpoint of one tenant. Build it with {@link TopCvWebhookReceiver.create}. */
export class TopCvWebhookReceiver {
  private readonly options: TopCvWebhookReceiverOptions;
  private readonly verifier: TopCvSignatureVerifier | undefined;
  private readonly recorder: ApplicationRecorder;
  private readonly clock: () => Date;
  private readonly maxBodyBytes: number;

  private constructor(options: TopCvWebhookReceiverOptions, verifier: TopCvSignatureVerifier | undefined) {
    this.options = options;
    this.verifier = verifier;
    this.clock = options.clock ?? (() => new Date());
    this.recorder = new ApplicationRecorder({
      ...options.recorder,
      stores: options.stores,
      clock: this.clock,
    });
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_WEBHOOK_BYTES;
  }

  /**
   * Builds a tenant's receiver, importing the signing secret once.
   *
   * @throws ConfigurationError when `signingSecret` is the empty string, `account` is empty or `maxBodyBytes` is invalid.
   */
  static async create(options: TopCvWebhookReceiverOptions): Promise<TopCvWebhookReceiver> {
    if (options.account.trim() === "")
      throw new ConfigurationError(
        "account",
        "account must be the TopCV employer id (from verifyCredentials())",
      );
    const max = options.maxBodyBytes ?? DEFAULT_MAX_WEBHOOK_BYTES;
    if (!Number.isInteger(max) || max <= 0)
      throw new ConfigurationError(
        "maxBodyBytes",
        `maxBodyBytes must be a positive number of bytes; got ${max}`,
      );
    const verifier =
      options.signingSecret === undefined
        ? undefined
        : await createTopCvSignatureVerifier(options.signingSecret);
    return new TopCvWebhookReceiver(options, verifier);
  }

  /**
   * Verifies and stores one delivery, and says what to answer: 202 once stored (then call
   * `process`), 200 for a redelivery already stored, 400 for a malformed body, 401 for a bad or
   * missing signature, 413 when too large — these last three store nothing — and 500 when the
   * inbox failed, so that TopCV delivers again.
   */
  async receive(request: TopCvWebhookRequest): Promise<TopCvWebhookResponse> {
    const raw: unknown = request.rawBody;
    if (!(raw instanceof Uint8Array) && typeof raw !== "string")
      return respond(
        500,
        "parsed_body",
        "The webhook body was given as a parsed object; pass the raw bytes (Buffer/Uint8Array) exactly as received, or mount the adapter before any body parser",
      );
    const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
    if (bytes.length > this.maxBodyBytes)
      return respond(
        413,
        "payload_too_large",
        `The body (${bytes.length} bytes) is over the ${this.maxBodyBytes}-byte limit`,
      );

    if (this.verifier) {
      try {
        await this.verifier.verify(bytes, readHeader(request.headers, HEADERS.webhookSignature));
      } catch (error) {
        if (WebhookVerificationError.is(error)) return respond(401, "signature_invalid", error.message);
        throw error;
      }
    }

    let text: string;
    let json: unknown;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      json = JSON.parse(text);
    } catch {
      return respond(400, "malformed", "The body is not UTF-8 JSON");
    }
    const mapped = mapWebhookPayload(json);
    if (!mapped.ok)
      return respond(
        400,
        "malformed",
        "The body is not a webhook of the assumed contract (docs/topcv-api.md (repository root))",
        {
          issues: mapped.issues.map((issue) => ({
            path: issue.path.join(".") || "(root)",
            message: issue.message,
          })),
        },
      );

    const deliveryId = `${TOPCV_PROVIDER}:${mapped.event.eventId}`;
    let isNew: boolean;
    try {
      isNew = await this.options.inbox.add({
        id: deliveryId,
        provider: TOPCV_PROVIDER,
        receivedAt: this.clock(),
        body: text,
      });
    } catch (error) {
      this.reportError(error, deliveryId);
      return respond(500, "internal_error", "The delivery could not be stored; deliver it again", {
        deliveryId,
      });
    }
    if (!isNew)
      return respond(200, "duplicate_delivery", "This delivery was already received", { deliveryId });
    return {
      ...respond(202, "accepted", "Stored; processing after this answer", { deliveryId }),
      process: () => this.process(deliveryId),
    };
  }

  /**
   * Processes one stored delivery from its raw body (so a re-mapped contract applies to it too).
   * Never throws: a failure is recorded on the delivery, which stays in `inbox.pending()`.
   */
  async process(deliveryId: string): Promise<ProcessingOutcome> {
    const { inbox } = this.options;
    try {
      const delivery = await inbox.get(deliveryId);
      if (delivery === undefined) throw new Error(`Delivery ${deliveryId} is not in the inbox`);
      if (delivery.status === "processed") return { kind: "already_processed", deliveryId };
      const raw: unknown = JSON.parse(delivery.body);
      const mapped = mapWebhookPayload(raw);
      if (!mapped.ok)
        throw new Error(`The stored body no longer maps: ${mapped.issues.map((i) => i.message).join("; ")}`);
      const { event } = mapped;
      let outcome: ProcessingOutcome;
      if (event.type === "application.created")
        outcome = await this.recordApplication(deliveryId, event, raw);
      else if (event.type === "unknown")
        throw new Error(`Unknown event "${event.event}": kept for re-mapping once the contract knows it`);
      else outcome = await this.recordReview(deliveryId, event);
      await inbox.markProcessed(deliveryId, this.clock());
      return outcome;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await inbox.markFailed(deliveryId, message, this.clock()).catch(() => undefined);
      this.reportError(error, deliveryId);
      return { kind: "failed", deliveryId, error: message };
    }
  }

  /** Processes what is left in the inbox (after a crash or failures), oldest first. */
  async processPending(options: { limit?: number } = {}): Promise<ProcessingOutcome[]> {
    const pending = await this.options.inbox.pending({ provider: TOPCV_PROVIDER, ...options });
    const outcomes: ProcessingOutcome[] = [];
    for (const delivery of pending) outcomes.push(await this.process(delivery.id));
    return outcomes;
  }

  private async recordApplication(
    deliveryId: string,
    event: TopCvApplicationEvent,
    raw: unknown,
  ): Promise<ProcessingOutcome> {
    const { stores, postings } = this.options;
    const source: ApplicationSource = {
      provider: TOPCV_PROVIDER,
      account: this.options.account,
      route: "normal",
      displayName: this.options.displayName ?? "TopCV",
    };
    // Checked before downloading, so a redelivered application does not spend a one-time CV link.
    const existing = await stores.applications.findByExternalId({
      ...source,
      externalId: event.applicationId,
    });
    if (existing !== undefined)
      return {
        kind: "application_duplicate",
        deliveryId,
        existingApplicationId: existing.id,
        message: `TopCV application ${event.applicationId} is already stored as ${existing.id}`,
      };

    const posting = await postings.get(event.topcvJobId);
    const jobId = posting?.atsJobId ?? null;
    const flags: Omit<ApplicationFlag, "at">[] = [];
    const files: IncomingFile[] = [];
    if (event.cv !== null) {
      // Download at once: the link may work only once (docs/topcv-api.md (repository root)).
      try {
        const file = await this.options.download(event.cv.url);
        files.push({
          kind: "resume",
          fileName: event.cv.fileName,
          contentType: event.cv.contentType ?? file.contentType,
          bytes: file.bytes,
        });
      } catch (error) {
        flags.push({
          code: "cv_download_failed",
          // The reason names the status or failure, never the link: a one-time link is a capability.
          message: `The CV "${event.cv.fileName}" could not be downloaded (${downloadFailure(error)}); get it from TopCV (application ${event.applicationId})`,
          data: { fileName: event.cv.fileName, topcvApplicationId: event.applicationId },
        });
      }
    }
    const unassignedReason =
      posting === undefined
        ? `TopCV posting ${event.topcvJobId} is not in the posted list; link it to an ATS job ("Thêm tin đã đăng") or assign the application by hand`
        : `TopCV posting ${event.topcvJobId} is not linked to an ATS job; link it or assign the application by hand`;
    const { candidate } = event;
    const draft: ApplicationDraft = {
      person: {
        name: { full: candidate.fullName },
        emails: candidate.email ? [candidate.email] : [],
        phones: candidate.phone ? [candidate.phone] : [],
        birthDate: candidate.birthDate ?? undefined,
        gender: candidate.gender ?? undefined,
      },
      phoneRegion: this.options.phoneRegion ?? "VN",
      // The recorder places it in the job's first stage ("giai đoạn đầu tiên", seed 002_5326164b08f43035.txt).
      jobId,
      source,
      externalId: event.applicationId,
      appliedAt: event.appliedAt,
      answers: event.coverLetter
        ? [
            {
              questionId: "cover_letter",
              question: "Thư xin việc (cover letter)",
              values: [event.coverLetter],
            },
          ]
        : [],
      files,
      flags,
      raw,
    };
    if (jobId === null) draft.unassignedReason = unassignedReason;
    const outcome = await this.recorder.record(draft);
    if (outcome.kind === "duplicate")
      return {
        kind: "application_duplicate",
        deliveryId,
        existingApplicationId: outcome.existing.id,
        message: outcome.message,
      };
    const unassigned = outcome.application.jobId === null;
    if (unassigned)
      await this.options.onUnassigned?.({
        topcvJobId: event.topcvJobId,
        topcvApplicationId: event.applicationId,
        applicationId: outcome.application.id,
        reason:
          outcome.application.flags.find((flag) => flag.code === "unknown_job")?.message ?? unassignedReason,
      });
    return { kind: "application_stored", deliveryId, outcome, unassigned };
  }

  private async recordReview(
    deliveryId: string,
    event: TopCvPostingReviewedEvent,
  ): Promise<ProcessingOutcome> {
    const known = await this.options.postings.get(event.topcvJobId);
    const status = event.type === "posting.approved" ? "approved" : "rejected";
    let posting: TopCvPosting | null = null;
    if (known !== undefined) {
      posting = { ...known, status, rejectionReason: event.reason, updatedAt: event.occurredAt };
      await this.options.postings.put(posting);
    }
    const notice: PostingReviewNotice = {
      status,
      topcvJobId: event.topcvJobId,
      atsJobId: known?.atsJobId ?? null,
      reason: event.reason,
      posting,
      occurredAt: event.occurredAt,
    };
    await this.options.onPostingReviewed?.(notice);
    return { kind: "posting_reviewed", deliveryId, notice };
  }

  private reportError(error: unknown, deliveryId: string) {
    (this.options.onError ?? ((e, id) => console.error(`[topcv-client] delivery ${id} failed:`, e)))(
      error,
      deliveryId,
    );
  }
}

function downloadFailure(error: unknown): string {
  if (HttpError.is(error)) return error.status === undefined ? error.code : `HTTP ${error.status}`;
  if (AtsError.is(error)) return error.code;
  return error instanceof Error ? error.name : "unknown error";
}
