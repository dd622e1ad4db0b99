import { expect, it } from "vitest";
import { InMemoryWebhookInbox } from "./webhook-inbox";

const at = new Date("2026-11-21T00:00:00Z");

it("stores a delivery once and tracks it until processed", async () => {
  const inbox = new InMemoryWebhookInbox();
  expect(await inbox.add({ id: "line:e1", provider: "line", receivedAt: at, body: '{"events":[]}' })).toBe(
    true,
  );
  expect(await inbox.add({ id: "line:e1", provider: "line", receivedAt: at, body: "redelivery" })).toBe(
    false,
  );
  expect((await inbox.get("line:e1"))?.body).toBe('{"events":[]}');
  await inbox.add({
    id: "topcv:d1",
    provider: "topcv",
    receivedAt: new Date(at.getTime() - 1000),
    body: "{}",
  });

  expect((await inbox.pending()).map((delivery) => delivery.id)).toEqual(["topcv:d1", "line:e1"]);
  await inbox.markFailed("line:e1", "store unavailable", at);
  expect(await inbox.pending({ provider: "line" })).toMatchObject([
    { id: "line:e1", status: "failed", attempts: 1, lastError: "store unavailable" },
  ]);
  await inbox.markProcessed("line:e1", at);
  expect(await inbox.pending({ provider: "line" })).toEqual([]);
  expect(await inbox.get("line:e1")).toMatchObject({ status: "processed", attempts: 2, processedAt: at });
});
