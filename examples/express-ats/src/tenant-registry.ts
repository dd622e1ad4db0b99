import { ApplicationRecorder, type AtsStores, NotFoundError } from "@org/ats-core";
import { createIndeedApplyIntake } from "@org/indeed-apply";
import { indeedApplyMiddleware } from "@org/indeed-apply/express";
import { createLineLink, createMessagingClient, type LineLink } from "@org/line-link";
import type { RequestHandler } from "express";
import type { AppConfig } from "./config";
import type { Database } from "./db/database";
import { createSqlAtsStores } from "./db/sql-ats-stores";
import { SqlConversationStore, SqlLinkingStore, SqlLinkStore } from "./db/sql-line-stores";
import { SqlWebhookInbox } from "./db/sql-webhook-inbox";
import type { Logger } from "./logger";
import type { OutboxMailer } from "./outbox-mailer";
import { type TenantSettings, TenantSettingsSchema } from "./tenant-settings";

/** One company's services, built from its own settings and stores. */
export interface TenantServices {
  id: string;
  name: string;
  settings: TenantSettings;
  stores: AtsStores;
  inbox: SqlWebhookInbox;
  recorder: ApplicationRecorder;
  /** The recorder of board imports: only the same (board, account, external id) is "the same application". */
  importRecorder: ApplicationRecorder;
  /** Present when the company configured LINE. */
  line: LineLink | undefined;
  /** Present when the company configured Indeed Apply: the intake behind its postUrl. */
  indeedApply: RequestHandler | undefined;
}

/** Options for {@link TenantRegistry}. */
export interface TenantRegistryOptions {
  db: Database;
  config: AppConfig;
  logger: Logger;
  mailer: OutboxMailer;
  /** Where the LINE Messaging API is (the demo points it at its local mock). Default LINE's. */
  lineApiBaseUrl?: string | undefined;
  /** `fetch` for LINE Login (the demo's mock). */
  lineFetch?: typeof fetch | undefined;
}

/**
 * Builds each tenant's services on first use and keeps them: one process serves every company,
 * and nothing is shared between companies but the database connection.
 */
export class TenantRegistry {
  private readonly built = new Map<string, Promise<TenantServices>>();

  constructor(private readonly options: TenantRegistryOptions) {}

  /** The services of `tenantId`; `undefined` for an unknown tenant. */
  async find(tenantId: string): Promise<TenantServices | undefined> {
    try {
      return await this.get(tenantId);
    } catch (error) {
      if (NotFoundError.is(error)) return undefined;
      throw error;
    }
  }

  /** The services of `tenantId`; a `NotFoundError` for an unknown tenant. */
  get(tenantId: string): Promise<TenantServices> {
    let services = this.built.get(tenantId);
    if (services === undefined) {
      services = this.build(tenantId);
      this.built.set(tenantId, services);
      // A failed build is not kept: the next request tries again (e.g. after the settings are fixed).
      services.catch(() => this.built.delete(tenantId));
    }
    return services;
  }

  /** Forgets a tenant's services, so the next request builds them from its current settings. */
  invalidate(tenantId: string): void {
    this.built.delete(tenantId);
  }

  /** Ids of every tenant. */
  async tenantIds(): Promise<string[]> {
    const { rows } = await this.options.db.query<{ id: string }>("SELECT id FROM tenants ORDER BY id");
    return rows.map((row) => row.id);
  }

  private async build(tenantId: string): Promise<TenantServices> {
    const { db, config, logger, mailer } = this.options;
    const { rows } = await db.query<{ name: string; settings: unknown }>(
      "SELECT name, settings FROM tenants WHERE id = $1",
      [tenantId],
    );
    const row = rows[0];
    if (row === undefined) throw new NotFoundError(tenantId, `No tenant "${tenantId}"`);
    const settings = TenantSettingsSchema.parse(row.settings);
    const stores = createSqlAtsStores(db, tenantId);
    const inbox = new SqlWebhookInbox(db, tenantId);
    const log = logger.child({ tenant: tenantId });
    let line: LineLink | undefined;
    if (settings.line !== undefined) {
      const lineSettings = { ...settings.line, tenantId, publicBaseUrl: config.PUBLIC_BASE_URL };
      const messagingSettings = settings.line["messaging"] as { channelAccessToken?: string } | undefined;
      line = await createLineLink(lineSettings as Parameters<typeof createLineLink>[0], {
        inbox,
        links: new SqlLinkStore(db, tenantId),
        linking: new SqlLinkingStore(db, tenantId),
        conversations: new SqlConversationStore(db, tenantId),
        ...(this.options.lineApiBaseUrl !== undefined && {
          messaging: createMessagingClient({
            channelAccessToken: messagingSettings?.channelAccessToken ?? "",
            baseUrl: this.options.lineApiBaseUrl,
          }),
        }),
        ...(this.options.lineFetch !== undefined && { fetch: this.options.lineFetch }),
        logger: { warn: (message: string, fields?: Record<string, unknown>) => log.warn(message, fields) },
        onCandidateMessage: async ({ message }) => {
          if (settings.recruiterEmails.length === 0) return;
          await mailer.send({
            to: settings.recruiterEmails,
            cc: [],
            subject: `【LINE】候補者から新しいメッセージ / New LINE message (${row.name})`,
            text: `候補者 ${message.candidateId} からのメッセージ:\n\n${message.text}`,
          });
        },
      });
    }
    let indeedApply: RequestHandler | undefined;
    if (settings.indeed !== undefined) {
      const intake = await createIndeedApplyIntake({
        apiSecret: settings.indeed.apiSecret,
        stores,
        account: settings.indeed.apiToken,
        onError: (error) => log.error("Indeed application failed", { error }),
      });
      indeedApply = indeedApplyMiddleware(intake);
    }
    return {
      id: tenantId,
      name: row.name,
      settings,
      stores,
      inbox,
      recorder: new ApplicationRecorder({ stores }),
      importRecorder: new ApplicationRecorder({ stores, duplicateRules: ["same_external_id"] }),
      line,
      indeedApply,
    };
  }
}
