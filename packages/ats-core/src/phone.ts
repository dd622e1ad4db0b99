import {
  type CountryCode,
  isSupportedCountry,
  PhoneNumber,
  parsePhoneNumberWithError,
} from "libphonenumber-js/max";
import { ValidationError } from "./errors";
import type { SafeParseResult } from "./parse";
import { toNfkc } from "./text";

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
  const text = toNfkc(input)
    .replace(/[\u2010-\u2015\u2212\u30FC]/g, "-")
    .trim();
  if (!/\d/.test(text)) return failure(input, "invalid_phone", `"${input}" contains no digits`);
  if (region === "JP") {
    const e164 = japaneseNationalNumber(text);
    if (e164 !== undefined) {
      if (new PhoneNumber(e164 as ConstructorParameters<typeof PhoneNumber>[0]).isValid())
        return { success: true, data: e164 };
      return invalidForRegion(input, region);
    }
  }
  try {
    const parsed = parsePhoneNumberWithError(text, { defaultCountry: region as CountryCode });
    if (!parsed.isValid()) return invalidForRegion(input, region);
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

/**
 * The usual way a Japanese number is written — national form, `0` then nine or ten digits, with
 * optional hyphens, spaces or brackets (`090-1234-5678`, `03 (1234) 5678`) — read without the
 * general parser, which costs three times as much and is most of an import's normalisation time.
 * For these inputs the general parser does exactly this: JP's national prefix is `0`, and no JP
 * national number starts with `0` followed by another digit, so the prefix is always stripped
 * (`010…` excepted: Japan's international call prefix, left to the general parser).
 * Returns the E.164 form, to be validated with the same full metadata; a test checks that the two
 * paths agree.
 */
function japaneseNationalNumber(text: string): string | undefined {
  if (!JAPANESE_NATIONAL_FORM.test(text)) return undefined;
  const digits = text.replace(SEPARATORS, "");
  if (!NATIONAL_DIGITS.test(digits)) return undefined;
  // One flat string: it is stored with every candidate.
  return ["+81", digits.slice(1)].join("");
}

const JAPANESE_NATIONAL_FORM = /^[\d\s()-]+$/;
const SEPARATORS = /[\s()-]/g;
// Not `010…`: that is Japan's international call prefix, which the general parser reads as such.
const NATIONAL_DIGITS = /^0(?:[2-9]\d|1[1-9])\d{7,8}$/;

function invalidForRegion(input: string, region: string): SafeParseResult<never> {
  return failure(
    input,
    "invalid_phone",
    `"${input}" is not a valid phone number for region ${region}; give it in international form (+81…) or set the source's default region`,
  );
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
