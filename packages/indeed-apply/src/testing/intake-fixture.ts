import { createHmac } from "node:crypto";
import { createInMemoryStores, parseJob } from "@org/ats-core";
import { createIndeedApplyIntake, type IndeedApplyIntakeOptions } from "../index";

/** Shared setup of the intake tests: a tenant with in-memory stores and three jobs. */
export const SECRET = "tenant api secret ✓";
export const NOW = new Date("2026-11-21T09:00:00Z");

export function sign(body: Uint8Array | string, secret = SECRET): string {
  return createHmac("sha1", secret).update(body).digest("base64");
}

export async function tenant(overrides: Partial<IndeedApplyIntakeOptions> = {}) {
  const stores = createInMemoryStores();
  const base = {
    title: "Test Engineer",
    company: "Your Company",
    location: { country: "JP" },
    openedAt: new Date("2026-01-01T00:00:00Z"),
    pipeline: [{ id: "new", name: "新規" }],
  };
  await stores.jobs.put(parseJob({ ...base, id: "123456", status: "open" }));
  await stores.jobs.put(parseJob({ ...base, id: "7775e2bc62b7f77e", status: "open" }));
  await stores.jobs.put(
    parseJob({ ...base, id: "closed-job", status: "closed", closedAt: new Date("2026-06-01T00:00:00Z") }),
  );
  await stores.jobs.put(
    parseJob({ ...base, id: "expired-job", status: "open", expiresAt: new Date("2026-11-01T00:00:00Z") }),
  );
  const errors: unknown[] = [];
  let id = 0;
  const intake = await createIndeedApplyIntake({
    apiSecret: SECRET,
    stores,
    account: "tenant-1",
    clock: () => NOW,
    recorder: { newId: () => `id-${++id}` },
    onError: (error) => errors.push(error),
    ...overrides,
  });
  return { stores, intake, errors };
}
