import { z } from "zod";

/** What a stored message was on LINE. */
export const MessageKindSchema = z.enum([
  "text",
  "sticker",
  "image",
  "video",
  "audio",
  "file",
  "location",
  "unsupported",
]);
/** @see MessageKindSchema */
export type MessageKind = z.infer<typeof MessageKindSchema>;

/** One message of a candidate's LINE conversation. */
export const ConversationMessageSchema = z.object({
  /** Unique: `line:<message id>` for received messages, `out:<retry key>:<n>` for sent ones. */
  id: z.string().min(1),
  candidateId: z.string().min(1),
  direction: z.enum(["inbound", "outbound"]),
  at: z.date(),
  kind: MessageKindSchema,
  /** What the recruiter reads: the text, or a readable fallback for non-text messages. */
  text: z.string(),
  /** The text exactly as LINE delivered it (LINE emoji as `$` placeholders), for text messages. */
  originalText: z.string().optional(),
  /** The LINE message object as received, for non-text content (ids, file names, coordinates). */
  line: z.record(z.string(), z.unknown()).optional(),
  /** LINE's message id (received messages, and sent ones when LINE returns it). */
  lineMessageId: z.string().optional(),
  /** Who sent an outbound message (the recruiter's user id in the ATS). */
  sentBy: z.string().optional(),
});
/** @see ConversationMessageSchema */
export type ConversationMessage = z.infer<typeof ConversationMessageSchema>;

/** The state of a candidate's thread the unread rule needs. */
export interface ThreadState {
  candidateId: string;
  lastMessageAt: Date;
  lastDirection: "inbound" | "outbound";
  /** When the recruiter last marked the thread as read. */
  readAt?: Date;
}

/**
 * The unread rule (seed 003_bf749bcc0dbdcb3a.txt, "候補者のメッセージで終わっている状態を未読とします"):
 * a thread is unread when its latest message is from the candidate and it was not marked as read
 * since. A reply makes the latest message the recruiter's, so it reads as read.
 */
export function isThreadUnread(thread: ThreadState | undefined): boolean {
  if (thread === undefined || thread.lastDirection !== "inbound") return false;
  return thread.readAt === undefined || thread.readAt.getTime() < thread.lastMessageAt.getTime();
}

/**
 * Storage of conversations for one tenant. SQL: a messages table (unique `id`) and a thread
 * table keyed by candidate holding `lastMessageAt`, `lastDirection`, `readAt`; the unread count is
 * `lastDirection = 'inbound' AND (readAt IS NULL OR readAt < lastMessageAt)` ({@link isThreadUnread}).
 */
export interface ConversationStore {
  /** Stores a message and updates its thread; false (and nothing changed) when the id is already stored. */
  append(message: ConversationMessage): Promise<boolean>;
  /** Messages of a candidate, oldest first; `before` pages backwards, `limit` keeps the newest. */
  list(candidateId: string, options?: { before?: Date; limit?: number }): Promise<ConversationMessage[]>;
  thread(candidateId: string): Promise<ThreadState | undefined>;
  markRead(candidateId: string, at: Date): Promise<void>;
  /** Candidates whose thread is unread. */
  unreadCandidateIds(): Promise<string[]>;
}

/** In-memory {@link ConversationStore}. */
export class InMemoryConversationStore implements ConversationStore {
  private readonly messages = new Map<string, ConversationMessage[]>();
  private readonly ids = new Set<string>();
  private readonly threads = new Map<string, ThreadState>();

  async append(message: ConversationMessage) {
    if (this.ids.has(message.id)) return false;
    this.ids.add(message.id);
    const list = this.messages.get(message.candidateId) ?? [];
    list.push({ ...message });
    list.sort((a, b) => a.at.getTime() - b.at.getTime());
    this.messages.set(message.candidateId, list);
    const thread = this.threads.get(message.candidateId);
    if (thread === undefined || thread.lastMessageAt.getTime() <= message.at.getTime()) {
      this.threads.set(message.candidateId, {
        ...thread,
        candidateId: message.candidateId,
        lastMessageAt: message.at,
        lastDirection: message.direction,
      });
    }
    return true;
  }

  async list(candidateId: string, options: { before?: Date; limit?: number } = {}) {
    let list = this.messages.get(candidateId) ?? [];
    const before = options.before;
    if (before !== undefined) list = list.filter((m) => m.at.getTime() < before.getTime());
    if (options.limit !== undefined) list = list.slice(Math.max(0, list.length - options.limit));
    return list.map((m) => ({ ...m }));
  }

  async thread(candidateId: string) {
    const thread = this.threads.get(candidateId);
    return thread && { ...thread };
  }

  async markRead(candidateId: string, at: Date) {
    const thread = this.threads.get(candidateId);
    if (thread !== undefined) thread.readAt = at;
  }

  async unreadCandidateIds() {
    return [...this.threads.values()].filter(isThreadUnread).map((t) => t.candidateId);
  }
}
