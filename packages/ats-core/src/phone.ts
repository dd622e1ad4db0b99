import { type CountryCode, isSupportedCountry, parsePhoneNumberWithError } from "libphonenumber-js/max";
import { ValidationError } from "./errors";
import type { SafeParseResult } from "./parse";

/** Options for {@link normalisePhone}. */
export interface NormalisePhoneOptions {
  /**
   * The region a number without a country code belongs to: the source's default (JP for Japanese
   * boards, VN for TopCV). Defaults to `JP`.
   */
  defaultRegion?: string;
}

/**
 * Normalises a phone number to E.164 (`090-1234-5678` → `+819012345678`) with libphonenumber-js's
 * full (`max`) metadata, which refuses numbers that merely look plausible. Full-width digits and
 * the usual punctuation are accepted. Never throws: see {@link normalisePhone} for the throwing form.
 */
export function safeNormalisePhone(
  input: string,
  options: NormalisePhoneOptions = {},
): SafeParseResult<string> {
  const region = (options.defaultRegion ?? "JP").toUpperCase();
  if (!isSupportedCountry(region)) {
    return failure(
      input,
      "invalid_region",
      `Unknown default region "${region}"; use an ISO 3166-1 alpha-2 code such as JP or VN`,
    );
  }
  if (typeof input !== "string")
    return failure(input, "invalid_type", `Expected a string, received ${typeof input}`);
  const text = input
    .normalize("NFKC")
    .replace(/[\u2010-\u2015\u2212\u30FC]/g, "-")
    .trim();
  if (!/\d/.test(text)) return failure(input, "invalid_phone", `"${input}" contains no digits`);
  try {
    const parsed = parsePhoneNumberWithError(text, { defaultCountry: region as CountryCode });
    if (!parsed.isValid()) {
      return failure(
        input,
        "invalid_phone",
        `"${input}" is not a valid phone number for region ${region}; give it in international form (+81…) or set the source's default region`,
      );
    }
    return { success: true, data: parsed.number };
  } catch (error) {
    return failure(
      input,
      "invalid_phone",
      `"${input}" is not a phone number (${(error as Error).message})`,
      error,
    );
  }
}

/** Like {@link safeNormalisePhone}, but throws a `ValidationError`. */
export function normalisePhone(input: string, options: NormalisePhoneOptions = {}): string {
  const result = safeNormalisePhone(input, options);
  if (!result.success) throw result.error;
  return result.data;
}

function failure(
  input: unknown,
  reason: string,
  message: string,
  cause: unknown = input,
): SafeParseResult<never> {
  return {
    success: false,
    error: new ValidationError("phone number", [{ path: [], reason, message }], { cause }),
  };
}
