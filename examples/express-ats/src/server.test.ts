import { createLineSignatureVerifier } from "@org/line-link";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "./config";
import { createLogger, redact } from "./logger";
import type { RunningServer } from "./server";
import { lineSettings, startTestServer } from "./test-app";

const running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});

async function start() {
  const server = await startTestServer({
    acme: { line: lineSettings("acme") },
    globex: { line: lineSettings("globex") },
  });
  running.push(server);
  return server;
}

const USER = `U${"1".repeat(32)}`;
function lineBody(text: string, eventId = "01HF0000000000000000000001") {
  const event = {
    type: "message",
    webhookEventId: eventId,
    timestamp: Date.now(),
    source: { type: "user", userId: USER },
    message: { type: "text", id: "468531800001", text },
  };
  return JSON.stringify({ destination: `U${"d".repeat(32)}`, events: [event] });
}

describe("configuration", () => {
  it("names every wrong variable and the fix", () => {
    expect(() =>
      loadConfig({ PORT: "http", DATABASE_URL: "mysql://x", REDIS_URL: "localhost:6379" }),
    ).toThrow(
      /PORT: .*\n.*DATABASE_URL: DATABASE_URL must start with postgres:\/\/.*\n.*REDIS_URL: REDIS_URL must start with redis:\/\//,
    );
    expect(loadConfig({ DATABASE_URL: "" })).toMatchObject({ PORT: 3000, DATA_DIR: ".data/pglite" });
  });
});

describe("logs", () => {
  it("redact secrets at any depth", () => {
    const lines: string[] = [];
    createLogger("info", {}, (line) => lines.push(line)).info("settings", {
      line: { messaging: { channelSecret: "s3cret", channelAccessToken: "t0ken" } },
      authorization: "Bearer x",
      user: "ok",
    });
    expect(lines[0]).not.toMatch(/s3cret|t0ken|Bearer/);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: "info",
      message: "settings",
      user: "ok",
      authorization: "[redacted]",
    });
    expect(redact({ apiKey: "k", nested: [{ password: "p" }] })).toEqual({
      apiKey: "[redacted]",
      nested: [{ password: "[redacted]" }],
    });
  });
});

describe("the reference app", () => {
  it("answers health and readiness, and 404 for unknown routes", async () => {
    const server = await start();
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${server.url}/ready`)).json()).toMatchObject({
      status: "ready",
      database: "pglite",
    });
    const missing = await fetch(`${server.url}/nope`);
    expect(missing.status).toBe(404);
  });

  it("stores a signed LINE webhook per tenant and refuses a wrong signature", async () => {
    const server = await start();
    const body = lineBody("よろしくお願いします");
    const acmeSignature = await (
      await createLineSignatureVerifier(lineSettings("acme").messaging.channelSecret)
    ).sign(body);
    const globexSignature = await (
      await createLineSignatureVerifier(lineSettings("globex").messaging.channelSecret)
    ).sign(body);

    const wrong = await fetch(`${server.url}/line/acme/webhook`, {
      method: "POST",
      headers: { "x-line-signature": globexSignature, "content-type": "application/json" },
      body,
    });
    expect(wrong.status).toBe(401);
    expect(await (await server.registry.get("acme")).inbox.pending()).toEqual([]);

    const ok = await fetch(`${server.url}/line/acme/webhook`, {
      method: "POST",
      headers: { "x-line-signature": acmeSignature, "content-type": "application/json" },
      body,
    });
    expect(ok.status).toBe(200);
    const stored = await server.db.query<{ tenant_id: string; id: string }>(
      "SELECT tenant_id, id FROM webhook_inbox",
    );
    expect(stored.rows).toEqual([{ tenant_id: "acme", id: "line:01HF0000000000000000000001" }]);
    expect(
      (
        await fetch(`${server.url}/line/unknown/webhook`, {
          method: "POST",
          headers: { "x-line-signature": acmeSignature },
          body,
        })
      ).status,
    ).toBe(404);
    // The request log never carries the signature.
    expect(server.logs.join("\n")).not.toContain(acmeSignature);
  });

  it("starts LINE linking: a linking URL redirects to LINE Login with state, nonce and the add-friend prompt", async () => {
    const server = await start();
    const line = (await server.registry.get("acme")).line!;
    const { url } = await line.linking.createLinkingUrl({ candidateId: "cand-1", applicationId: "app-1" });
    const response = await fetch(server.url + new URL(url).pathname, { redirect: "manual" });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(location.host).toBe("access.line.me");
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      response_type: "code",
      scope: "profile openid",
      bot_prompt: "aggressive",
      prompt: "consent",
    });
    expect(location.searchParams.get("state")).toBeTruthy();
    expect(location.searchParams.get("nonce")).toBeTruthy();
    const tampered = await fetch(`${server.url + new URL(url).pathname}x`, { redirect: "manual" });
    expect(tampered.status).toBeGreaterThanOrEqual(400);
  });

  it("stops gracefully: no new requests, then the database is closed", async () => {
    const server = await startTestServer({});
    await server.stop();
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    await expect(server.db.query("SELECT 1")).rejects.toThrow();
  });
});
