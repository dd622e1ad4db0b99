import type { InboxDelivery, WebhookInbox } from "@org/ats-core";
import type { SqlClient } from "./database";

interface InboxRow {
  id: string;
  provider: string;
  received_at: Date;
  body: string;
  status: InboxDelivery["status"];
  attempts: number;
  last_error: string | null;
  processed_at: Date | null;
}

function toDelivery(row: InboxRow): InboxDelivery {
  const delivery: InboxDelivery = {
    id: row.id,
    provider: row.provider,
    receivedAt: new Date(row.received_at),
    body: row.body,
    status: row.status,
    attempts: Number(row.attempts),
  };
  if (row.last_error !== null) delivery.lastError = row.last_error;
  if (row.processed_at !== null) delivery.processedAt = new Date(row.processed_at);
  return delivery;
}

/** The ats-core webhook inbox on SQL, for one tenant: a delivery is durable once `add` resolves. */
export class SqlWebhookInbox implements WebhookInbox {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}

  async add(delivery: { id: string; provider: string; receivedAt: Date; body: string }) {
    const { rows } = await this.db.query(
      "INSERT INTO webhook_inbox (tenant_id, id, provider, received_at, body, status) VALUES ($1, $2, $3, $4, $5, 'pending') ON CONFLICT (tenant_id, id) DO NOTHING RETURNING id",
      [this.tenantId, delivery.id, delivery.provider, delivery.receivedAt, delivery.body],
    );
    return rows.length === 1;
  }

  async get(id: string) {
    const { rows } = await this.db.query<InboxRow>(
      "SELECT * FROM webhook_inbox WHERE tenant_id = $1 AND id = $2",
      [this.tenantId, id],
    );
    return rows[0] && toDelivery(rows[0]);
  }

  async markProcessed(id: string, at: Date) {
    await this.db.query(
      "UPDATE webhook_inbox SET status = 'processed', attempts = attempts + 1, processed_at = $3, last_error = NULL WHERE tenant_id = $1 AND id = $2",
      [this.tenantId, id, at],
    );
  }

  async markFailed(id: string, error: string, _at: Date) {
    await this.db.query(
      "UPDATE webhook_inbox SET status = 'failed', attempts = attempts + 1, last_error = $3 WHERE tenant_id = $1 AND id = $2",
      [this.tenantId, id, error],
    );
  }

  async pending(options: { provider?: string; limit?: number } = {}) {
    const { rows } = await this.db.query<InboxRow>(
      `SELECT * FROM webhook_inbox WHERE tenant_id = $1 AND status <> 'processed' AND ($2::text IS NULL OR provider = $2)
       ORDER BY received_at, id LIMIT $3`,
      [this.tenantId, options.provider ?? null, options.limit ?? 1000],
    );
    return rows.map(toDelivery);
  }
}
