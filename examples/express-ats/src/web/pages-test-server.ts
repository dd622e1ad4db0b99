import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AppConfigSchema } from "../config";
import { openDatabase } from "../db/database";
import { migrate } from "../db/migrations";
import { serveMock } from "../demo/mock-server";
import { createLogger } from "../logger";
import { type RunningServer, startServer } from "../server";
import type { TenantSettingsInput } from "../tenant-settings";
import { lineSettings } from "../test-app";
import { type DemoUser, seedDemoUsers } from "./demo-users";
import { LineVerifyMock } from "./line-verify-mock";

/** The tenant of {@link startPagesTestServer}: LINE and imports (a マイナビ新卒 account for the MIWS mapping). */
export const PAGES_TENANT = "kaisha";

/**
 * The app on in-memory PGlite with one LINE-and-imports tenant whose LINE APIs (Messaging and
 * Login) are a local {@link LineVerifyMock}: for "verify settings" and the settings forms.
 */
export async function startPagesTestServer(): Promise<{
  server: RunningServer;
  lineMock: LineVerifyMock;
  user: DemoUser;
  close(): Promise<void>;
}> {
  const lineMock = new LineVerifyMock(lineSettings(PAGES_TENANT).messaging.channelId, "");
  const mock = await serveMock("LINE (MOCK)", (request) => lineMock.handle(request));
  const db = await openDatabase({});
  await migrate(db);
  const settings: TenantSettingsInput = {
    line: lineSettings(PAGES_TENANT),
    imports: {
      schedule: { slots: ["09:00", "18:00"], startDate: "2026-11-01" },
      recipients: { to: ["hr@kaisha.example.jp"] },
      accounts: [{ id: "acc-mynavi", board: "mynavi-shinsotsu", login: "kaisha-mynavi", enabled: true }],
    },
  };
  await db.query("INSERT INTO tenants (id, name, settings) VALUES ($1, $2, $3)", [
    PAGES_TENANT,
    "株式会社カイシャ",
    JSON.stringify(settings),
  ]);
  const [user] = await seedDemoUsers(db, [PAGES_TENANT]);
  const config = AppConfigSchema.parse({
    PORT: "0",
    OUTBOX_DIR: await mkdtemp(path.join(tmpdir(), "ats-pages-outbox-")),
    IMPORTS_DIR: await mkdtemp(path.join(tmpdir(), "ats-pages-imports-")),
    SHUTDOWN_TIMEOUT_MS: "5000",
  });
  const server = await startServer(config, {
    db,
    lineApiBaseUrl: mock.url,
    lineFetch: LineVerifyMock.loginFetch(mock.url),
    schedule: false,
    logger: createLogger("error", {}, () => undefined),
  });
  const line = (await server.registry.get(PAGES_TENANT)).line!;
  lineMock.registeredWebhookUrl = line.urls.webhookUrl;
  return {
    server,
    lineMock,
    user: user!,
    close: async () => {
      await server.stop();
      await mock.close();
    },
  };
}
