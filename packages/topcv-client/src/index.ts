/**
 * `@org/topcv-client`: post ATS jobs to TopCV and receive CVs and posting notifications by webhook.
 *
 * TopCV's partner API is not public. Everything TopCV-specific (base URL, paths, headers, field
 * names, webhook payloads) is OUR assumed contract, kept in one module (`contract.ts`) and written
 * down in docs/topcv-api.md (repository root), so that it can be aligned once TopCV's specification is in hand.
 *
 * @packageDocumentation
 */

export {
  type ConnectionStatus,
  type ConnectionStore,
  createEndpointToken,
  InMemoryConnectionStore,
  isEndpointTokenShape,
  type TopCvConnectionRecord,
  TopCvConnections,
  type TopCvConnectionsOptions,
  type TopCvCredentials,
} from "./connections";
export {
  ASSUMED_BASE_URL,
  authHeaders,
  CONTRACT_VERSION,
  fieldErrorsFrom,
  formatWebhookSignature,
  HEADERS,
  mapWebhookPayload,
  PATHS,
  type PostingContent,
  type PostingSalary,
  type PostingStatus,
  PostingStatusSchema,
  parseWebhookSignature,
  type TopCvApplicationEvent,
  type TopCvEmployer,
  type TopCvFieldError,
  type TopCvPosting,
  type TopCvPostingReviewedEvent,
  type TopCvUnknownEvent,
  type TopCvWebhookEvent,
  toWireJob,
  WEBHOOK_EVENTS,
  type WebhookMapping,
} from "./contract";
export {
  TopCvAuthError,
  TopCvNetworkError,
  TopCvNotFoundError,
  TopCvRateLimitError,
  TopCvResponseShapeError,
  TopCvResponseTooLargeError,
  TopCvServerError,
  TopCvTimeoutError,
  TopCvValidationError,
} from "./errors";
export { createTopCvFetchHandler, type TopCvFetchHandlerOptions } from "./fetch-handler";
export {
  ExperienceSchema,
  JobLevelSchema,
  PostingSalarySchema,
  preparePosting,
  type TopCvPostingFields,
  TopCvPostingFieldsSchema,
  WorkplaceSchema,
} from "./posting-fields";
export { InMemoryPostingLog, type PostingLog, type PostingLogEntry } from "./posting-log";
export { InMemoryPostingStore, type PostingStore } from "./posting-store";
export { type RequestHeaders, readHeader } from "./request-headers";
export {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
} from "./retry-policy";
export { type CallOptions, TopCvClient, type TopCvClientOptions } from "./topcv-client";
export {
  type FetchLike,
  type RetryNotice,
  type Sleep,
  TopCvHttp,
  type TopCvHttpOptions,
  type TopCvHttpRequest,
  type TopCvHttpResponse,
} from "./topcv-http";
export { connectionReceiverResolver, handleTopCvWebhook, type ReceiverResolver } from "./webhook-endpoints";
export {
  DEFAULT_MAX_WEBHOOK_BYTES,
  type PostingReviewNotice,
  type ProcessingOutcome,
  TOPCV_PROVIDER,
  type TopCvWebhookCode,
  TopCvWebhookReceiver,
  type TopCvWebhookReceiverOptions,
  type TopCvWebhookRequest,
  type TopCvWebhookResponse,
  type UnassignedApplicationReport,
} from "./webhook-receiver";
export { createTopCvSignatureVerifier, type TopCvSignatureVerifier } from "./webhook-signature";
