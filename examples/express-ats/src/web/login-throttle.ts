import type { SqlClient } from "../db/database";

/** Failed logins allowed per company and e-mail within {@link THROTTLE_WINDOW_MS}. */
export const MAX_FAILURES = 10;
/** The window failed logins are counted in (15 minutes). */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Slows password guessing: after {@link MAX_FAILURES} failed logins for one (company, e-mail)
 * within the window, that login is refused until the oldest failure leaves the window. Kept in
 * the database, so every instance of the app counts the same failures.
 */
export class LoginThrottle {
  constructor(
    private readonly db: SqlClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** True while this login is locked. */
  async locked(tenantId: string, email: string): Promise<boolean> {
    const since = new Date(this.now().getTime() - THROTTLE_WINDOW_MS);
    const { rows } = await this.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM login_failures WHERE tenant_id = $1 AND email = $2 AND at > $3",
      [tenantId, normalise(email), since],
    );
    return Number(rows[0]?.n ?? 0) >= MAX_FAILURES;
  }

  /** Records a failed login (and forgets failures older than the window). */
  async failed(tenantId: string, email: string): Promise<void> {
    const now = this.now();
    await this.db.query("DELETE FROM login_failures WHERE at < $1", [
      new Date(now.getTime() - THROTTLE_WINDOW_MS),
    ]);
    await this.db.query("INSERT INTO login_failures (tenant_id, email, at) VALUES ($1, $2, $3)", [
      tenantId,
      normalise(email),
      now,
    ]);
  }

  /** A successful login clears the count. */
  async succeeded(tenantId: string, email: string): Promise<void> {
    await this.db.query("DELETE FROM login_failures WHERE tenant_id = $1 AND email = $2", [
      tenantId,
      normalise(email),
    ]);
  }
}

function normalise(email: string): string {
  return email.trim().toLowerCase();
}
