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
export { feedJobFromRecord } from "./feed-job-record";
export {
  DOCUMENT_RULES,
  FeedLinter,
  type FeedLinterOptions,
  type LintFeedOptions,
  type LintSummary,
  LintTally,
  lintFeed,
} from "./feed-linter";
export {
  type FeedEndEvent,
  type FeedErrorEvent,
  type FeedJobEvent,
  type FeedReadEvent,
  type FeedSource,
  type FeedStartEvent,
  type FetchLike,
  type ReadFeedOptions,
  readFeed,
} from "./feed-reader";
export { elementText, type FeedElementRecord, type FeedRecord } from "./feed-record";
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
export {
  employmentTypesOf,
  type JobPosting,
  type JobPostingOptions,
  jobPostingScript,
  type MonetaryAmount,
  parseJapaneseSalary,
  toJobPosting,
} from "./job-posting";
export type { LintFinding, LintLocation, LintSeverity } from "./lint-finding";
export {
  type BilingualMessage,
  LINT_RULE_IDS,
  LINT_RULES,
  type LintContext,
  type LintReport,
  type LintRule,
} from "./lint-rules";
export { DayFormatter, formatRfc1123, type ParsedFeedDate, parseRfc1123 } from "./rfc1123";
export {
  type ControlCharacterPolicy,
  cdata,
  hasXmlIllegalCharacters,
  removeXmlIllegalCharacters,
} from "./xml-text";
