/**
 * `@org/indeed-feed`: write, stream, lint and read Indeed XML job feeds, and publish the same jobs as
 * schema.org `JobPosting` JSON-LD.
 *
 * @packageDocumentation
 */

export {
  FEED_ELEMENTS,
  type FeedElement,
  type FeedElementKind,
  type FeedJob,
  type FeedJobInput,
  FeedJobSchema,
  findFeedElement,
  parseFeedJob,
  REQUIRED_ELEMENTS,
  safeParseFeedJob,
} from "./feed-job";
export {
  DEFAULT_OPTIONAL_ELEMENTS,
  FeedWriter,
  type FeedWriterOptions,
  type OptionalElementName,
  writeFeedToString,
} from "./feed-writer";
export {
  type FromAtsJobOptions,
  feedJobFromAtsJob,
  feedJobsFromAtsJobs,
  INDEED_JOB_TYPES,
  withIndeedSource,
} from "./from-ats-job";
export {
  type BuildIndeedApplyDataOptions,
  buildIndeedApplyData,
  encodeIndeedApplyData,
  INDEED_APPLY_PREFIX,
  type IndeedApplyDataInspection,
  type IndeedApplyJobFields,
  inspectIndeedApplyData,
  parseIndeedApplyData,
  RESUME_FIELDS,
} from "./indeed-apply-data";
export {
  type ApplyFieldMode,
  ApplyFieldModeSchema,
  EncryptedEmailSchema,
  type IndeedApplyData,
  IndeedApplyDataSchema,
  type IndeedApplySettings,
  type IndeedApplySettingsInput,
  IndeedApplySettingsSchema,
  type ResumeField,
  ResumeFieldSchema,
} from "./indeed-apply-settings";
export { DayFormatter, formatRfc1123, type ParsedFeedDate, parseRfc1123 } from "./rfc1123";
export {
  type ControlCharacterPolicy,
  cdata,
  hasXmlIllegalCharacters,
  removeXmlIllegalCharacters,
} from "./xml-text";
