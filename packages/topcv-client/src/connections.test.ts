import { ConfigurationError } from "@org/ats-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createEndpointToken,
  InMemoryConnectionStore,
  isEndpointTokenShape,
  TopCvConnections,
} from "./connections";
import { TopCvAuthError } from "./errors";
import { InMemoryPostingLog } from "./posting-log";
import { InMemoryPostingStore } from "./posting-store";
import { CREDENTIALS, TEST_BASE_URL, useContractMock } from "./test-server";
import { TopCvClient } from "./topcv-client";

useContractMock();

function connections() {
  const store = new InMemoryConnectionStore();
  const registry = new TopCvConnections({
    store,
    webhookBaseUrl: "https://ats.example.com/topcv/webhooks/",
    verifyCredentials: (credentials) =>
      new TopCvClient({
        ...credentials,
        baseUrl: TEST_BASE_URL,
        postings: new InMemoryPostingStore(),
        log: new InMemoryPostingLog(),
      }).verifyCredentials(),
    clock: () => new Date("2026-11-21T10:00:00+07:00"),
  });
  return { store, registry };
}

describe("TopCvConnections (seed 002: configured / update / disconnect)", () => {
  it("starts not configured; saving valid credentials makes it configured with an endpoint URL", async () => {
    const { registry } = connections();
    expect(await registry.status("acme")).toEqual({ status: "not_configured" });
    const status = await registry.configure("acme", CREDENTIALS);
    expect(status).toMatchObject({ status: "configured", employer: { id: "emp_1" }, signed: false });
    if (status.status !== "configured") throw new Error("unreachable");
    expect(status.endpointUrl).toMatch(/^https:\/\/ats\.example\.com\/topcv\/webhooks\/[A-Za-z0-9_-]{43}$/);
    expect(await registry.status("acme")).toEqual(status);
  });

  it("refuses credentials TopCV refuses, saving nothing", async () => {
    const { registry } = connections();
    await expect(registry.configure("acme", { ...CREDENTIALS, accessToken: "nope" })).rejects.toSatisfy(
      (e: unknown) => TopCvAuthError.is(e),
    );
    expect(await registry.status("acme")).toEqual({ status: "not_configured" });
  });

  it("updating keeps the endpoint URL the employer pasted into TopCV", async () => {
    const { registry } = connections();
    const first = await registry.configure("acme", CREDENTIALS);
    const second = await registry.configure("acme", { ...CREDENTIALS, signingSecret: "whsec_1" });
    expect(second).toMatchObject({ signed: true });
    expect((second as { endpointUrl: string }).endpointUrl).toBe(
      (first as { endpointUrl: string }).endpointUrl,
    );
  });

  it("disconnect returns to not configured and the endpoint stops resolving", async () => {
    const { registry } = connections();
    const status = await registry.configure("acme", CREDENTIALS);
    const token = (status as { endpointUrl: string }).endpointUrl.split("/").pop()!;
    expect((await registry.resolveEndpoint(token))?.tenantId).toBe("acme");
    expect(await registry.disconnect("acme")).toEqual({ status: "not_configured" });
    expect(await registry.resolveEndpoint(token)).toBeUndefined();
    await expect(registry.require("acme")).rejects.toThrow(/not configured/);
  });

  it("gives each tenant its own unguessable endpoint", async () => {
    const { registry } = connections();
    const a = (await registry.configure("a", CREDENTIALS)) as { endpointUrl: string };
    const b = (await registry.configure("b", CREDENTIALS)) as { endpointUrl: string };
    expect(a.endpointUrl).not.toBe(b.endpointUrl);
    expect(await registry.resolveEndpoint("not-a-token")).toBeUndefined();
  });

  it("refuses a webhook base URL TopCV could not call safely", () => {
    const create = (webhookBaseUrl: string) =>
      new TopCvConnections({
        store: new InMemoryConnectionStore(),
        webhookBaseUrl,
        verifyCredentials: async () => ({ id: "", companyName: "" }),
      });
    expect(() => create("http://ats.example.com/hooks")).toThrow(ConfigurationError);
    expect(() => create("http://localhost:3000/hooks")).not.toThrow();
  });
});

describe("endpoint tokens", () => {
  it("are 256-bit base64url and recognised by shape", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const token = createEndpointToken(() => bytes);
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(isEndpointTokenShape(token)).toBe(true);
      }),
      { seed: 42, numRuns: 200 },
    );
    expect(isEndpointTokenShape("../../etc/passwd")).toBe(false);
  });
});
