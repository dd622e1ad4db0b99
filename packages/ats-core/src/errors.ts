/**
 * The error family shared by every package of the SDK.
 *
 * `instanceof` fails when two copies of a package are loaded (ESM and CJS side by side, or two
 * versions in one tree), so every class carries brand strings under a global symbol and offers a
 * static `is()` that checks them. Use `ValidationError.is(err)` rather than `err instanceof ValidationError`.
 */

const BRANDS = Symbol.for("@org/ats-core/error-brands");

/** Every code an {@link AtsError} can carry. Packages add theirs here so that callers can switch on one union. */
export type AtsErrorCode =
  | "validation_failed"
  | "configuration_invalid"
  | "webhook_verification_failed"
  | "feed_parse_failed"
  | "csv_parse_failed"
  | "http_error"
  | "auth_failed"
  | "rate_limited"
  | "not_found"
  | "conflict"
  | "timeout"
  | "payload_too_large"
  | "internal";

/** Options accepted by every error constructor. */
export interface AtsErrorOptions {
  /** The underlying error, kept for debugging. */
  cause?: unknown;
}

/**
 * Base class of every error the SDK throws. `code` is stable and meant for programs;
 * `message` says what was wrong and what to do about it, and never contains a secret.
 */
export class AtsError extends Error {
  /** The brand string checked by {@link AtsError.is}; each subclass sets its own. */
  static readonly brand: string = "@org/ats-core:AtsError";

  /** A stable, machine-readable code. */
  readonly code: AtsErrorCode;
  declare readonly [BRANDS]: readonly string[];

  constructor(code: AtsErrorCode, message: string, options: AtsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
    const brands: string[] = [];
    for (let klass: unknown = new.target; typeof klass === "function"; klass = Object.getPrototypeOf(klass)) {
      const brand = (klass as { brand?: unknown }).brand;
      if (typeof brand === "string" && !brands.includes(brand)) brands.push(brand);
    }
    Object.defineProperty(this, BRANDS, { value: Object.freeze(brands), enumerable: false });
  }

  /**
   * True when `value` is an error of this class or a subclass, even when it was created by another
   * copy of the package.
   */
  static is<T extends abstract new (...args: never[]) => AtsError>(
    this: T & { brand: string },
    value: unknown,
  ): value is InstanceType<T> {
    if (typeof this?.brand !== "string") {
      throw new TypeError(
        "Call is() on the class, e.g. errors.filter((e) => ValidationError.is(e)); a detached ValidationError.is has no class to check against",
      );
    }
    if (typeof value !== "object" || value === null) return false;
    const brands = (value as { [BRANDS]?: unknown })[BRANDS];
    // `this` is the class `is` was called on (ValidationError.is → its own brand).
    return Array.isArray(brands) && brands.includes(this.brand);
  }
}

/** One problem found in an input: where it is and what is wrong with it. */
export interface ValidationIssue {
  /** Path to the offending value, e.g. `["applicant", "email"]` or `["rows", 3, "eventId"]`. */
  path: readonly (string | number)[];
  /** What is wrong, and where possible what to do about it. */
  message: string;
  /** A short machine-readable reason, e.g. `invalid_type`, `too_big`, `duplicate`. */
  reason: string;
}

/** Formats a path like `applicant.resume.file` or `rows[3].eventId` (the root is `(root)`). */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return "(root)";
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}

/** An input did not have the required shape. Lists every failing path, not just the first. */
export class ValidationError extends AtsError {
  static override readonly brand: string = "@org/ats-core:ValidationError";
  /** Every problem found. */
  readonly issues: readonly ValidationIssue[];

  constructor(subject: string, issues: readonly ValidationIssue[], options: AtsErrorOptions = {}) {
    const lines = issues.slice(0, 20).map((issue) => `  - ${formatPath(issue.path)}: ${issue.message}`);
    if (issues.length > 20) lines.push(`  … and ${issues.length - 20} more`);
    super(
      "validation_failed",
      `Invalid ${subject}: ${issues.length} problem(s)\n${lines.join("\n")}`,
      options,
    );
    this.issues = issues;
  }
}

/** Settings given to a client, verifier or scheduler are missing or contradictory. */
export class ConfigurationError extends AtsError {
  static override readonly brand: string = "@org/ats-core:ConfigurationError";
  /** The setting that is wrong, e.g. `secret` or `schedule.slots[4]`. */
  readonly setting: string;

  constructor(setting: string, message: string, options: AtsErrorOptions = {}) {
    super("configuration_invalid", message, options);
    this.setting = setting;
  }
}

/** Why a webhook could not be verified. */
export type WebhookVerificationReason =
  | "missing_signature"
  | "malformed_signature"
  | "signature_mismatch"
  | "parsed_body"
  | "missing_secret"
  | "unknown_endpoint";

/** A webhook's signature or endpoint did not check out: answer 401 and store nothing. */
export class WebhookVerificationError extends AtsError {
  static override readonly brand: string = "@org/ats-core:WebhookVerificationError";
  /** Why verification failed. */
  readonly reason: WebhookVerificationReason;

  constructor(reason: WebhookVerificationReason, message: string, options: AtsErrorOptions = {}) {
    super("webhook_verification_failed", message, options);
    this.reason = reason;
  }
}

/** Where in a text file something went wrong (1-based). */
export interface TextLocation {
  line: number;
  column: number;
}

/** An XML feed could not be read at a location. */
export class FeedParseError extends AtsError {
  static override readonly brand: string = "@org/ats-core:FeedParseError";
  readonly line: number;
  readonly column: number;

  constructor(location: TextLocation, message: string, options: AtsErrorOptions = {}) {
    super("feed_parse_failed", `line ${location.line}, column ${location.column}: ${message}`, options);
    this.line = location.line;
    this.column = location.column;
  }
}

/** A CSV file could not be read at a line. */
export class CsvParseError extends AtsError {
  static override readonly brand: string = "@org/ats-core:CsvParseError";
  readonly line: number;

  constructor(line: number, message: string, options: AtsErrorOptions = {}) {
    super("csv_parse_failed", `line ${line}: ${message}`, options);
    this.line = line;
  }
}

/** A write collided with something already stored (e.g. the same application id or external id). */
export class ConflictError extends AtsError {
  static override readonly brand: string = "@org/ats-core:ConflictError";
  /** The id or key that collided. */
  readonly key: string;

  constructor(key: string, message: string, options: AtsErrorOptions = {}) {
    super("conflict", message, options);
    this.key = key;
  }
}

/** Something asked for by id does not exist. */
export class NotFoundError extends AtsError {
  static override readonly brand: string = "@org/ats-core:NotFoundError";
  readonly key: string;

  constructor(key: string, message: string, options: AtsErrorOptions = {}) {
    super("not_found", message, options);
    this.key = key;
  }
}

/** A redacted summary of an HTTP exchange, safe to log. */
export interface RedactedExchange {
  method: string;
  url: string;
  /** Request headers with credentials replaced by `[redacted]`. */
  requestHeaders: Record<string, string>;
  status?: number;
  /** The start of the response body (at most a few KB). */
  responseBody?: string;
}

/** An HTTP call to a partner API failed. Carries the exchange with credentials redacted. */
export class HttpError extends AtsError {
  static override readonly brand: string = "@org/ats-core:HttpError";
  /** HTTP status, or `undefined` when no response arrived. */
  readonly status: number | undefined;
  readonly exchange: RedactedExchange;

  constructor(
    code: AtsErrorCode,
    message: string,
    exchange: RedactedExchange,
    options: AtsErrorOptions = {},
  ) {
    super(code, message, options);
    this.status = exchange.status;
    this.exchange = exchange;
  }
}

const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-.*(token|secret|signature|key).*)$/i;

/** Copies headers with every credential-bearing value replaced by `[redacted]`. */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) out[name] = SECRET_HEADER.test(name) ? "[redacted]" : value;
  return out;
}
