/**
 * `@org/line-link`: LINE for ATSs — per-tenant settings and the URLs recruiters paste into LINE
 * Developers, the webhook (verified over raw bytes, stored once in an inbox before answering,
 * processed after), candidate conversations with the unread rule, sending text through the
 * Messaging API, linking URLs and the LINE Login callback, and "verify settings".
 *
 * @packageDocumentation
 */

export {
  type CandidatePage,
  type CandidatePageKind,
  candidatePage,
  renderCandidatePage,
} from "./candidate-page";
export {
  type ConversationMessage,
  ConversationMessageSchema,
  type ConversationStore,
  InMemoryConversationStore,
  isThreadUnread,
  type MessageKind,
  MessageKindSchema,
  type ThreadState,
} from "./conversation-store";
export {
  Conversations,
  type ConversationsOptions,
  MAX_MESSAGES_PER_PUSH,
  MAX_TEXT_LENGTH,
  type SendOptions,
  type SendResult,
} from "./conversations";
export {
  type CandidateMessageHook,
  type CandidateMessageNotification,
  LineEventProcessor,
  type LineEventProcessorOptions,
  type ProcessedEvent,
} from "./event-processor";
export {
  type IdTokenFailure,
  type IdTokenResult,
  LINE_ID_TOKEN_ISSUER,
  type LineIdTokenClaims,
  verifyLineIdToken,
} from "./id-token";
export { lineErrorText } from "./line-http-error";
export {
  createInMemoryLineStores,
  createLineLink,
  type LineLink,
  type LineLinkDependencies,
  type LineLinkStores,
} from "./line-link";
export {
  type CandidateLink,
  CandidateLinkSchema,
  InMemoryLinkStore,
  type LinkStore,
  type LoginTokens,
  LoginTokensSchema,
} from "./link-store";
export {
  type CallbackResult,
  LINE_AUTHORIZE_URL,
  LineLinking,
  type LineLinkingOptions,
  type LinkingUrl,
  type LinkStartResult,
  type UnlinkResult,
} from "./linking";
export {
  InMemoryLinkingStore,
  type LinkingStore,
  type LinkingUrlRecord,
  type LoginAttempt,
} from "./linking-store";
export { type LinkingTokenFailure, LinkingTokenSigner } from "./linking-token";
export { consoleLogger, type LineLinkLogger } from "./logger";
export {
  LineLoginClient,
  type LineLoginClientOptions,
  type LoginOAuthFailure,
  type LoginTokenResponse,
} from "./login-client";
export { type DisplayedMessage, displayMessage } from "./message-display";
export {
  assertUserId,
  createMessagingClient,
  type LineMessagingClient,
  type MessagingClientOptions,
  type PushResult,
  type WebhookTestResult,
} from "./messaging-client";
export {
  type Language,
  LanguageSchema,
  type LineEmojiDisplay,
  LineEmojiDisplaySchema,
  type LineLinkSettings,
  type LineLinkSettingsInput,
  LineLinkSettingsSchema,
  LoginChannelSettingsSchema,
  MessagingChannelSettingsSchema,
  parseLineLinkSettings,
  safeParseLineLinkSettings,
} from "./settings";
export { LINE_PATHS, type LineUrls, lineUrls } from "./urls";
export {
  type Bilingual,
  type ManualCheck,
  type SettingsProblem,
  type SettingsProblemCode,
  type SettingsReport,
  type VerifySettingsOptions,
  verifySettings,
} from "./verify-settings";
export {
  EventSourceSchema,
  LINE_USER_ID_PATTERN,
  type LineEmoji,
  LineEmojiSchema,
  type LineMessage,
  LineMessageSchema,
  LineUserIdSchema,
  WebhookBodySchema,
  type WebhookEventEnvelope,
  WebhookEventEnvelopeSchema,
} from "./webhook-event";
export {
  LINE_INBOX_PROVIDER,
  LineWebhookReceiver,
  type LineWebhookReceiverOptions,
  lineInboxId,
  type SkippedEvent,
  type WebhookReceipt,
} from "./webhook-receiver";
export { createLineSignatureVerifier, type LineSignatureVerifier } from "./webhook-signature";
