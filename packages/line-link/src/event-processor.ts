import type { InboxDelivery, WebhookInbox } from "@org/ats-core";
import type { ConversationMessage, ConversationStore } from "./conversation-store";
import type { LinkStore } from "./link-store";
import { consoleLogger, type LineLinkLogger } from "./logger";
import { displayMessage } from "./message-display";
import type { Language, LineEmojiDisplay } from "./settings";
import { LINE_USER_ID_PATTERN, WebhookEventEnvelopeSchema } from "./webhook-event";
import { LINE_INBOX_PROVIDER } from "./webhook-receiver";

/** What the notification hook receives when a candidate's message is stored. */
export interface CandidateMessageNotification {
  candidateId: string;
  message: ConversationMessage;
}

/** Called once per new candidate message (e.g. to send the recruiter an e-mail). Errors are logged, not retried. */
export type CandidateMessageHook = (notification: CandidateMessageNotification) => void | Promise<void>;

/** What processing did with one stored event. */
export interface ProcessedEvent {
  inboxId: string;
  type: string;
  outcome:
    | "message_stored"
    | "message_duplicate"
    | "followed"
    | "unfollowed"
    /** From a LINE user linked to no candidate: kept in the inbox (processed), nothing else stored. */
    | "unlinked_user"
    | "ignored"
    | "failed";
  candidateId?: string;
  error?: string;
}

/** Dependencies of {@link LineEventProcessor}. */
export interface LineEventProcessorOptions {
  inbox: WebhookInbox;
  links: LinkStore;
  conversations: ConversationStore;
  lineEmoji: LineEmojiDisplay;
  language: Language;
  onCandidateMessage?: CandidateMessageHook;
  logger?: LineLinkLogger;
  now?: () => Date;
}

/**
 * The processing half of the webhook: takes what the receiver stored and applies it —
 * `follow`/`unfollow` mark the link reachable/unreachable, `message` adds to the candidate's
 * conversation and calls the notification hook. Run it after answering LINE, and at start-up
 * for what a crash left pending. Each event is applied once: the inbox marks it processed, and
 * message ids are unique in the conversation store, so a retry after a crash adds nothing twice.
 */
export class LineEventProcessor {
  constructor(private readonly options: LineEventProcessorOptions) {}

  /** Processes pending (and previously failed) LINE deliveries, oldest first. */
  async processPending(options: { limit?: number } = {}): Promise<ProcessedEvent[]> {
    const pending = await this.options.inbox.pending({ provider: LINE_INBOX_PROVIDER, ...options });
    const results: ProcessedEvent[] = [];
    for (const delivery of pending) results.push(await this.processDelivery(delivery));
    return results;
  }

  /** Processes one stored delivery and marks it processed or failed. */
  async processDelivery(delivery: InboxDelivery): Promise<ProcessedEvent> {
    const now = this.options.now ?? (() => new Date());
    let result: ProcessedEvent;
    try {
      result = await this.apply(delivery);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.options.inbox.markFailed(delivery.id, message, now());
      (this.options.logger ?? consoleLogger).warn("LINE event failed; it stays pending", {
        inboxId: delivery.id,
        error: message,
      });
      return { inboxId: delivery.id, type: "unknown", outcome: "failed", error: message };
    }
    await this.options.inbox.markProcessed(delivery.id, now());
    return result;
  }

  private async apply(delivery: InboxDelivery): Promise<ProcessedEvent> {
    const event = WebhookEventEnvelopeSchema.parse(JSON.parse(delivery.body));
    const base = { inboxId: delivery.id, type: event.type };
    const userId = event.source?.type === "user" ? event.source.userId : undefined;
    if (userId === undefined || !LINE_USER_ID_PATTERN.test(userId)) return { ...base, outcome: "ignored" };
    const at = new Date(event.timestamp);

    switch (event.type) {
      case "follow":
      case "unfollow": {
        const reachable = event.type === "follow";
        const known = await this.options.links.setReachable(userId, reachable, at);
        if (!known) return { ...base, outcome: "unlinked_user" };
        const link = await this.options.links.getByLineUser(userId);
        return {
          ...base,
          outcome: reachable ? "followed" : "unfollowed",
          ...(link && { candidateId: link.candidateId }),
        };
      }
      case "message": {
        const link = await this.options.links.getByLineUser(userId);
        if (link === undefined) return { ...base, outcome: "unlinked_user" };
        const raw = (event as { message?: unknown }).message;
        const line = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
        const shown = displayMessage(raw, this.options);
        const lineMessageId = typeof line["id"] === "string" ? line["id"] : event.webhookEventId;
        const message: ConversationMessage = {
          id: `line:${lineMessageId}`,
          candidateId: link.candidateId,
          direction: "inbound",
          at,
          kind: shown.kind,
          text: shown.text,
          ...(shown.originalText !== undefined && { originalText: shown.originalText }),
          line,
          lineMessageId,
        };
        const added = await this.options.conversations.append(message);
        if (!added) return { ...base, outcome: "message_duplicate", candidateId: link.candidateId };
        await this.notify({ candidateId: link.candidateId, message });
        return { ...base, outcome: "message_stored", candidateId: link.candidateId };
      }
      default:
        return { ...base, outcome: "ignored" };
    }
  }

  private async notify(notification: CandidateMessageNotification) {
    const hook = this.options.onCandidateMessage;
    if (hook === undefined) return;
    try {
      await hook(notification);
    } catch (error) {
      (this.options.logger ?? consoleLogger).warn("Notification hook failed (the message is stored)", {
        candidateId: notification.candidateId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
