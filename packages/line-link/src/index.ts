/**
 * `@org/line-link`: LINE for ATSs — per-tenant settings and the URLs recruiters paste into LINE
 * Developers, the webhook (verified over raw bytes, stored once in an inbox before answering,
 * processed after), candidate conversations with the unread rule, sending text through the
 * Messaging API, linking URLs and the LINE Login callback, and "verify settings".
 *
 * @packageDocumentation
 */

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
export { lineErrorText } from "./line-http-error";
export {
  type CandidateLink,
  CandidateLinkSchema,
  InMemoryLinkStore,
  type LinkStore,
  type LoginTokens,
  LoginTokensSchema,
} from "./link-store";
export { consoleLogger, type LineLinkLogger } from "./logger";
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
