import {
  base64ToBytes,
  bytesToBase64,
  ConfigurationError,
  ConflictError,
  timingSafeEqual,
  toBytes,
} from "@org/ats-core";
import type { TopCvEmployer } from "./contract";

/*
 * The connection of one ATS tenant to TopCV, as seed 002_5326164b08f43035.txt describes it: the
 * employer pastes the Access Token and Secret Key ("Thêm mã truy cập"), the status becomes
 * "Đã cấu hình" (configured) with an "Cập nhật" (update) button, the ATS shows the "API Endpoint"
 * to paste into TopCV as "Webhook URL", and "Ngắt kết nối" (disconnect) returns the status to
 * "Chưa cấu hình" (not configured).
 */

/** What is kept for a configured tenant. Holds secrets: back the store with encryption at rest. */
export interface TopCvConnectionRecord {
  tenantId: string;
  accessToken: string;
  secretKey: string;
  /** The unguessable last segment of the tenant's webhook URL (256 random bits, base64url). */
  endpointToken: string;
  /** The secret webhooks are signed with, when one is configured (see docs/topcv-api.md (repository root)). */
  signingSecret?: string | undefined;
  employer: TopCvEmployer;
  configuredAt: Date;
}

/** Where connections are kept. */
export interface ConnectionStore {
  /** The tenant's connection, or `undefined` when it is not configured. */
  get(tenantId: string): Promise<TopCvConnectionRecord | undefined>;
  /**
   * The connection whose endpoint token this is. A database should index a hash of the token
   * (e.g. SHA-256) rather than the token, so that neither a leak nor lookup timing reveals it.
   */
  findByEndpointToken(endpointToken: string): Promise<TopCvConnectionRecord | undefined>;
  /** Inserts or replaces (by `tenantId`). */
  put(record: TopCvConnectionRecord): Promise<void>;
  /** Forgets the tenant's connection (no-op when there is none). */
  delete(tenantId: string): Promise<void>;
}

/** In-memory {@link ConnectionStore}. */
export class InMemoryConnectionStore implements ConnectionStore {
  private readonly records = new Map<string, TopCvConnectionRecord>();

  /** See {@link ConnectionStore.get}. */
  async get(tenantId: string) {
    const record = this.records.get(tenantId);
    return record && structuredClone(record);
  }

  async findByEndpointToken(endpointToken: string) {
    // Constant-time comparison: the token is the secret part of the tenant's webhook URL.
    const wanted = toBytes(endpointToken);
    let found: TopCvConnectionRecord | undefined;
    for (const record of this.records.values())
      if (timingSafeEqual(toBytes(record.endpointToken), wanted)) found = record;
    return found && structuredClone(found);
  }

  async put(record: TopCvConnectionRecord) {
    for (const other of this.records.values()) {
      if (
        other.tenantId !== record.tenantId &&
        timingSafeEqual(toBytes(other.endpointToken), toBytes(record.endpointToken))
      ) {
        // A token resolves to one tenant; tokens are random, so a repeat means one was copied.
        throw new ConflictError(
          record.tenantId,
          "This endpoint token already belongs to another tenant's TopCV connection; create a new token with createEndpointToken().",
        );
      }
    }
    this.records.set(record.tenantId, structuredClone(record));
  }

  /** See {@link ConnectionStore.delete}. */
  async delete(tenantId: string) {
    this.records.delete(tenantId);
  }
}

/** A tenant's connection status, as shown in the ATS's settings. */
export type ConnectionStatus =
  | { status: "not_configured" }
  | {
      status: "configured";
      employer: TopCvEmployer;
      /** The "API Endpoint" the employer pastes into TopCV as "Webhook URL". */
      endpointUrl: string;
      configuredAt: Date;
      signed: boolean;
    };

/** The credentials an employer pastes. */
export interface TopCvCredentials {
  accessToken: string;
  secretKey: string;
  /** Verify webhook signatures with this secret (HMAC-SHA256 over the raw body). */
  signingSecret?: string | undefined;
}

/** Settings of {@link TopCvConnections}. */
export interface TopCvConnectionsOptions {
  store: ConnectionStore;
  /** Public URL under which the ATS serves TopCV webhooks, e.g. `https://ats.example.com/topcv/webhooks`. */
  webhookBaseUrl: string;
  /** Checks credentials with TopCV (usually `(c) => new TopCvClient({...c, ...}).verifyCredentials()`). */
  verifyCredentials: (credentials: TopCvCredentials) => Promise<TopCvEmployer>;
  clock?: () => Date;
  /** Random bytes source (default Web Crypto). */
  randomBytes?: (length: number) => Uint8Array;
}

/** A new endpoint token: 32 random bytes as base64url (256 bits: not guessable, safe in a URL path). */
export function createEndpointToken(
  randomBytes: (length: number) => Uint8Array = defaultRandomBytes,
): string {
  return bytesToBase64(randomBytes(32)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** True when `token` has the shape {@link createEndpointToken} produces (cheap check before any lookup). */
export function isEndpointTokenShape(token: string): boolean {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
  return base64ToBytes(`${token.replace(/-/g, "+").replace(/_/g, "/")}=`)?.length === 32;
}

function defaultRandomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** Configure, update and disconnect tenants' TopCV connections; resolve webhook endpoints to tenants. */
export class TopCvConnections {
  private readonly options: TopCvConnectionsOptions;
  private readonly webhookBaseUrl: string;
  private readonly clock: () => Date;

  /** @throws ConfigurationError when `webhookBaseUrl` is not an https URL (http is accepted for localhost). */
  constructor(options: TopCvConnectionsOptions) {
    const base = options.webhookBaseUrl.replace(/\/+$/, "");
    const local = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(base);
    if (!URL.canParse(base) || !(base.startsWith("https://") || local))
      throw new ConfigurationError(
        "webhookBaseUrl",
        `webhookBaseUrl must be the public https URL TopCV will call; got "${options.webhookBaseUrl}"`,
      );
    this.options = options;
    this.webhookBaseUrl = base;
    this.clock = options.clock ?? (() => new Date());
  }

  /**
   * Saves a tenant's credentials after TopCV accepted them ("Lưu lại"); a second call updates them
   * ("Cập nhật") and keeps the endpoint URL, so the Webhook URL pasted into TopCV stays valid.
   *
   * @throws TopCvAuthError (from `verifyCredentials`) when TopCV refuses them; nothing is saved.
   */
  async configure(tenantId: string, credentials: TopCvCredentials): Promise<ConnectionStatus> {
    const employer = await this.options.verifyCredentials(credentials);
    const existing = await this.options.store.get(tenantId);
    const record: TopCvConnectionRecord = {
      tenantId,
      accessToken: credentials.accessToken,
      secretKey: credentials.secretKey,
      endpointToken: existing?.endpointToken ?? createEndpointToken(this.options.randomBytes),
      employer,
      configuredAt: this.clock(),
    };
    if (credentials.signingSecret !== undefined && credentials.signingSecret !== "")
      record.signingSecret = credentials.signingSecret;
    await this.options.store.put(record);
    return this.statusOf(record);
  }

  /** The tenant's status: "configured" (with the endpoint URL) or "not_configured". */
  async status(tenantId: string): Promise<ConnectionStatus> {
    const record = await this.options.store.get(tenantId);
    return record === undefined ? { status: "not_configured" } : this.statusOf(record);
  }

  /** "Ngắt kết nối": forgets the credentials; the endpoint URL stops accepting webhooks. */
  async disconnect(tenantId: string): Promise<ConnectionStatus> {
    await this.options.store.delete(tenantId);
    return { status: "not_configured" };
  }

  /** The stored connection of a tenant. @throws ConfigurationError when the tenant is not configured. */
  async require(tenantId: string): Promise<TopCvConnectionRecord> {
    const record = await this.options.store.get(tenantId);
    if (record === undefined)
      throw new ConfigurationError(
        "tenantId",
        `TopCV is not configured for tenant "${tenantId}"; add the Access Token and Secret Key first`,
      );
    return record;
  }

  /** The connection a webhook endpoint token belongs to, or `undefined` (unknown or disconnected). */
  async resolveEndpoint(endpointToken: string): Promise<TopCvConnectionRecord | undefined> {
    if (!isEndpointTokenShape(endpointToken)) return undefined;
    return this.options.store.findByEndpointToken(endpointToken);
  }

  private statusOf(record: TopCvConnectionRecord): ConnectionStatus {
    return {
      status: "configured",
      employer: record.employer,
      endpointUrl: `${this.webhookBaseUrl}/${record.endpointToken}`,
      configuredAt: record.configuredAt,
      signed: record.signingSecret !== undefined,
    };
  }
}
