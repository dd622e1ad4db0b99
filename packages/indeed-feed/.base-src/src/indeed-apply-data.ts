import { ConfigurationError, toValidationIssues, ValidationError, type ValidationIssue } from "@org/ats-core";
import { encryptIndeedApplyEmail } from "@org/indeed-apply";
import {
  type IndeedApplyData,
  IndeedApplyDataSchema,
  type IndeedApplySettingsInput,
  IndeedApplySettingsSchema,
  ResumeFieldSchema,
} from "./indeed-apply-settings";

/*
 * `<indeed-apply-data>` (SPEC §2; seed 004_7a98198eda9710f9.txt, "XMLフィードを利用した Indeed エントリーの追加"
 * and "Indeed エントリーXML要素の制限"): a URL-encoded query string whose keys carry the prefix
 * `indeed-apply-` ("data-indeed-apply-はprefix として使用しないでください"), no blank field ("そのフィールドを
 * 空白にすることはできません"), every URL fully URL-encoded.
 */

/** The key prefix of every parameter. */
export const INDEED_APPLY_PREFIX = "indeed-apply-";

type DataKey = Exclude<keyof IndeedApplyData, never>;

/** Parameters in the seed's order, with the property each maps to. */
const PARAMETERS: readonly (readonly [param: string, key: DataKey])[] = [
  ["apiToken", "apiToken"],
  ["jobTitle", "jobTitle"],
  ["jobId", "jobId"],
  ["jobCompanyName", "jobCompanyName"],
  ["jobLocation", "jobLocation"],
  ["jobUrl", "jobUrl"],
  ["jobMeta", "jobMeta"],
  ["postUrl", "postUrl"],
  ["email", "email"],
  ["locale", "locale"],
  ["phone", "phone"],
  ["coverletter", "coverLetter"],
  ["resume", "resume"],
  ["resumefieldsrequired", "resumeFieldsRequired"],
  ["resumefieldsoptional", "resumeFieldsOptional"],
  ["name", "name"],
  ["advNum", "advNum"],
  ["questions", "questions"],
];
const KEY_BY_PARAM = new Map(PARAMETERS.map(([param, key]) => [param.toLowerCase(), { param, key }]));
const LIST_KEYS = new Set<DataKey>(["resumeFieldsRequired", "resumeFieldsOptional"]);

/** The job fields `<indeed-apply-data>` must agree with. */
export interface IndeedApplyJobFields {
  /** `<title>`: becomes `jobTitle` (≤ 50 characters). */
  title: string;
  /** `<company>`: becomes `jobCompanyName`. */
  company: string;
}

/** Options of {@link buildIndeedApplyData}. */
export interface BuildIndeedApplyDataOptions {
  /** The tenant's Indeed API secret: needed when the settings carry `email` in clear. */
  apiSecret?: string;
}

function encodeParam(param: string, value: string): string {
  // URLSearchParams writes application/x-www-form-urlencoded: spaces as `+`, `:` and `/` as %3A and %2F,
  // which is the "fully URL-encoded" form of the seed's example (`http%3A%2F%2Fwww.indeed.com`).
  return new URLSearchParams([[`${INDEED_APPLY_PREFIX}${param}`, value]]).toString();
}

/**
 * Builds the text of `<indeed-apply-data>` for one job: validates the settings, takes `jobTitle` and
 * `jobCompanyName` from the job, encrypts a clear `email` with `@org/indeed-apply`'s
 * `encryptIndeedApplyEmail`, and URL-encodes every value under the `indeed-apply-` prefix.
 *
 * @throws ValidationError naming the field when a setting breaks a rule (blank, too long, HTTP
 *   postUrl, no postUrl nor e-mail, title over 50 characters, …).
 * @throws ConfigurationError when `email` is given in clear but no `apiSecret`.
 */
export async function buildIndeedApplyData(
  settings: IndeedApplySettingsInput,
  job: IndeedApplyJobFields,
  options: BuildIndeedApplyDataOptions = {},
): Promise<string> {
  const parsed = IndeedApplySettingsSchema.safeParse(settings);
  if (!parsed.success) throw new ValidationError("Indeed Apply settings", toValidationIssues(parsed.error));
  const { email, encryptedEmail, ...rest } = parsed.data;
  let encrypted = encryptedEmail;
  if (email !== undefined) {
    if (options.apiSecret === undefined) {
      throw new ConfigurationError(
        "apiSecret",
        "The Indeed Apply settings give an e-mail in clear, which must be encrypted with your Indeed API secret: pass apiSecret (or give encryptedEmail)",
      );
    }
    encrypted = await encryptIndeedApplyEmail(email, options.apiSecret);
  }
  return encodeIndeedApplyData({
    ...rest,
    jobTitle: job.title,
    jobCompanyName: job.company,
    email: encrypted,
  });
}

/**
 * Encodes already-complete `<indeed-apply-data>` fields (e-mail encrypted, title and company set) as the
 * URL-encoded query string. Validates first.
 *
 * @throws ValidationError naming the field when a value breaks a rule.
 */
export function encodeIndeedApplyData(
  data: { [K in keyof IndeedApplyData]?: IndeedApplyData[K] | undefined },
): string {
  const parsed = IndeedApplyDataSchema.safeParse(stripUndefined(data));
  if (!parsed.success) throw new ValidationError("Indeed Apply data", toValidationIssues(parsed.error));
  const parts: string[] = [];
  for (const [param, key] of PARAMETERS) {
    const value = parsed.data[key];
    if (value === undefined) continue;
    parts.push(encodeParam(param, Array.isArray(value) ? value.join(",") : String(value)));
  }
  return parts.join("&");
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** What {@link inspectIndeedApplyData} found: the decoded data when valid, and every problem. */
export interface IndeedApplyDataInspection {
  /** The decoded, valid data; `undefined` when any problem was found. */
  data: IndeedApplyData | undefined;
  /** Every problem, each naming the parameter (`path`) and the fix. */
  issues: ValidationIssue[];
}

function decodeFormValue(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    return undefined;
  }
}

/**
 * Decodes and checks the text of `<indeed-apply-data>` against every rule of the seed: the
 * `indeed-apply-` prefix (and not `data-indeed-apply-`), known parameters given once, no blank value,
 * valid percent-encoding, and — when `job` is given — `jobTitle` = `<title>` and `jobCompanyName` =
 * `<company>`. White space is ignored: URL-encoded text holds none, and feeds (like the seed's own
 * example) wrap long values across lines.
 */
export function inspectIndeedApplyData(text: string, job?: IndeedApplyJobFields): IndeedApplyDataInspection {
  const issues: ValidationIssue[] = [];
  const compact = text.replace(/\s+/g, "");
  const fields: Record<string, unknown> = {};
  if (compact === "") {
    issues.push({
      path: [],
      reason: "blank",
      message: "<indeed-apply-data> is empty: remove the element or fill in the settings",
    });
    return { data: undefined, issues };
  }
  for (const pair of compact.split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const rawKey = equals === -1 ? pair : pair.slice(0, equals);
    const rawValue = equals === -1 ? "" : pair.slice(equals + 1);
    const key = decodeFormValue(rawKey) ?? rawKey;
    if (key.startsWith(`data-${INDEED_APPLY_PREFIX}`)) {
      issues.push({
        path: [key],
        reason: "wrong_prefix",
        message: `"${key}": in the feed the prefix is "indeed-apply-", not "data-indeed-apply-" (that form is for the HTML button)`,
      });
      continue;
    }
    if (!key.startsWith(INDEED_APPLY_PREFIX)) {
      issues.push({
        path: [key],
        reason: "missing_prefix",
        message: `"${key}" lacks the "indeed-apply-" prefix every parameter needs`,
      });
      continue;
    }
    const param = key.slice(INDEED_APPLY_PREFIX.length);
    const known = KEY_BY_PARAM.get(param.toLowerCase());
    if (known === undefined) {
      issues.push({
        path: [param],
        reason: "unknown_parameter",
        message: `"${key}" is not an Indeed Apply parameter`,
      });
      continue;
    }
    const value = decodeFormValue(rawValue);
    if (value === undefined) {
      issues.push({
        path: [known.param],
        reason: "bad_encoding",
        message: `${key} is not valid URL encoding (a stray "%"?): encode the value with encodeURIComponent`,
      });
      continue;
    }
    if (value.trim() === "") {
      issues.push({
        path: [known.param],
        reason: "blank",
        message: `${key} is present but blank: Indeed rejects blank fields, so fill it in or leave it out`,
      });
      continue;
    }
    if (fields[known.key] !== undefined) {
      const message =
        known.key === "email"
          ? "indeed-apply-email is given twice: Indeed Apply takes exactly one address and drops the job otherwise"
          : `${key} is given twice: give it once`;
      issues.push({ path: [known.param], reason: "duplicate", message });
      continue;
    }
    fields[known.key] = LIST_KEYS.has(known.key) ? value.split(",").map((item) => item.trim()) : value;
  }
  if (typeof fields.email === "string" && /[@,;]/.test(fields.email)) {
    issues.push({
      path: ["email"],
      reason: "not_encrypted",
      message:
        "indeed-apply-email must hold one address encrypted with your API secret (hex), not a plain address or a list",
    });
    delete fields.email;
  }
  const parsed = IndeedApplyDataSchema.safeParse(fields);
  if (!parsed.success) {
    for (const issue of toValidationIssues(parsed.error)) {
      const key = issue.path[0];
      const param = PARAMETERS.find(([, k]) => k === key)?.[0] ?? key;
      issues.push({ ...issue, path: param === undefined ? issue.path : [param, ...issue.path.slice(1)] });
    }
  }
  if (job !== undefined) {
    if (typeof fields.jobTitle === "string" && fields.jobTitle !== job.title.trim()) {
      issues.push({
        path: ["jobTitle"],
        reason: "mismatch",
        message: `jobTitle "${fields.jobTitle}" must equal <title> "${job.title.trim()}"`,
      });
    }
    if (typeof fields.jobCompanyName === "string" && fields.jobCompanyName !== job.company.trim()) {
      issues.push({
        path: ["jobCompanyName"],
        reason: "mismatch",
        message: `jobCompanyName "${fields.jobCompanyName}" must equal <company> "${job.company.trim()}"`,
      });
    }
  }
  return { data: issues.length === 0 && parsed.success ? parsed.data : undefined, issues };
}

/**
 * Parses the text of `<indeed-apply-data>` back into typed data.
 *
 * @throws ValidationError listing every problem {@link inspectIndeedApplyData} finds.
 */
export function parseIndeedApplyData(text: string, job?: IndeedApplyJobFields): IndeedApplyData {
  const { data, issues } = inspectIndeedApplyData(text, job);
  if (data === undefined) throw new ValidationError("<indeed-apply-data>", issues);
  return data;
}

/** The resume fields Indeed Apply knows, for callers building settings from a UI. */
export const RESUME_FIELDS = ResumeFieldSchema.options;
