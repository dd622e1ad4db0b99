import { createHash } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AppConfigSchema } from "./config";
import { openDatabase } from "./db/database";
import { migrate } from "./db/migrations";
import { createLogger } from "./logger";
import { type RunningServer, type ServerOptions, startServer } from "./server";
import type { TenantSettingsInput } from "./tenant-settings";

/** LINE settings of a test tenant (the channel ids and secrets are made up). */
export function lineSettings(tenant: string) {
  return {
    messaging: {
      channelId: "1654689566",
      channelSecret: createHash("md5").update(tenant).digest("hex"),
      channelAccessToken: `token-${tenant}`,
    },
    login: { channelId: "1654668289", channelSecret: "7c4f2b1d9e8a6f3c5b0d1e2f3a4b5c6d" },
    linkingSecret: `linking-secret-of-${tenant}-at-least-32-characters`,
  };
}

/** Starts the app on an in-memory PGlite with the given tenants; logs are collected, not printed. */
export async function startTestServer(
  tenants: Record<string, TenantSettingsInput>,
  env: Record<string, string> = {},
  options: Pick<ServerOptions, "topcvBaseUrl" | "lineApiBaseUrl" | "schedule"> = {},
): Promise<RunningServer & { logs: string[] }> {
  const db = await openDatabase({});
  await migrate(db);
  for (const [id, settings] of Object.entries(tenants)) {
    await db.query("INSERT INTO tenants (id, name, settings) VALUES ($1, $2, $3)", [
      id,
      `${id} 株式会社`,
      JSON.stringify(settings),
    ]);
  }
  const logs: string[] = [];
  const outbox = await mkdtemp(path.join(tmpdir(), "ats-outbox-"));
  const config = AppConfigSchema.parse({
    PORT: "0",
    OUTBOX_DIR: outbox,
    SHUTDOWN_TIMEOUT_MS: "5000",
    ...env,
  });
  const server = await startServer(config, {
    ...options,
    db,
    logger: createLogger("debug", {}, (line) => logs.push(line)),
  });
  return { ...server, logs };
}
