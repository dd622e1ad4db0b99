import { type AtsErrorCode, HttpError } from "@org/ats-core";

/** The parts of a failed LINE response we keep (the SDK's `HTTPFetchError` or our own fetch). */
export interface LineFailure {
  status: number;
  body: string;
}

/** Reads LINE's error body: Messaging API `{ message, details }`, OAuth `{ error, error_description }`. */
export function lineErrorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const parts = [parsed["message"], parsed["error"], parsed["error_description"]].filter(
      (part): part is string => typeof part === "string" && part !== "",
    );
    const details = Array.isArray(parsed["details"])
      ? (parsed["details"] as { message?: unknown; property?: unknown }[])
          .map((d) => [d.property, d.message].filter((x) => typeof x === "string").join(": "))
          .filter((d) => d !== "")
      : [];
    return [...parts, ...details].join(" — ") || body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
}

function codeFor(status: number): AtsErrorCode {
  if (status === 401 || status === 403) return "auth_failed";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  return "http_error";
}

const HINTS: Record<number, string> = {
  400: "The request was refused; check the message and the user id.",
  401: "The channel access token is invalid or expired: issue a new one on the Messaging API tab of LINE Developers and update the settings.",
  403: "The channel is not allowed to use this API (plan or permission).",
  404: "LINE does not know this user for this channel (the user may have blocked the account, or the Login and Messaging API channels are under different providers).",
  429: "LINE's rate limit or the monthly message quota was reached; try later or raise the plan.",
};

/** An `HttpError` for a failed LINE call, with LINE's own words and what to do; credentials redacted. */
export function lineHttpError(
  operation: string,
  method: string,
  url: string,
  failure: LineFailure,
): HttpError {
  const hint =
    HINTS[failure.status] ?? (failure.status >= 500 ? "LINE had a temporary error; try again." : "");
  return new HttpError(
    codeFor(failure.status),
    `LINE ${operation} failed with ${failure.status}: ${lineErrorText(failure.body)}. ${hint}`.trim(),
    {
      method,
      url,
      requestHeaders: { authorization: "[redacted]" },
      status: failure.status,
      responseBody: failure.body.slice(0, 2000),
    },
  );
}
