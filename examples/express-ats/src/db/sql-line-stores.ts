import { ConflictError } from "@org/ats-core";
import type {
  CandidateLink,
  ConversationMessage,
  ConversationStore,
  LinkingStore,
  LinkingUrlRecord,
  LinkStore,
  LoginAttempt,
  ThreadState,
} from "@org/line-link";
import { type Database, isUniqueViolation, type SqlClient } from "./database";

/*
 * @org/line-link's store ports on SQL, for one tenant. Records are kept as JSON; Dates are
 * written as ISO strings and turned back into Dates on the way out.
 */

function reviveDates<T>(value: Record<string, unknown>, keys: readonly string[]): T {
  const out: Record<string, unknown> = { ...value };
  for (const key of keys) if (typeof out[key] === "string") out[key] = new Date(out[key] as string);
  return out as T;
}

function toLink(data: Record<string, unknown>): CandidateLink {
  const link = reviveDates<CandidateLink>(data, ["linkedAt", "reachabilityChangedAt"]);
  if (link.loginTokens)
    link.loginTokens = reviveDates(link.loginTokens as unknown as Record<string, unknown>, ["expiresAt"]);
  return link;
}

/** {@link LinkStore} on SQL: the unique index on (tenant, LINE user) refuses a second candidate. */
export class SqlLinkStore implements LinkStore {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}
  async getByCandidate(candidateId: string) {
    const { rows } = await this.db.query<{ data: Record<string, unknown> }>(
      "SELECT data FROM line_links WHERE tenant_id = $1 AND candidate_id = $2",
      [this.tenantId, candidateId],
    );
    return rows[0] && toLink(rows[0].data);
  }
  async getByLineUser(lineUserId: string) {
    const { rows } = await this.db.query<{ data: Record<string, unknown> }>(
      "SELECT data FROM line_links WHERE tenant_id = $1 AND line_user_id = $2",
      [this.tenantId, lineUserId],
    );
    return rows[0] && toLink(rows[0].data);
  }
  async save(link: CandidateLink) {
    try {
      await this.db.query(
        `INSERT INTO line_links (tenant_id, candidate_id, line_user_id, data) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, candidate_id) DO UPDATE SET line_user_id = EXCLUDED.line_user_id, data = EXCLUDED.data`,
        [this.tenantId, link.candidateId, link.lineUserId, JSON.stringify(link)],
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          link.lineUserId,
          "LINE user is already linked to another candidate; unlink that candidate first.",
          { cause: error },
        );
      }
      throw error;
    }
  }
  async remove(candidateId: string) {
    const { rows } = await this.db.query<{ data: Record<string, unknown> }>(
      "DELETE FROM line_links WHERE tenant_id = $1 AND candidate_id = $2 RETURNING data",
      [this.tenantId, candidateId],
    );
    return rows[0] && toLink(rows[0].data);
  }
  async setReachable(lineUserId: string, reachable: boolean, at: Date) {
    const { rows } = await this.db.query(
      `UPDATE line_links SET data = data || jsonb_build_object('reachable', $3::boolean, 'reachabilityChangedAt', $4::text)
       WHERE tenant_id = $1 AND line_user_id = $2 RETURNING candidate_id`,
      [this.tenantId, lineUserId, reachable, at.toISOString()],
    );
    return rows.length > 0;
  }
}

/** {@link LinkingStore} on SQL: a URL is used once and a login state taken once, atomically. */
export class SqlLinkingStore implements LinkingStore {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}
  async saveUrl(record: LinkingUrlRecord) {
    await this.db.query(
      "INSERT INTO line_linking_urls (tenant_id, id, data, used_at) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, id) DO UPDATE SET data = EXCLUDED.data, used_at = EXCLUDED.used_at",
      [this.tenantId, record.id, JSON.stringify(record), record.usedAt ?? null],
    );
  }
  async getUrl(id: string) {
    const { rows } = await this.db.query<{ data: Record<string, unknown>; used_at: Date | null }>(
      "SELECT data, used_at FROM line_linking_urls WHERE tenant_id = $1 AND id = $2",
      [this.tenantId, id],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    const record = reviveDates<LinkingUrlRecord>(row.data, ["createdAt", "expiresAt"]);
    delete record.usedAt;
    if (row.used_at !== null) record.usedAt = new Date(row.used_at);
    return record;
  }
  async markUsed(id: string, at: Date) {
    const { rows } = await this.db.query(
      "UPDATE line_linking_urls SET used_at = $3 WHERE tenant_id = $1 AND id = $2 AND used_at IS NULL RETURNING id",
      [this.tenantId, id, at],
    );
    return rows.length === 1;
  }
  async saveAttempt(attempt: LoginAttempt) {
    await this.db.query(
      "INSERT INTO line_login_attempts (tenant_id, state, data) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, state) DO UPDATE SET data = EXCLUDED.data",
      [this.tenantId, attempt.state, JSON.stringify(attempt)],
    );
  }
  async takeAttempt(state: string) {
    const { rows } = await this.db.query<{ data: Record<string, unknown> }>(
      "DELETE FROM line_login_attempts WHERE tenant_id = $1 AND state = $2 RETURNING data",
      [this.tenantId, state],
    );
    return rows[0] && reviveDates<LoginAttempt>(rows[0].data, ["createdAt", "expiresAt"]);
  }
}

interface ThreadRow {
  candidate_id: string;
  last_message_at: Date;
  last_direction: "inbound" | "outbound";
  read_at: Date | null;
}

/** {@link ConversationStore} on SQL: a message and its thread's state are written together. */
export class SqlConversationStore implements ConversationStore {
  constructor(
    private readonly db: Database,
    private readonly tenantId: string,
  ) {}
  async append(message: ConversationMessage) {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query(
        "INSERT INTO line_messages (tenant_id, id, candidate_id, at, data) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, id) DO NOTHING RETURNING id",
        [this.tenantId, message.id, message.candidateId, message.at, JSON.stringify(message)],
      );
      if (rows.length === 0) return false;
      await tx.query(
        `INSERT INTO line_threads (tenant_id, candidate_id, last_message_at, last_direction) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, candidate_id) DO UPDATE SET last_message_at = EXCLUDED.last_message_at, last_direction = EXCLUDED.last_direction
         WHERE line_threads.last_message_at <= EXCLUDED.last_message_at`,
        [this.tenantId, message.candidateId, message.at, message.direction],
      );
      return true;
    });
  }
  async list(candidateId: string, options: { before?: Date; limit?: number } = {}) {
    const { rows } = await this.db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM (
         SELECT data, at, id FROM line_messages WHERE tenant_id = $1 AND candidate_id = $2 AND ($3::timestamptz IS NULL OR at < $3)
         ORDER BY at DESC, id DESC LIMIT $4
       ) recent ORDER BY at, id`,
      [this.tenantId, candidateId, options.before ?? null, options.limit ?? 10_000],
    );
    return rows.map((row) => reviveDates<ConversationMessage>(row.data, ["at"]));
  }
  async thread(candidateId: string) {
    const { rows } = await this.db.query<ThreadRow>(
      "SELECT * FROM line_threads WHERE tenant_id = $1 AND candidate_id = $2",
      [this.tenantId, candidateId],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    const thread: ThreadState = {
      candidateId: row.candidate_id,
      lastMessageAt: new Date(row.last_message_at),
      lastDirection: row.last_direction,
    };
    if (row.read_at !== null) thread.readAt = new Date(row.read_at);
    return thread;
  }
  async markRead(candidateId: string, at: Date) {
    await this.db.query("UPDATE line_threads SET read_at = $3 WHERE tenant_id = $1 AND candidate_id = $2", [
      this.tenantId,
      candidateId,
      at,
    ]);
  }
  async unreadCandidateIds() {
    const { rows } = await this.db.query<{ candidate_id: string }>(
      "SELECT candidate_id FROM line_threads WHERE tenant_id = $1 AND last_direction = 'inbound' AND (read_at IS NULL OR read_at < last_message_at) ORDER BY last_message_at DESC",
      [this.tenantId],
    );
    return rows.map((row) => row.candidate_id);
  }
}
