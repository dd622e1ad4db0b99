import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { lineRouter } from "./express";
import {
  createInMemoryLineStores,
  createLineLink,
  createLineSignatureVerifier,
  type LineLink,
  type LineLinkStores,
  lineUrls,
  type ProcessedEvent,
  parseLineLinkSettings,
} from "./index";
import { CANDIDATE_USER, lineBody, SEED_SETTINGS, textEvent } from "./testing/fixtures";
import { type LineApiState, lineApiHandlers } from "./testing/line-api";
import { FakeLineLogin } from "./testing/line-login-mock";

const settings = parseLineLinkSettings(SEED_SETTINGS);
const fake = new FakeLineLogin(settings.login.channelId, settings.login.channelSecret, () => new Date());
const state: LineApiState = { pushes: [], acceptedRetryKeys: new Set() };
const msw = setupServer(
  ...fake.handlers(),
  ...lineApiHandlers(state, {
    channelId: settings.messaging.channelId,
    webhookUrl: lineUrls(settings).webhookUrl,
  }),
);
beforeAll(() => msw.listen({ onUnhandledRequest: "bypass" }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

let server: Server;
let base: string;
let tenant: LineLink;
let stores: LineLinkStores;
let processed: Promise<ProcessedEvent[]>;
let announce: (results: ProcessedEvent[]) => void;

async function startApp(configure: (app: express.Express) => void = () => {}) {
  const app = express();
  configure(app);
  app.use(
    lineRouter((id) => (id === "acme" ? tenant : undefined), {
      maxBodyBytes: 64 * 1024,
      onProcessed: (_id, results) => announce(results),
    }),
  );
  await new Promise<void>((resolve) => {
    server = app.listen(0, "127.0.0.1", () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeEach(async () => {
  stores = createInMemoryLineStores();
  tenant = await createLineLink(
    { ...SEED_SETTINGS, publicBaseUrl: "https://ats.example.com" },
    { ...stores, logger: { warn() {} } },
  );
  processed = new Promise((resolve) => {
    announce = resolve;
  });
});
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function postWebhook(body: string, signature?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== undefined) headers["x-line-signature"] = signature;
  return fetch(`${base}/line/acme/webhook`, { method: "POST", headers, body });
}

describe("Express webhook route", () => {
  it("verifies the raw body, answers 200, then processes the stored event", async () => {
    await startApp();
    await stores.links.save({
      candidateId: "cand-1",
      lineUserId: CANDIDATE_USER,
      applicationIds: [],
      linkedAt: new Date(),
      reachable: true,
    });
    const body = lineBody([textEvent(CANDIDATE_USER, "はじめまして😀")]);
    const verifier = await createLineSignatureVerifier(settings.messaging.channelSecret);
    const response = await postWebhook(body, await verifier.sign(body));
    expect(response.status).toBe(200);
    expect((await processed).map((r) => r.outcome)).toEqual(["message_stored"]);
    expect((await stores.conversations.list("cand-1"))[0]?.text).toBe("はじめまして😀");
  });

  it("answers 401 to a bad signature and stores nothing; 200 to LINE's connectivity check", async () => {
    await startApp();
    const body = lineBody([textEvent(CANDIDATE_USER, "x")]);
    expect((await postWebhook(body, "AAAA")).status).toBe(401);
    expect((await postWebhook(body)).status).toBe(401);
    expect(await stores.inbox.pending()).toEqual([]);
    const empty = lineBody([]);
    const verifier = await createLineSignatureVerifier(settings.messaging.channelSecret);
    expect((await postWebhook(empty, await verifier.sign(empty))).status).toBe(200);
  });

  it("refuses with the fix when express.json() consumed the body, and works with the rawBody hook", async () => {
    await startApp((app) => app.use(express.json()));
    const body = lineBody([textEvent(CANDIDATE_USER, "x")]);
    const verifier = await createLineSignatureVerifier(settings.messaging.channelSecret);
    const response = await postWebhook(body, await verifier.sign(body));
    expect(response.status).toBe(500);
    expect((await response.json()).message).toContain("Mount lineRouter before express.json()");
    await new Promise<void>((resolve) => server.close(() => resolve()));

    await startApp((app) =>
      app.use(
        express.json({
          verify: (req, _res, buf) => {
            (req as unknown as { rawBody: Buffer }).rawBody = buf;
          },
        }),
      ),
    );
    expect((await postWebhook(body, await verifier.sign(body))).status).toBe(200);
  });

  it("answers 404 for an unknown tenant and 413 for an oversized body", async () => {
    await startApp();
    expect((await fetch(`${base}/line/nobody/webhook`, { method: "POST", body: "{}" })).status).toBe(404);
    expect((await postWebhook("x".repeat(70 * 1024), "sig")).status).toBe(413);
  });
});

describe("Express webhook route, failures", () => {
  it("answers 500 when the inbox cannot store (LINE redelivers), and reports processing errors to onError", async () => {
    const errors: unknown[] = [];
    const failing = createInMemoryLineStores();
    failing.inbox.add = async () => {
      throw new Error("database down");
    };
    tenant = await createLineLink(SEED_SETTINGS, { ...failing, logger: { warn() {} } });
    const app = express();
    app.use(lineRouter(() => tenant));
    app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(500).json({ ok: false });
    });
    await new Promise<void>((resolve) => {
      server = app.listen(0, "127.0.0.1", () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body = lineBody([textEvent(CANDIDATE_USER, "x")]);
    const verifier = await createLineSignatureVerifier(settings.messaging.channelSecret);
    expect((await postWebhook(body, await verifier.sign(body))).status).toBe(500);
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const stored = createInMemoryLineStores();
    stored.inbox.pending = async () => {
      throw new Error("inbox read failed");
    };
    tenant = await createLineLink(SEED_SETTINGS, { ...stored, logger: { warn() {} } });
    const reported = new Promise<void>((resolve) => {
      const app2 = express();
      app2.use(
        lineRouter(() => tenant, {
          onError: (_id, error) => {
            errors.push(error);
            resolve();
          },
        }),
      );
      server = app2.listen(0, "127.0.0.1", () => {
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        void verifier.sign(body).then((signature) => postWebhook(body, signature));
      });
    });
    await reported;
    expect(String(errors[0])).toContain("inbox read failed");
  });
});

describe("Express linking routes", () => {
  it("redirects a linking URL to LINE Login (no-store), and ends the callback on the candidate's page", async () => {
    await startApp();
    const { url } = await tenant.linking.createLinkingUrl({ candidateId: "cand-1", applicationId: "app-1" });
    const path = new URL(url).pathname;
    const start = await fetch(base + path, { redirect: "manual" });
    expect(start.status).toBe(302);
    expect(start.headers.get("cache-control")).toBe("no-store");
    const location = start.headers.get("location")!;
    expect(location.startsWith("https://access.line.me/oauth2/v2.1/authorize?")).toBe(true);

    const retry = await fetch(`${base}${path}?retry=1`, { redirect: "manual" });
    expect(new URL(retry.headers.get("location")!).searchParams.get("disable_auto_login")).toBe("true");

    const query = new URLSearchParams(fake.authorize(location, CANDIDATE_USER));
    const callback = await fetch(`${base}/line/acme/login/callback?${query}`);
    expect(callback.status).toBe(200);
    expect(await callback.text()).toContain("LINE連携が完了しました");
    expect((await stores.links.getByCandidate("cand-1"))?.lineUserId).toBe(CANDIDATE_USER);

    const reused = await fetch(base + path, { redirect: "manual" });
    expect(reused.status).toBe(410);
    expect(await reused.text()).toContain("このURLはすでに使用されています");
  });

  it("shows a clear page for a tampered linking URL", async () => {
    await startApp();
    const { url } = await tenant.linking.createLinkingUrl({ candidateId: "cand-1" });
    const tampered = `${new URL(url).pathname.slice(0, -1)}${url.endsWith("A") ? "B" : "A"}`;
    const response = await fetch(base + tampered, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("このURLは無効です");
  });
});
