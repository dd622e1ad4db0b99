/**
 * The webhook inbox: where a delivery is stored, durably and once, before the webhook is answered.
 *
 * Providers want a fast 2xx and process-after-acknowledging (LINE, TopCV), yet an answer of 200
 * for something not stored loses it for good (LINE cannot give message text back later). The way
 * to have both is an inbox: verify, `add()` the raw delivery (deduplicated by the provider's
 * delivery id), answer 2xx, then process; what a crash left unprocessed is found by `pending()`.
 */

/** One delivery as stored. */
export interface InboxDelivery {
  /** Provider-scoped unique id, e.g. `line:<webhookEventId>` or `topcv:<delivery id>`. */
  id: string;
  provider: string;
  receivedAt: Date;
  /** The raw body as received (text), kept so it can be processed again or re-mapped. */
  body: string;
  status: "pending" | "processed" | "failed";
  attempts: number;
  lastError?: string;
  processedAt?: Date;
}

/** Storage of webhook deliveries for one tenant. */
export interface WebhookInbox {
  /**
   * Stores a new delivery as `pending`. Resolves `true` when it was new, `false` when a delivery
   * with this id is already stored (a redelivery: acknowledge it, do not process it again).
   * Must be durable when it resolves.
   */
  add(delivery: { id: string; provider: string; receivedAt: Date; body: string }): Promise<boolean>;
  get(id: string): Promise<InboxDelivery | undefined>;
  markProcessed(id: string, at: Date): Promise<void>;
  /** Records a failed attempt; the delivery stays in `pending()` for another try. */
  markFailed(id: string, error: string, at: Date): Promise<void>;
  /** Deliveries not yet processed (pending or failed), oldest first. */
  pending(options?: { provider?: string; limit?: number }): Promise<InboxDelivery[]>;
}

/** In-memory {@link WebhookInbox}. */
export class InMemoryWebhookInbox implements WebhookInbox {
  private readonly deliveries = new Map<string, InboxDelivery>();
  /** Ids not yet processed, in arrival order: `pending()` never walks processed deliveries. */
  private readonly unprocessed = new Set<string>();

  async add(delivery: { id: string; provider: string; receivedAt: Date; body: string }) {
    if (this.deliveries.has(delivery.id)) return false;
    this.deliveries.set(delivery.id, { ...delivery, status: "pending", attempts: 0 });
    this.unprocessed.add(delivery.id);
    return true;
  }

  async get(id: string) {
    const delivery = this.deliveries.get(id);
    return delivery && { ...delivery };
  }

  async markProcessed(id: string, at: Date) {
    const delivery = this.deliveries.get(id);
    if (delivery === undefined) return;
    delivery.status = "processed";
    this.unprocessed.delete(id);
    delivery.attempts++;
    delivery.processedAt = at;
    delete delivery.lastError;
  }

  async markFailed(id: string, error: string, _at: Date) {
    const delivery = this.deliveries.get(id);
    if (delivery === undefined) return;
    delivery.status = "failed";
    delivery.attempts++;
    delivery.lastError = error;
  }

  async pending(options: { provider?: string; limit?: number } = {}) {
    const found: InboxDelivery[] = [];
    for (const id of this.unprocessed) {
      const delivery = this.deliveries.get(id)!;
      if (options.provider !== undefined && delivery.provider !== options.provider) continue;
      found.push({ ...delivery });
      if (options.limit !== undefined && found.length >= options.limit) break;
    }
    return found.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  }
}
