import type { RedactedExchange } from "@org/ats-core";

/*
 * "Sau khi tin được đăng thành công, một log tự động xuất hiện tại Danh sách tin đã đăng"
 * (seed 002_5326164b08f43035.txt): every create, update and link leaves a log entry.
 */

/** One create, update or link of a posting, with a redacted summary of the exchange. */
export interface PostingLogEntry {
  id: string;
  at: Date;
  operation: "create" | "update" | "link";
  atsJobId: string;
  /** The TopCV posting, when known (not for a create that failed). */
  topcvJobId: string | null;
  outcome: "succeeded" | "failed";
  /** Method, URL and headers with credentials redacted (ats-core `redactHeaders`), and the body's start. */
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  /** Status and the body's start; `null` when no answer arrived. */
  response: { status: number; body: string } | null;
  /** Why it failed: the error's code and message (which never hold credentials). */
  error: { code: string; message: string } | null;
  /** Attempts the call took (retries included); `null` when it failed (the error tells why). */
  attempts: number | null;
}

/** Where posting log entries are kept. */
export interface PostingLog {
  /** Adds an entry (entries are never changed afterwards). */
  append(entry: PostingLogEntry): Promise<void>;
  /** Entries, oldest first, optionally for one ATS job or one TopCV posting. */
  list(filter?: { atsJobId?: string; topcvJobId?: string }): Promise<PostingLogEntry[]>;
}

/** In-memory {@link PostingLog}. */
export class InMemoryPostingLog implements PostingLog {
  private readonly entries: PostingLogEntry[] = [];

  /** See {@link PostingLog.append}. */
  async append(entry: PostingLogEntry) {
    // Entries are never changed: the same id again is a repeat, ignored (as a database's key would).
    if (this.entries.some((existing) => existing.id === entry.id)) return;
    this.entries.push(structuredClone(entry));
  }

  async list(filter: { atsJobId?: string; topcvJobId?: string } = {}) {
    return (
      this.entries
        .filter(
          (entry) =>
            (filter.atsJobId === undefined || entry.atsJobId === filter.atsJobId) &&
            (filter.topcvJobId === undefined || entry.topcvJobId === filter.topcvJobId),
        )
        .map((entry, index) => ({ entry, index }))
        // Oldest first, as the port promises; append order among entries of the same instant.
        .sort((a, b) => a.entry.at.getTime() - b.entry.at.getTime() || a.index - b.index)
        .map(({ entry }) => structuredClone(entry))
    );
  }
}

const MAX_LOGGED_BODY = 2000;

/** Shortens a body for the log. */
export function summariseForLog(text: string | undefined): string | null {
  if (text === undefined || text === "") return null;
  return text.length > MAX_LOGGED_BODY ? `${text.slice(0, MAX_LOGGED_BODY)}…` : text;
}

/** The request part of a log entry from a redacted exchange. */
export function loggedRequest(
  exchange: RedactedExchange,
  body: string | undefined,
): PostingLogEntry["request"] {
  return {
    method: exchange.method,
    url: exchange.url,
    headers: { ...exchange.requestHeaders },
    body: summariseForLog(body),
  };
}
