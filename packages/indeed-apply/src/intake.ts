import {
  ApplicationRecorder,
  type ApplicationRecorderOptions,
  type AtsStores,
  type BodySource,
  ConfigurationError,
  isJobAcceptingApplications,
  type JobStore,
  PayloadTooLargeError,
  readBodyWithLimit,
  WebhookVerificationError,
} from "@org/ats-core";
import { type IndeedApplicationMappingOptions, mapIndeedApplication } from "./application-mapper";
import {
  createIndeedSignatureVerifier,
  INDEED_SIGNATURE_HEADER,
  type IndeedSignatureVerifier,
} from "./signature";
import { parseJsonTolerantly } from "./tolerant-json";

/*
 * Status codes (SPEC §2; seed 004_7a98198eda9710f9.txt, "想定される応答" and "連携の状態の監視"): 200 only
 * once the application is stored; 409 for a duplicate (not retried); 410 when the job is closed or
 * expired; 413 when too large; anything else makes Indeed retry with growing intervals for up to 30
 * days, which is what an unexpected failure must do. Content that fails validation is stored and
 * flagged, never refused: "パートナーが求職者のデータを検証する際にエラーが発生すると、連携が無効になる可能性".
 */

/** Default body limit: 15 MB of files is about 20 MB once base64-encoded, plus the rest of the JSON. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Everything {@link handleIndeedApplication} needs, built once per tenant (see {@link createIndeedApplyIntake}). */
export interface IndeedApplyIntake {
  /** Checks `X-Indeed-Signature` with the tenant's API secret. */
  verifier: IndeedSignatureVerifier;
  /** Stores the application (ats-core's `ApplicationRecorder`). */
  recorder: Pick<ApplicationRecorder, "record">;
  /** Looked up to answer 410 for closed or expired jobs. */
  jobs: Pick<JobStore, "get">;
  /** How posts become ats-core application drafts (account, job mapping). */
  mapping: IndeedApplicationMappingOptions;
  /** Largest body accepted, in bytes. */
  maxBodyBytes: number;
  /** The time used to decide whether a job has expired. */
  clock: () => Date;
  /** Told about every unexpected failure (answered 500, so Indeed retries). */
  onError: (error: unknown) => void;
}

/** Settings of {@link createIndeedApplyIntake}: one tenant's Indeed Apply endpoint. */
export interface IndeedApplyIntakeOptions extends IndeedApplicationMappingOptions {
  /** The Indeed Apply API secret; empty is a `ConfigurationError`, never "skip verification". */
  apiSecret: string;
  /** The tenant's stores: applications are recorded through them and jobs looked up in them. */
  stores: AtsStores;
  /** Options of the ats-core `ApplicationRecorder` (duplicate rules, 120-day window, match rules, ids). */
  recorder?: Omit<ApplicationRecorderOptions, "stores" | "clock">;
  /** Largest body accepted, in bytes. Default {@link DEFAULT_MAX_BODY_BYTES} (32 MB). */
  maxBodyBytes?: number;
  clock?: () => Date;
  /** Called with unexpected failures. Default: `console.error`. */
  onError?: (error: unknown) => void;
}

/**
 * Builds a tenant's intake: imports the API secret into Web Crypto once and creates the ats-core
 * `ApplicationRecorder` over the tenant's stores.
 *
 * @throws ConfigurationError when the API secret or `account` is empty, or `maxBodyBytes` is not a positive integer.
 */
export async function createIndeedApplyIntake(options: IndeedApplyIntakeOptions): Promise<IndeedApplyIntake> {
  const verifier = await createIndeedSignatureVerifier(options.apiSecret);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new ConfigurationError(
      "maxBodyBytes",
      `maxBodyBytes must be a positive number of bytes; got ${maxBodyBytes}`,
    );
  }
  if (typeof options.account !== "string" || options.account.trim() === "") {
    throw new ConfigurationError(
      "account",
      "account is empty: set it to the tenant's Indeed account (e.g. the Indeed Apply client id); it keys duplicate detection of Indeed application ids",
    );
  }
  const clock = options.clock ?? (() => new Date());
  const recorder = new ApplicationRecorder({ ...options.recorder, stores: options.stores, clock });
  const mapping: IndeedApplicationMappingOptions = { account: options.account, clock };
  if (options.resolveJobId) mapping.resolveJobId = options.resolveJobId;
  if (options.displayName) mapping.displayName = options.displayName;
  if (options.phoneRegion) mapping.phoneRegion = options.phoneRegion;
  return {
    verifier,
    recorder,
    jobs: options.stores.jobs,
    mapping,
    maxBodyBytes,
    clock,
    onError:
      options.onError ?? ((error) => console.error("[indeed-apply] application intake failed:", error)),
  };
}

/** Request headers as a `Headers` object or a Node-style record (`req.headers`). */
export type RequestHeaders = Headers | Record<string, string | readonly string[] | undefined>;

/** An incoming Indeed Apply post: the raw body (bytes exactly as received) or its stream, and the headers. */
export interface IndeedApplicationRequest {
  /** The body bytes, when already read. A string is taken as UTF-8. */
  rawBody?: Uint8Array | string;
  /** The body as a stream, read here with the size limit. */
  body?: BodySource | null;
  /** The request headers; `X-Indeed-Signature` and `Content-Length` are read. */
  headers: RequestHeaders;
}

/** Machine-readable outcome codes of {@link handleIndeedApplication}. */
export type IndeedIntakeCode =
  | "stored"
  | "duplicate"
  | "job_closed"
  | "payload_too_large"
  | "signature_invalid"
  | "body_unreadable"
  | "internal_error";

/** What to answer Indeed. */
export interface IndeedApplicationResponse {
  /** The HTTP status to send. */
  status: 200 | 401 | 409 | 410 | 413 | 500 | 503;
  /** The JSON body to send. */
  body: {
    ok: boolean;
    code: IndeedIntakeCode;
    message: string;
    /** The stored application (200), or the earlier one (409). */
    applicationId?: string;
    /** Codes of the flags the stored application carries. */
    flags?: string[];
  };
  /** Close the connection after answering (the body was not read to its end). */
  closeConnection?: boolean;
}

function header(headers: RequestHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(
    headers as Record<string, string | readonly string[] | undefined>,
  )) {
    if (key.toLowerCase() === lower) return Array.isArray(value) ? value[0] : (value as string | undefined);
  }
  return undefined;
}

const respond = (
  status: IndeedApplicationResponse["status"],
  code: IndeedIntakeCode,
  message: string,
  extra: Partial<IndeedApplicationResponse["body"]> = {},
): IndeedApplicationResponse => ({
  status,
  body: { ok: status === 200, code, message, ...extra },
});

/**
 * Handles one Indeed Apply post, framework-agnostic: verifies `X-Indeed-Signature` over the raw
 * bytes (401), enforces the size limit while reading (413), answers 410 for a closed or expired job,
 * stores the application through the ats-core recorder — content problems become flags, never a
 * refusal — and answers 200 only once it is stored, 409 for a duplicate (same Indeed id, or same
 * e-mail and job within 120 days), and 500 on any unexpected failure so that Indeed retries.
 */
export async function handleIndeedApplication(
  request: IndeedApplicationRequest,
  intake: IndeedApplyIntake,
): Promise<IndeedApplicationResponse> {
  try {
    const signature = header(request.headers, INDEED_SIGNATURE_HEADER);
    if (signature === undefined || signature.trim() === "") {
      return {
        ...respond(401, "signature_invalid", `Missing ${INDEED_SIGNATURE_HEADER} header`),
        closeConnection: request.rawBody === undefined,
      };
    }
    const declared = Number(header(request.headers, "content-length"));
    if (Number.isFinite(declared) && declared > intake.maxBodyBytes) {
      return {
        ...respond(
          413,
          "payload_too_large",
          `The body (${declared} bytes) is larger than the limit of ${intake.maxBodyBytes} bytes`,
        ),
        closeConnection: true,
      };
    }

    let raw: Uint8Array;
    if (request.rawBody !== undefined) {
      raw = typeof request.rawBody === "string" ? new TextEncoder().encode(request.rawBody) : request.rawBody;
      if (raw.length > intake.maxBodyBytes)
        return respond(
          413,
          "payload_too_large",
          `The body (${raw.length} bytes) is larger than the limit of ${intake.maxBodyBytes} bytes`,
        );
    } else if (request.body) {
      try {
        raw = await readBodyWithLimit(request.body, intake.maxBodyBytes);
      } catch (error) {
        if (PayloadTooLargeError.is(error))
          return { ...respond(413, "payload_too_large", error.message), closeConnection: true };
        return {
          // A 5xx: Indeed retries those (SPEC §2), and the application never arrived whole.
          ...respond(
            503,
            "body_unreadable",
            `The body could not be read to its end (${(error as Error)?.message ?? "stream error"}); Indeed will resend it`,
          ),
          closeConnection: true,
        };
      }
    } else {
      raw = new Uint8Array(0);
    }

    try {
      await intake.verifier.assertValid(raw, signature);
    } catch (error) {
      if (WebhookVerificationError.is(error)) return respond(401, "signature_invalid", error.message);
      throw error;
    }

    // Invalid UTF-8 is replaced rather than refused: the signature proved Indeed sent these bytes.
    const text = new TextDecoder("utf-8").decode(raw);
    const parsed = parseJsonTolerantly(text);
    const mapped = await mapIndeedApplication(parsed.ok ? parsed.value : {}, intake.mapping);
    const draft = mapped.draft;
    const flags = [...(draft.flags ?? [])];
    if (!parsed.ok) {
      flags.unshift({
        code: "unreadable_payload",
        message: `The body is not JSON (${parsed.message}); it is stored as text for a person to read`,
        data: {},
      });
      draft.raw = { unparsedBody: text };
    } else if (parsed.repaired) {
      flags.unshift({
        code: "repaired_json",
        message: "The body had trailing commas, which were removed to read it",
        data: {},
      });
    }
    draft.flags = flags;

    if (draft.jobId !== null) {
      const job = await intake.jobs.get(draft.jobId);
      if (job !== undefined && !isJobAcceptingApplications(job, intake.clock())) {
        return respond(
          410,
          "job_closed",
          `Job "${draft.jobId}" is ${job.status === "open" ? "expired" : job.status} and takes no applications`,
        );
      }
    }

    const outcome = await intake.recorder.record(draft);
    if (outcome.kind === "duplicate") {
      return respond(409, "duplicate", outcome.message, { applicationId: outcome.existing.id });
    }
    return respond(200, "stored", "Application stored", {
      applicationId: outcome.application.id,
      flags: outcome.application.flags.map((flag) => flag.code),
    });
  } catch (error) {
    intake.onError(error);
    return respond(500, "internal_error", "The application could not be stored; Indeed will retry");
  }
}
