/** A linking URL as stored: the token in the URL carries only `id`, expiry and signature. */
export interface LinkingUrlRecord {
  /** 128 random bits, base64url. */
  id: string;
  /** `candidate`: links the candidate. `self-test`: the recruiter proves the set-up on their own LINE; nothing is linked. */
  purpose: "candidate" | "self-test";
  candidateId: string;
  applicationId?: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set once, when a LINE user was linked through it. */
  usedAt?: Date;
}

/** One LINE Login attempt started from a linking URL: the server-side `state` and its `nonce`. */
export interface LoginAttempt {
  /** The OAuth `state` (256 random bits). */
  state: string;
  nonce: string;
  linkingUrlId: string;
  /** The linking token, to offer a retry when the attempt fails. */
  linkingToken: string;
  createdAt: Date;
  expiresAt: Date;
  autoLoginDisabled: boolean;
}

/**
 * Storage of linking URLs and login attempts for one tenant. SQL: two tables keyed by `id` and
 * `state`; `markUsed` is `UPDATE … SET used_at = ? WHERE id = ? AND used_at IS NULL` (one row
 * updated = true), `takeAttempt` is `DELETE … WHERE state = ? RETURNING *`. Delete attempts a
 * day old in a cleanup job.
 */
export interface LinkingStore {
  saveUrl(record: LinkingUrlRecord): Promise<void>;
  getUrl(id: string): Promise<LinkingUrlRecord | undefined>;
  /** Marks the URL used; true only for the first caller (single use even under concurrency). */
  markUsed(id: string, at: Date): Promise<boolean>;
  saveAttempt(attempt: LoginAttempt): Promise<void>;
  /** Returns and deletes the attempt (a `state` works once). */
  takeAttempt(state: string): Promise<LoginAttempt | undefined>;
}

/** In-memory {@link LinkingStore}. */
export class InMemoryLinkingStore implements LinkingStore {
  private readonly urls = new Map<string, LinkingUrlRecord>();
  private readonly attempts = new Map<string, LoginAttempt>();

  async saveUrl(record: LinkingUrlRecord) {
    this.urls.set(record.id, { ...record });
  }

  async getUrl(id: string) {
    const record = this.urls.get(id);
    return record && { ...record };
  }

  async markUsed(id: string, at: Date) {
    const record = this.urls.get(id);
    if (record === undefined || record.usedAt !== undefined) return false;
    record.usedAt = at;
    return true;
  }

  async saveAttempt(attempt: LoginAttempt) {
    this.attempts.set(attempt.state, { ...attempt });
  }

  async takeAttempt(state: string) {
    const attempt = this.attempts.get(state);
    this.attempts.delete(state);
    return attempt;
  }
}
