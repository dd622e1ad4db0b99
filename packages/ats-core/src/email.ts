import { z } from "zod";
import { ValidationError } from "./errors";
import type { SafeParseResult } from "./parse";
import { toNfkc } from "./text";

/**
 * What the SDK accepts as a stored e-mail address: lower-case, one `@`, an ASCII domain with a dot.
 * The local part is permissive on purpose: Japanese carrier addresses such as `taro..@docomo.ne.jp`
 * exist and receive mail, although RFC 5322 forbids them.
 */
export const EMAIL_PATTERN =
  /^[^\s@"(),:;<>[\]\\]{1,64}@(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/;

/** A normalised e-mail address (see {@link normaliseEmail}). */
export const EmailSchema = z
  .string()
  .regex(EMAIL_PATTERN, "Expected a normalised e-mail address such as taro@example.co.jp");

/** Options for {@link normaliseEmail}. */
export interface NormaliseEmailOptions {
  /**
   * Apply mailbox-provider rules that map several spellings to one mailbox: Gmail ignores dots and
   * `+tags` (and googlemail.com is gmail.com); Outlook, iCloud, Fastmail and Proton ignore `+tags`.
   * Off by default: it is right for duplicate matching, wrong for sending mail.
   */
  providerRules?: boolean;
}

const PLUS_TAG_DOMAINS = new Set([
  "gmail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "icloud.com",
  "me.com",
  "fastmail.com",
  "proton.me",
  "protonmail.com",
]);

// Only these domains have rules (googlemail.com is gmail.com); other addresses stay as they are.
function hasProviderRules(domain: string): boolean {
  return domain === "googlemail.com" || PLUS_TAG_DOMAINS.has(domain);
}

function applyProviderRules(local: string, domain: string): string {
  const mailbox = domain === "googlemail.com" ? "gmail.com" : domain;
  let name = local;
  if (PLUS_TAG_DOMAINS.has(mailbox)) name = name.replace(/\+.*$/, "");
  if (mailbox === "gmail.com") name = name.replace(/\./g, "");
  return `${name}@${mailbox}`;
}

/**
 * Normalises an e-mail address: NFKC (full-width `ｔａｒｏ＠…` becomes ASCII), surrounding white
 * space, `mailto:` and angle brackets removed, lower-cased; provider rules only when asked.
 * Idempotent. Never throws: see {@link normaliseEmail} for the throwing form.
 */
export function safeNormaliseEmail(
  input: string,
  options: NormaliseEmailOptions = {},
): SafeParseResult<string> {
  if (typeof input !== "string") {
    return failure(input, "invalid_type", `Expected a string, received ${typeof input}`);
  }
  let text = toNfkc(input).trim().toLowerCase();
  if (text.startsWith("mailto:")) text = text.slice(7);
  if (text.startsWith("<") && text.endsWith(">")) text = text.slice(1, -1);
  text = text.trim();
  if (!EMAIL_PATTERN.test(text)) {
    return failure(
      input,
      "invalid_email",
      `"${input}" is not an e-mail address; expected the form name@example.co.jp`,
    );
  }
  if (options.providerRules) {
    const at = text.lastIndexOf("@");
    const domain = text.slice(at + 1);
    // Other domains have no rules: the address checked above is already the result (duplicate
    // matching applies the rules to every applicant's e-mail, so this skips a rebuild and a check).
    if (hasProviderRules(domain)) {
      text = applyProviderRules(text.slice(0, at), domain);
      if (!EMAIL_PATTERN.test(text)) {
        return failure(
          input,
          "invalid_email",
          `"${input}" has nothing left before the @ once provider rules apply`,
        );
      }
    }
  }
  return { success: true, data: text };
}

/** Like {@link safeNormaliseEmail}, but throws a `ValidationError` for something that is not an e-mail address. */
export function normaliseEmail(input: string, options: NormaliseEmailOptions = {}): string {
  const result = safeNormaliseEmail(input, options);
  if (!result.success) throw result.error;
  return result.data;
}

function failure(input: unknown, reason: string, message: string): SafeParseResult<never> {
  return {
    success: false,
    error: new ValidationError("e-mail address", [{ path: [], reason, message }], { cause: input }),
  };
}
