/**
 * `@org/ats-core`: the shared model of the ATS integrations SDK — jobs, candidates, applications
 * and their sources; normalisation of Japanese and Vietnamese names, e-mails and phones; duplicate
 * detection; routing rules; route naming; the error family; storage ports; and the HMAC helper the
 * webhook packages share.
 *
 * @packageDocumentation
 */

export {
  type Answer,
  AnswerSchema,
  type Application,
  type ApplicationFlag,
  ApplicationFlagSchema,
  type ApplicationHistoryEntry,
  ApplicationHistoryEntrySchema,
  type ApplicationInput,
  ApplicationSchema,
  type Attachment,
  AttachmentSchema,
  hasFlag,
  parseApplication,
  safeParseApplication,
} from "./application";
export {
  type ApplicantDetails,
  type ApplicationDraft,
  ApplicationRecorder,
  type ApplicationRecorderOptions,
  type IncomingFile,
  type RecordOutcome,
} from "./application-recorder";
export { type BlobStore, blobKeyFor, blobKeyOfHash, InMemoryBlobStore, sha256Hex } from "./blob-store";
export { type BodySource, concatBytes, PayloadTooLargeError, readBodyWithLimit } from "./body-reader";
export { base64ToBytes, bytesToBase64, bytesToHex, hexToBytes, toBytes } from "./bytes";
export {
  type Candidate,
  type CandidateInput,
  CandidateSchema,
  E164Schema,
  type NameReading,
  NameReadingSchema,
  type PersonName,
  PersonNameSchema,
  parseCandidate,
  safeParseCandidate,
} from "./candidate";
export { type CsvOptions, type CsvRow, CsvTokenizer, parseCsv, streamCsv } from "./csv";
export { asciiNumberAt, CalendarDateSchema, InstantSchema, isCalendarDay, parseBirthDate } from "./dates";
export {
  CandidateMerger,
  type CandidateMergerDeps,
  type CloseAsDuplicateOptions,
  closeAsDuplicate,
  flagPossibleDuplicate,
  type MergeOptions,
  POSSIBLE_DUPLICATE_FLAG,
} from "./duplicate-actions";
export {
  type DuplicateApplicationDecision,
  DuplicateApplicationDetector,
  type DuplicateApplicationOptions,
  type DuplicateApplicationRule,
  type IncomingApplication,
} from "./duplicate-application";
export {
  EMAIL_PATTERN,
  EmailSchema,
  type NormaliseEmailOptions,
  normaliseEmail,
  safeNormaliseEmail,
} from "./email";
export {
  AtsError,
  type AtsErrorCode,
  type AtsErrorOptions,
  ConfigurationError,
  ConflictError,
  CsvParseError,
  FeedParseError,
  formatPath,
  HttpError,
  NotFoundError,
  type RedactedExchange,
  redactHeaders,
  type TextLocation,
  ValidationError,
  type ValidationIssue,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from "./errors";
export {
  type AtsEvent,
  EventSchema,
  parseEvent,
  parseReservation,
  type Reservation,
  ReservationSchema,
  safeParseEvent,
  safeParseReservation,
} from "./event";
export { createHmacKey, type HmacAlgorithm, type HmacKey, timingSafeEqual } from "./hmac";
export {
  type EmploymentType,
  EmploymentTypeSchema,
  firstStage,
  isJobAcceptingApplications,
  type Job,
  type JobInput,
  type JobLocation,
  JobLocationSchema,
  JobSchema,
  parseJob,
  type Stage,
  StageSchema,
  safeParseJob,
} from "./job";
export { normaliseReading, readingKey, toKatakana } from "./kana";
export {
  createInMemoryStores,
  InMemoryApplicationStore,
  InMemoryCandidateIndex,
  InMemoryCandidateStore,
  InMemoryJobStore,
  InMemoryMergeRecordStore,
  InMemoryRoutingRuleStore,
} from "./memory-stores";
export { type MergeRecord, MergeRecordSchema } from "./merge-record";
export { createParsers, type SafeParseResult, toValidationIssues } from "./parse";
export { type NormalisePhoneOptions, normalisePhone, safeNormalisePhone } from "./phone";
export { importPositionTable, type PositionTableOptions } from "./position-table";
export {
  candidateKeys,
  DEFAULT_MATCH_RULES,
  MAX_MATCHES_PER_KEY,
  type MatchableCandidate,
  type MatchField,
  MatchFieldSchema,
  type MatchRule,
  MatchRuleSchema,
  MatchRulesSchema,
  matchCandidates,
  type PossibleDuplicate,
  PossibleDuplicateDetector,
  type PossibleDuplicateOptions,
  parseMatchRules,
  type RuleMatch,
} from "./possible-duplicate";
export { randomId } from "./random-id";
export { DEFAULT_ROUTE_TEMPLATES, RouteNamer, type RouteNamingOptions } from "./route-naming";
export {
  compileRoutingRules,
  type JobLookup,
  type PositionMatch,
  PositionMatchSchema,
  parseRoutingRuleSet,
  positionKey,
  Router,
  type RoutingInput,
  type RoutingResult,
  type RoutingRule,
  type RoutingRuleInput,
  RoutingRuleSchema,
  type RoutingRuleSet,
  RoutingRuleSetSchema,
  type RuleEvaluation,
  safeParseRoutingRuleSet,
} from "./routing-rules";
export {
  type ApplicationSource,
  ApplicationSourceSchema,
  parseApplicationSource,
  type RouteKind,
  RouteKindSchema,
  safeParseApplicationSource,
} from "./source";
export type {
  ApplicationStore,
  AtsStores,
  CandidateIndex,
  CandidateStore,
  ExternalApplicationKey,
  JobStore,
  MergeRecordStore,
  RoutingRuleStore,
} from "./stores";
export { nameKey, normaliseText, tidyText, toNfkc } from "./text";
export { type InboxDelivery, InMemoryWebhookInbox, type WebhookInbox } from "./webhook-inbox";
