import { createInMemoryStores, parseJob } from "@org/ats-core";
import { createIndeedApplyIntake } from "../src/index.ts";

/**
 * The intake the benchmarks measure: one tenant, in-memory ats-core stores, an open job "123456"
 * (the job id of the seed's sample applications).
 */
export async function benchIntake(apiSecret: string) {
  const stores = createInMemoryStores();
  await stores.jobs.put(
    parseJob({
      id: "123456",
      title: "Test Engineer",
      company: "Your Company",
      location: { country: "JP" },
      status: "open",
      openedAt: new Date("2026-01-01T00:00:00Z"),
      pipeline: [{ id: "new", name: "新規" }],
    }),
  );
  return createIndeedApplyIntake({ apiSecret, stores, account: "bench" });
}
