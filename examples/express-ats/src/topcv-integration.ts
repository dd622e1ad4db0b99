import { ConfigurationError } from "@org/ats-core";
import {
  connectionReceiverResolver,
  TopCvClient,
  type TopCvConnectionRecord,
  TopCvConnections,
  type TopCvCredentials,
  TopCvWebhookReceiver,
} from "@org/topcv-client";
import { topcvWebhookMiddleware } from "@org/topcv-client/express";
import { Router } from "express";
import type { Database } from "./db/database";
import { createSqlTopCvStores, SqlConnectionStore } from "./db/sql-topcv-stores";
import type { Logger } from "./logger";
import type { OutboxMailer } from "./outbox-mailer";
import type { TenantRegistry } from "./tenant-registry";

/** Where TopCV is (the demo points it at its local mock). Default: the contract's assumed base URL. */
export interface TopCvEndpoints {
  baseUrl?: string | undefined;
}

/**
 * TopCV for every tenant: each company's connection (Access Token + Secret Key, the webhook
 * endpoint URL to paste into TopCV), its client for postings, and the webhook route that stores
 * deliveries in the company's inbox and records applications in the first stage of the linked job.
 */
export class TopCvIntegration {
  readonly router: Router;
  private readonly connectionStore: SqlConnectionStore;
  private readonly webhookBaseUrl: string;

  constructor(
    private readonly deps: {
      db: Database;
      registry: TenantRegistry;
      logger: Logger;
      mailer: OutboxMailer;
      publicBaseUrl: string;
      endpoints?: TopCvEndpoints;
    },
  ) {
    this.connectionStore = new SqlConnectionStore(deps.db);
    this.webhookBaseUrl = `${deps.publicBaseUrl.replace(/\/+$/, "")}/topcv/webhooks`;
    // Resolving an endpoint token never verifies credentials: those are checked when a company configures.
    const resolver = new TopCvConnections({
      store: this.connectionStore,
      webhookBaseUrl: this.webhookBaseUrl,
      verifyCredentials: async () => {
        throw new ConfigurationError("topcv", "Configure TopCV through connections(tenantId)");
      },
    });
    this.router = Router();
    this.router.post(
      "/topcv/webhooks/:token",
      topcvWebhookMiddleware(connectionReceiverResolver(resolver, (connection) => this.receiver(connection))),
    );
  }

  /** A company's connection settings: configure / update, status, disconnect. */
  connections(tenantId: string): TopCvConnections {
    return new TopCvConnections({
      store: this.connectionStore,
      webhookBaseUrl: this.webhookBaseUrl,
      verifyCredentials: (credentials) => this.client(tenantId, credentials).verifyCredentials(),
    });
  }

  /** A company's TopCV client (postings, their log, CV downloads). */
  client(tenantId: string, credentials: TopCvCredentials | TopCvConnectionRecord): TopCvClient {
    const { postings, log } = createSqlTopCvStores(this.deps.db, tenantId);
    return new TopCvClient({
      accessToken: credentials.accessToken,
      secretKey: credentials.secretKey,
      postings,
      log,
      ...(this.deps.endpoints?.baseUrl !== undefined && { baseUrl: this.deps.endpoints.baseUrl }),
    });
  }

  /** The webhook receiver of the company a connection belongs to. */
  async receiver(connection: TopCvConnectionRecord): Promise<TopCvWebhookReceiver> {
    const tenant = await this.deps.registry.get(connection.tenantId);
    const client = this.client(connection.tenantId, connection);
    const log = this.deps.logger.child({ tenant: connection.tenantId, integration: "topcv" });
    return TopCvWebhookReceiver.create({
      account: connection.employer.id,
      signingSecret: connection.signingSecret,
      inbox: tenant.inbox,
      stores: tenant.stores,
      postings: createSqlTopCvStores(this.deps.db, connection.tenantId).postings,
      download: (url) => client.download(url),
      onPostingReviewed: async (notice) => {
        log.info("TopCV reviewed a posting", { notice });
        const to = tenant.settings.recruiterEmails;
        if (to.length === 0) return;
        await this.deps.mailer.send({
          to,
          cc: [],
          subject: `【TopCV】求人の審査結果 / Posting ${notice.status}`,
          text: JSON.stringify(notice, null, 2),
        });
      },
      onUnassigned: (report) =>
        log.warn("TopCV application for an unknown posting went to the unassigned queue", { report }),
      onError: (error, deliveryId) =>
        log.error("TopCV delivery failed; it stays pending", { deliveryId, error }),
    });
  }

  /** Processes what a crash left in a company's inbox. */
  async recover(tenantId: string): Promise<void> {
    const connection = await this.connectionStore.get(tenantId);
    if (connection === undefined) return;
    await (await this.receiver(connection)).processPending();
  }
}
