import { createParsers, type SafeParseResult } from "@org/ats-core";
import { FEED_ELEMENTS, type FeedJob, FeedJobSchema } from "./feed-job";
import type { FeedRecord } from "./feed-record";
import { inspectIndeedApplyData } from "./indeed-apply-data";
import { parseRfc1123 } from "./rfc1123";

/**
 * Turns a job read from a feed into a typed {@link FeedJob}: dates parsed from RFC 1123, comma lists
 * split, `<indeed-apply-data>` decoded (its e-mail kept encrypted), unknown elements kept as
 * `customElements`, empty elements left out. Fails with a `ValidationError` naming each field that does
 * not fit (run the linter for the full list of Indeed's rules).
 */
export function feedJobFromRecord(record: FeedRecord): SafeParseResult<FeedJob> {
  const input: Record<string, unknown> = {};
  const custom: Record<string, string> = {};
  for (const [name, element] of record.elements) {
    const text = element.text.trim();
    const standard = FEED_ELEMENTS.find((entry) => entry.element === name);
    if (standard === undefined) {
      custom[name] = element.text;
      continue;
    }
    if (text === "") continue;
    switch (standard.kind) {
      case "instant":
      case "day":
        input[standard.key] = parseRfc1123(text)?.date ?? text;
        break;
      case "list":
        input[standard.key] = text
          .split(",")
          .map((item) => item.trim())
          .filter((item) => item !== "");
        break;
      case "indeed-apply": {
        // Invalid data is kept as text, so that the schema reports it under `indeedApply`.
        const { data } = inspectIndeedApplyData(text);
        if (data === undefined) {
          input[standard.key] = text;
        } else {
          const { jobTitle: _title, jobCompanyName: _company, email, ...settings } = data;
          input[standard.key] = email === undefined ? settings : { ...settings, encryptedEmail: email };
        }
        break;
      }
      case "html":
        input[standard.key] = element.text;
        break;
      default:
        input[standard.key] = text;
    }
  }
  if (Object.keys(custom).length > 0) input.customElements = custom;
  return parsersFor(record).safeParse(input);
}

function parsersFor(record: FeedRecord) {
  return createParsers(`feed job at line ${record.line}`, FeedJobSchema);
}
