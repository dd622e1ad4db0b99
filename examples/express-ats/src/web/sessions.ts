import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { SqlClient } from "../db/database";
import type { User } from "./users";

/** A signed-in recruiter's session, found from the cookie's random id. */
export interface Session {
  user: User;
  /** The synchronizer token every form of this session carries. */
  csrfToken: string;
  expiresAt: Date;
}

/** Sessions last 8 hours (a working day); logging out ends them at once. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const token = () => randomBytes(32).toString("base64url");

/**
 * Server-side sessions in `web_sessions`. The cookie holds a 256-bit random id; the table keeps
 * only its SHA-256, so a leaked table gives no usable cookie.
 */
export class SessionStore {
  constructor(
    private readonly db: SqlClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Starts a session for `user`; returns the cookie value. */
  async create(user: User): Promise<{ cookie: string; session: Session }> {
    const cookie = token();
    // Expired sessions are useless: each login sweeps them away.
    await this.db.query("DELETE FROM web_sessions WHERE expires_at <= $1", [this.now()]);
    const session: Session = {
      user,
      csrfToken: token(),
      expiresAt: new Date(this.now().getTime() + SESSION_TTL_MS),
    };
    await this.db.query(
      "INSERT INTO web_sessions (id_sha256, tenant_id, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4, $5)",
      [sha256(cookie), user.tenantId, user.id, session.csrfToken, session.expiresAt],
    );
    return { cookie, session };
  }

  /** The live session of a cookie value; `undefined` when unknown or expired. */
  async find(cookie: string | undefined): Promise<Session | undefined> {
    if (cookie === undefined || cookie.length < 20) return undefined;
    const { rows } = await this.db.query<{
      tenant_id: string;
      user_id: string;
      csrf_token: string;
      expires_at: Date;
      email: string;
      name: string;
    }>(
      `SELECT s.tenant_id, s.user_id, s.csrf_token, s.expires_at, u.email, u.name
         FROM web_sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
        WHERE s.id_sha256 = $1 AND s.expires_at > $2`,
      [sha256(cookie), this.now()],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      user: { tenantId: row.tenant_id, id: row.user_id, email: row.email, name: row.name },
      csrfToken: row.csrf_token,
      expiresAt: new Date(row.expires_at),
    };
  }

  /** Ends a session (logout). */
  async destroy(cookie: string): Promise<void> {
    await this.db.query("DELETE FROM web_sessions WHERE id_sha256 = $1", [sha256(cookie)]);
  }
}

/** Compares a submitted CSRF token with the expected one in constant time. */
export function csrfMatches(expected: string, submitted: unknown): boolean {
  if (typeof submitted !== "string") return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(submitted);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fresh random token (the login form's double-submit token). */
export const newToken = token;
