import {
  ConflictError,
  HttpError,
  NotFoundError,
  ValidationError,
  type ValidationIssue,
} from "@org/ats-core";
import type { ConversationMessage, ConversationStore } from "./conversation-store";
import { isThreadUnread } from "./conversation-store";
import type { LinkStore } from "./link-store";
import { assertUserId, type LineMessagingClient } from "./messaging-client";

/** LINE's limits for a push: text messages of at most 5000 characters (UTF-16 code units), at most 5 a push. */
export const MAX_TEXT_LENGTH = 5000;
/** @see MAX_TEXT_LENGTH */
export const MAX_MESSAGES_PER_PUSH = 5;

/** Options of {@link Conversations.send}. */
export interface SendOptions {
  /** The recruiter sending (stored with the messages). */
  sentBy?: string;
  /**
   * The `X-Line-Retry-Key` (a UUID). Pass the same key to retry a send whose outcome is unknown:
   * LINE answers 409 and nothing is sent twice. Generated when omitted.
   */
  retryKey?: string;
}

/** The outcome of a send. */
export interface SendResult {
  retryKey: string;
  messages: ConversationMessage[];
  /** True when LINE had already accepted this retry key (409): sent by an earlier attempt. */
  alreadyAccepted: boolean;
  attempts: number;
}

/** Dependencies of {@link Conversations}. */
export interface ConversationsOptions {
  links: LinkStore;
  conversations: ConversationStore;
  messaging: LineMessagingClient;
  /** Attempts for a push on timeout, network error or 5xx, all with the same retry key. Default 3. */
  maxAttempts?: number;
  /** Wait between attempts (ms → promise). Default: 500 ms × attempt. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  newRetryKey?: () => string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A tenant's LINE conversations with candidates: sending text, history, and the unread rule
 * (seed 003_bf749bcc0dbdcb3a.txt: unread while the latest message is the candidate's; "既読にする"
 * or a reply makes it read), with unread counts for the dashboard and a flag for candidate lists.
 */
export class Conversations {
  private readonly now: () => Date;

  constructor(private readonly options: ConversationsOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Sends text to a linked candidate in one push (1–5 messages of 1–5000 UTF-16 units each) and
   * stores it in the conversation, which makes the thread read.
   * @throws ValidationError for bad texts or a stored user id that is not a LINE user id (before any call)
   * @throws NotFoundError when the candidate is not linked
   * @throws ConflictError when the candidate blocked the account (LINE would accept the push and never deliver it)
   * @throws HttpError when LINE refuses or does not answer after every attempt
   */
  async send(
    candidateId: string,
    text: string | readonly string[],
    options: SendOptions = {},
  ): Promise<SendResult> {
    const texts = typeof text === "string" ? [text] : [...text];
    validateTexts(texts);
    const link = await this.options.links.getByCandidate(candidateId);
    if (link === undefined) {
      throw new NotFoundError(
        candidateId,
        `Candidate ${candidateId} is not linked to LINE. Send them a linking URL first.`,
      );
    }
    assertUserId(link.lineUserId, ["link", "lineUserId"]);
    if (!link.reachable) {
      throw new ConflictError(
        candidateId,
        `Candidate ${candidateId} blocked or removed the LINE account (unfollow). LINE would accept the message and never deliver it; contact them another way.`,
      );
    }
    const retryKey = options.retryKey ?? (this.options.newRetryKey ?? (() => crypto.randomUUID()))();
    if (!UUID.test(retryKey)) {
      throw new ValidationError("send options", [
        { path: ["retryKey"], reason: "invalid_format", message: "X-Line-Retry-Key must be a UUID." },
      ]);
    }

    const maxAttempts = this.options.maxAttempts ?? 3;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let attempts = 0;
    let result: Awaited<ReturnType<LineMessagingClient["pushText"]>>;
    for (;;) {
      attempts++;
      try {
        result = await this.options.messaging.pushText(link.lineUserId, texts, retryKey);
        break;
      } catch (error) {
        if (attempts >= maxAttempts || !isRetryable(error)) throw error;
        await sleep(500 * attempts);
      }
    }

    const at = this.now();
    const messages: ConversationMessage[] = texts.map((t, index) => {
      const lineMessageId = result.sentMessageIds[index];
      return {
        id: `out:${retryKey}:${index}`,
        candidateId,
        direction: "outbound",
        at,
        kind: "text",
        text: t,
        ...(lineMessageId !== undefined && { lineMessageId }),
        ...(options.sentBy !== undefined && { sentBy: options.sentBy }),
      };
    });
    for (const message of messages) await this.options.conversations.append(message);
    return { retryKey, messages, alreadyAccepted: result.alreadyAccepted, attempts };
  }

  /** A candidate's messages, oldest first (`limit` keeps the newest; `before` pages back). */
  history(candidateId: string, options: { before?: Date; limit?: number } = {}) {
    return this.options.conversations.list(candidateId, options);
  }

  /** "既読にする": marks the candidate's thread read. */
  markRead(candidateId: string) {
    return this.options.conversations.markRead(candidateId, this.now());
  }

  /** The per-candidate flag for candidate lists (the ✉ icon). */
  async isUnread(candidateId: string): Promise<boolean> {
    return isThreadUnread(await this.options.conversations.thread(candidateId));
  }

  /** The tenant's count of unread threads, for the dashboard. */
  async unreadCount(): Promise<number> {
    return (await this.options.conversations.unreadCandidateIds()).length;
  }

  /** The candidates with an unread thread (the list filter "未読メールのある候補者のみ"). */
  unreadCandidateIds(): Promise<string[]> {
    return this.options.conversations.unreadCandidateIds();
  }
}

function validateTexts(texts: readonly string[]) {
  const issues: ValidationIssue[] = [];
  if (texts.length === 0 || texts.length > MAX_MESSAGES_PER_PUSH) {
    issues.push({
      path: ["messages"],
      reason: texts.length === 0 ? "too_small" : "too_big",
      message: `A push holds 1 to ${MAX_MESSAGES_PER_PUSH} messages; got ${texts.length}. Split it into several sends.`,
    });
  }
  texts.forEach((text, index) => {
    if (typeof text !== "string" || text.trim() === "") {
      issues.push({
        path: ["messages", index],
        reason: "too_small",
        message: "is empty; LINE refuses empty text.",
      });
    } else if (text.length > MAX_TEXT_LENGTH) {
      issues.push({
        path: ["messages", index],
        reason: "too_big",
        message: `is ${text.length} characters (UTF-16 code units); LINE accepts at most ${MAX_TEXT_LENGTH}. Shorten it or split it into several messages.`,
      });
    }
  });
  if (issues.length > 0) throw new ValidationError("LINE message", issues);
}

function isRetryable(error: unknown): boolean {
  if (HttpError.is(error)) return error.code === "timeout" || (error.status ?? 0) >= 500;
  // fetch's network failures surface as TypeError.
  return error instanceof TypeError;
}
