import { describe, expect, it } from "vitest";
import {
  AtsError,
  ConfigurationError,
  CsvParseError,
  FeedParseError,
  formatPath,
  HttpError,
  redactHeaders,
  ValidationError,
  WebhookVerificationError,
} from "./errors";

describe("AtsError.is brand checks", () => {
  const validation = new ValidationError("job", [
    { path: ["title"], reason: "too_small", message: "Required" },
  ]);
  const configuration = new ConfigurationError("secret", "The secret is empty");

  it("recognises the class and its ancestors, not its siblings", () => {
    expect(AtsError.is(validation)).toBe(true);
    expect(ValidationError.is(validation)).toBe(true);
    expect(ConfigurationError.is(validation)).toBe(false);
    expect(ValidationError.is(configuration)).toBe(false);
    expect(WebhookVerificationError.is(new Error("plain"))).toBe(false);
    expect(AtsError.is("not an error")).toBe(false);
    expect(AtsError.is(null)).toBe(false);
  });

  it("works across copies of the package, where instanceof fails", () => {
    // Simulates an error created by another copy: a structurally identical object built elsewhere.
    const foreign = Object.create(Error.prototype) as Record<PropertyKey, unknown>;
    Object.defineProperty(foreign, Symbol.for("@org/ats-core/error-brands"), {
      value: ["@org/ats-core:ValidationError", "@org/ats-core:AtsError"],
    });
    expect(foreign instanceof ValidationError).toBe(false);
    expect(ValidationError.is(foreign)).toBe(true);
    expect(ConfigurationError.is(foreign)).toBe(false);
  });

  it("says how to call it when detached from its class", () => {
    const detached = ValidationError.is;
    expect(() => [validation].filter(detached as (value: unknown) => boolean)).toThrow(
      /Call is\(\) on the class/,
    );
  });

  it("carries code, name, cause and details", () => {
    const cause = new Error("underlying");
    const error = new FeedParseError({ line: 3, column: 14 }, "unclosed CDATA section", { cause });
    expect(error.code).toBe("feed_parse_failed");
    expect(error.name).toBe("FeedParseError");
    expect(error.message).toBe("line 3, column 14: unclosed CDATA section");
    expect(error.cause).toBe(cause);
    expect(new CsvParseError(7, "unbalanced quote").line).toBe(7);
    expect(new WebhookVerificationError("signature_mismatch", "bad").reason).toBe("signature_mismatch");
  });
});

describe("ValidationError", () => {
  it("lists every failing path in its message", () => {
    const error = new ValidationError("application", [
      { path: ["applicant", "email"], reason: "invalid_email", message: "not an e-mail address" },
      { path: ["answers", 2, "value"], reason: "too_big", message: "longer than 100 characters" },
    ]);
    expect(error.message).toContain("applicant.email: not an e-mail address");
    expect(error.message).toContain("answers[2].value: longer than 100 characters");
    expect(error.issues).toHaveLength(2);
  });

  it("formats the root path", () => {
    expect(formatPath([])).toBe("(root)");
    expect(formatPath(["rows", 3, "eventId"])).toBe("rows[3].eventId");
  });
});

describe("redactHeaders / HttpError", () => {
  it("never lets credentials through", () => {
    const headers = redactHeaders({
      Authorization: "Bearer abc",
      "X-Api-Key": "k",
      "X-TopCV-Secret": "s",
      "X-Indeed-Signature": "sig",
      "Content-Type": "application/json",
    });
    expect(headers).toEqual({
      Authorization: "[redacted]",
      "X-Api-Key": "[redacted]",
      "X-TopCV-Secret": "[redacted]",
      "X-Indeed-Signature": "[redacted]",
      "Content-Type": "application/json",
    });
    const error = new HttpError("rate_limited", "Too many requests", {
      method: "GET",
      url: "https://x.test/",
      requestHeaders: headers,
      status: 429,
    });
    expect(error.status).toBe(429);
    expect(HttpError.is(error)).toBe(true);
    expect(JSON.stringify(error.exchange)).not.toContain("Bearer");
  });
});
