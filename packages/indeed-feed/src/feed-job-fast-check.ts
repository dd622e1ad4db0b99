import type { FeedJob } from "./feed-job";
import { isPlainWebUrl } from "./web-url";
import { isCertainlyNotWhiteSpace } from "./white-space";

/*
 * The writer's fast path. Validating every job with the zod schema costs more than writing it (about
 * 27 µs against 20 µs for a 3 KB job), so the writer first runs this hand-written check. It is sound,
 * not complete: whatever it accepts, FeedJobSchema accepts with the same output (a property test holds
 * it to that); whatever it does not recognise — ISO date strings, Indeed Apply settings, odd URLs — it
 * leaves to the schema, which also produces the error messages. Keys the schema does not know are
 * ignored on both paths (zod strips them; the writer only reads the layout's elements).
 *
 * Properties are read by name, one line each, rather than by looping over a list of keys: jobs of one
 * feed share a shape, so every read here stays a monomorphic inline cache instead of a megamorphic
 * keyed lookup (this runs for every job of feeds with hundreds of thousands).
 */

const NOT_BLANK = /\S/;
const isFilledText = (value: unknown): boolean =>
  typeof value === "string" && (isCertainlyNotWhiteSpace(value.charCodeAt(0)) || NOT_BLANK.test(value));
const isOptionalText = (value: unknown): boolean => value === undefined || typeof value === "string";
const isDate = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());
const isOptionalDate = (value: unknown): boolean => value === undefined || isDate(value);
const isWebUrl = (value: unknown): boolean =>
  typeof value === "string" &&
  (isPlainWebUrl(value) ||
    ((value.startsWith("https://") || value.startsWith("http://")) && URL.canParse(value)));
/** A comma list's items: not blank and free of commas (the feed separates items with commas). */
const isOptionalTextList = (value: unknown): boolean => {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!isFilledText(item) || (item as string).includes(",")) return false;
  return true;
};
const isUpperAscii = (code: number) => code >= 0x41 && code <= 0x5a;
/** Two capital letters (ISO 3166-1 alpha-2), read without a regular expression. */
const isCountry = (value: unknown): boolean =>
  value === undefined ||
  (typeof value === "string" &&
    value.length === 2 &&
    isUpperAscii(value.charCodeAt(0)) &&
    isUpperAscii(value.charCodeAt(1)));
const isHires = (value: unknown): boolean =>
  value === undefined ||
  typeof value === "string" ||
  (typeof value === "number" && Number.isSafeInteger(value) && value >= 0);
const isImageUrls = (value: unknown): boolean =>
  value === undefined || (Array.isArray(value) && value.every(isWebUrl));
/** Names are checked against the writer's layout, whose names were validated once. */
const isCustomElements = (value: unknown): boolean => {
  if (value === undefined) return true;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  for (const text of Object.values(value)) if (typeof text !== "string") return false;
  return true;
};

/** The job as the schema would output it, when the fast check can vouch for it; else `undefined`. */
export function fastCheckFeedJob(input: unknown): FeedJob | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return undefined;
  const job = input as Partial<Record<keyof FeedJob, unknown>>;
  const valid =
    isFilledText(job.title) &&
    isDate(job.date) &&
    isFilledText(job.referenceNumber) &&
    isOptionalText(job.requisitionId) &&
    isWebUrl(job.url) &&
    isFilledText(job.company) &&
    isFilledText(job.city) &&
    isFilledText(job.state) &&
    isCountry(job.country) &&
    isOptionalText(job.station) &&
    isOptionalText(job.postalCode) &&
    isOptionalText(job.streetAddress) &&
    isOptionalText(job.email) &&
    isFilledText(job.description) &&
    isOptionalText(job.salary) &&
    isOptionalText(job.education) &&
    isOptionalTextList(job.jobTypes) &&
    isOptionalTextList(job.categories) &&
    isOptionalText(job.experience) &&
    isOptionalDate(job.expirationDate) &&
    (job.trackingUrl === undefined || isWebUrl(job.trackingUrl)) &&
    isOptionalDate(job.lastActivityDate) &&
    isOptionalText(job.timeShift) &&
    isOptionalText(job.subwayAccess) &&
    isOptionalText(job.rawLocation) &&
    isOptionalDate(job.expDate) &&
    isOptionalText(job.benefits) &&
    isOptionalText(job.rawSalary) &&
    isHires(job.hires) &&
    isOptionalTextList(job.keywords) &&
    isImageUrls(job.imageUrls) &&
    isOptionalText(job.sourceName) &&
    isOptionalText(job.remoteType) &&
    isOptionalText(job.apiJobId) &&
    // Indeed Apply settings are the schema's business (nested, with their own rules).
    job.indeedApply === undefined &&
    isCustomElements(job.customElements);
  if (!valid) return undefined;
  return (job.country === undefined ? { ...job, country: "JP" } : job) as FeedJob;
}
