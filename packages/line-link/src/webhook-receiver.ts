import { type WebhookInbox, WebhookVerificationError } from "@org/ats-core";
import { consoleLogger, type LineLinkLogger } from "./logger";
import { WebhookBodySchema, WebhookEventEnvelopeSchema } from "./webhook-event";
import type { LineSignatureVerifier } from "./webhook-signature";

/** The inbox provider name of LINE deliveries; inbox ids are `line:<webhookEventId>`. */
export const LINE_INBOX_PROVIDER = "line";

/** The inbox id of a LINE event. */
export const lineInboxId = (webhookEventId: string) => `${LINE_INBOX_PROVIDER}:${webhookEventId}`;

/** An event of the batch that was not stored, and why. */
export interface SkippedEvent {
  index: number;
  reason: string;
}

/** What happened to one webhook request, and what to answer LINE. */
export interface WebhookReceipt {
  /** 200 when verified (and every well-formed event stored), 401 when the signature fails, 400 when the verified body is not a LINE delivery. */
  status: 200 | 400 | 401;
  /** A short body for the response; never echoes the request. */
  body: { ok: boolean; message?: string };
  /** True for LINE's connectivity check (a verified delivery with no events). */
  connectivityCheck: boolean;
  /** Inbox ids stored by this request (new events). */
  stored: string[];
  /** Inbox ids already stored before (redeliveries and duplicates): acknowledged, not processed again. */
  duplicates: string[];
  /** Malformed events left out; the rest of the batch is stored. */
  skipped: SkippedEvent[];
  /** Why verification failed, when `status` is 401. */
  verificationError?: WebhookVerificationError;
}

/** Dependencies of {@link LineWebhookReceiver}. */
export interface LineWebhookReceiverOptions {
  verifier: LineSignatureVerifier;
  inbox: WebhookInbox;
  logger?: LineLinkLogger;
  now?: () => Date;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * The acknowledging half of the webhook: verify, store each event in the inbox (once per
 * `webhookEventId`), answer. Processing happens after the answer ({@link LineEventProcessor}),
 * because LINE wants a fast 200 and cannot give message text back later: what is acknowledged
 * must already be stored. An inbox failure throws, so the adapter answers 500 and LINE redelivers.
 */
export class LineWebhookReceiver {
  private readonly verifier: LineSignatureVerifier;
  private readonly inbox: WebhookInbox;
  private readonly logger: LineLinkLogger;
  private readonly now: () => Date;

  constructor(options: LineWebhookReceiverOptions) {
    this.verifier = options.verifier;
    this.inbox = options.inbox;
    this.logger = options.logger ?? consoleLogger;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Handles one request.
   * @param rawBody the exact bytes received (a parsed object is refused with 401 and the fix)
   * @param signature the `x-line-signature` header
   */
  async receive(rawBody: Uint8Array | string, signature: string | null | undefined): Promise<WebhookReceipt> {
    const receipt: WebhookReceipt = {
      status: 200,
      body: { ok: true },
      connectivityCheck: false,
      stored: [],
      duplicates: [],
      skipped: [],
    };
    try {
      await this.verifier.verify(rawBody, signature);
    } catch (error) {
      if (!WebhookVerificationError.is(error)) throw error;
      this.logger.warn("LINE webhook rejected", { reason: error.reason });
      return {
        ...receipt,
        status: 401,
        body: { ok: false, message: error.message },
        verificationError: error,
      };
    }
    let text: string;
    let parsed: unknown;
    try {
      text = typeof rawBody === "string" ? rawBody : decoder.decode(rawBody);
      parsed = JSON.parse(text);
    } catch {
      return this.badRequest(receipt, "The body is signed but is not UTF-8 JSON.");
    }
    const body = WebhookBodySchema.safeParse(parsed);
    if (!body.success) return this.badRequest(receipt, "The body is signed but has no `events` array.");
    if (body.data.events.length === 0) return { ...receipt, connectivityCheck: true };

    const receivedAt = this.now();
    for (const [index, candidate] of body.data.events.entries()) {
      const event = WebhookEventEnvelopeSchema.safeParse(candidate);
      if (!event.success) {
        const reason = `event ${index} skipped: ${event.error.issues
          .map((issue) => `${issue.path.join(".") || "(event)"} ${issue.message}`)
          .join("; ")}`;
        receipt.skipped.push({ index, reason });
        this.logger.warn("LINE webhook event skipped", { index, reason });
        continue;
      }
      const id = lineInboxId(event.data.webhookEventId);
      const added = await this.inbox.add({
        id,
        provider: LINE_INBOX_PROVIDER,
        receivedAt,
        // One inbox entry per event: the delivery was verified over its raw bytes above, and
        // each event is processed (and retried) on its own.
        body: JSON.stringify(candidate),
      });
      (added ? receipt.stored : receipt.duplicates).push(id);
    }
    return receipt;
  }

  private badRequest(receipt: WebhookReceipt, message: string): WebhookReceipt {
    this.logger.warn("LINE webhook body unreadable", { message });
    return { ...receipt, status: 400, body: { ok: false, message } };
  }
}
