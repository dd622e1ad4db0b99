import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { indeedApplyMiddleware } from "./express";
import { seedApplicationBytes } from "./fixtures/seed";
import { createIndeedApplyIntake, type IndeedApplyIntake } from "./index";
import { sign, tenant } from "./testing/intake-fixture";

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function listen(app: express.Express): Promise<string> {
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** POSTs with chunked encoding (no content-length), so only reading can find the size. */
function postChunked(
  url: string,
  chunks: Uint8Array[],
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } },
      (res) => {
        let body = "";
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe("indeedApplyMiddleware", () => {
  const seed = seedApplicationBytes("resume-upload") as Uint8Array<ArrayBuffer>;
  const headers = { "content-type": "application/json", "x-indeed-signature": sign(seed) };
  let intake: IndeedApplyIntake;

  it("receives the seed's application while express.json() serves other routes", async () => {
    ({ intake } = await tenant());
    const app = express();
    app.post("/indeed", indeedApplyMiddleware(intake));
    app.use(express.json());
    app.post("/echo", (req, res) => {
      res.json(req.body);
    });
    const base = await listen(app);
    const response = await fetch(`${base}/indeed`, { method: "POST", body: seed, headers });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, code: "stored" });
    const again = await fetch(`${base}/indeed`, { method: "POST", body: seed, headers });
    expect(again.status).toBe(409);
    const echo = await fetch(`${base}/echo`, {
      method: "POST",
      body: '{"a":1}',
      headers: { "content-type": "application/json" },
    });
    expect(await echo.json()).toEqual({ a: 1 });
    const unsigned = await fetch(`${base}/indeed`, {
      method: "POST",
      body: seed,
      headers: { "content-type": "application/json" },
    });
    expect(unsigned.status).toBe(401);
  });

  it("uses req.rawBody when a global express.json() kept it, and names the fix when it did not", async () => {
    ({ intake } = await tenant());
    const kept = express();
    kept.use(
      express.json({
        limit: "32mb",
        verify: (req, _res, buf) => {
          (req as unknown as { rawBody: Buffer }).rawBody = buf;
        },
      }),
    );
    kept.post("/indeed", indeedApplyMiddleware(intake));
    const keptBase = await listen(kept);
    expect((await fetch(`${keptBase}/indeed`, { method: "POST", body: seed, headers })).status).toBe(200);

    const lost = express();
    lost.use(express.json());
    lost.post("/indeed", indeedApplyMiddleware(intake));
    const lostBase = await listen(lost);
    const response = await fetch(`${lostBase}/indeed`, { method: "POST", body: seed, headers });
    expect(response.status).toBe(500);
    expect((await response.json()).message).toMatch(/before express\.json\(\)/);
  });

  it("answers 413 while reading an oversized chunked body, and from content-length", async () => {
    ({ intake } = await tenant({ maxBodyBytes: 4096 }));
    const app = express();
    app.post("/indeed", indeedApplyMiddleware(intake));
    const base = await listen(app);
    const chunk = new Uint8Array(1024).fill(0x20);
    const chunked = await postChunked(
      `${base}/indeed`,
      Array.from({ length: 8 }, () => chunk),
      headers,
    );
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ code: "payload_too_large" });
    const declared = await fetch(`${base}/indeed`, { method: "POST", body: new Uint8Array(10_000), headers });
    expect(declared.status).toBe(413);
  });

  it("is built only from a valid secret", async () => {
    const { stores } = await tenant();
    await expect(createIndeedApplyIntake({ apiSecret: "", stores, account: "t" })).rejects.toMatchObject({
      code: "configuration_invalid",
    });
  });
});
