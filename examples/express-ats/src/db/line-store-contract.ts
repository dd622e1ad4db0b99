import type { ConversationStore, LinkingStore, LinkStore } from "@org/line-link";
import { expect, it } from "vitest";

const USER_A = `U${"a".repeat(32)}`;
const USER_B = `U${"b".repeat(32)}`;
const T0 = new Date("2026-11-21T09:00:00Z");
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/**
 * What @org/line-link expects of its store ports, run against its in-memory stores and the SQL
 * ones, so that the reference app behaves as the package's own tests say.
 */
export function lineStoreContract(
  open: () => Promise<{ links: LinkStore; linking: LinkingStore; conversations: ConversationStore }>,
) {
  it("links one LINE user to one candidate and tracks reachability", async () => {
    const { links } = await open();
    const link = {
      candidateId: "c1",
      lineUserId: USER_A,
      applicationIds: ["a1"],
      linkedAt: T0,
      reachable: true,
      loginTokens: { accessToken: "t", expiresAt: later(3600) },
    };
    await links.save(link);
    expect(await links.getByLineUser(USER_A)).toEqual(link);
    await expect(links.save({ ...link, candidateId: "c2" })).rejects.toThrow(/already linked/);
    await links.save({ ...link, lineUserId: USER_B });
    expect(await links.getByLineUser(USER_A)).toBeUndefined();
    expect(await links.setReachable(USER_B, false, later(5))).toBe(true);
    expect(await links.getByCandidate("c1")).toMatchObject({
      reachable: false,
      reachabilityChangedAt: later(5),
    });
    expect(await links.setReachable(USER_A, false, later(5))).toBe(false);
    expect((await links.remove("c1"))?.lineUserId).toBe(USER_B);
    expect(await links.remove("c1")).toBeUndefined();
  });

  it("uses a linking URL once and takes a login state once", async () => {
    const { linking } = await open();
    await linking.saveUrl({
      id: "u1",
      purpose: "candidate",
      candidateId: "c1",
      createdAt: T0,
      expiresAt: later(600),
    });
    expect(await linking.getUrl("u1")).toEqual({
      id: "u1",
      purpose: "candidate",
      candidateId: "c1",
      createdAt: T0,
      expiresAt: later(600),
    });
    const [first, second] = await Promise.all([
      linking.markUsed("u1", later(1)),
      linking.markUsed("u1", later(2)),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect((await linking.getUrl("u1"))?.usedAt).toBeInstanceOf(Date);
    const attempt = {
      state: "s1",
      nonce: "n",
      linkingUrlId: "u1",
      linkingToken: "tok",
      createdAt: T0,
      expiresAt: later(600),
      autoLoginDisabled: false,
    };
    await linking.saveAttempt(attempt);
    expect(await linking.takeAttempt("s1")).toEqual(attempt);
    expect(await linking.takeAttempt("s1")).toBeUndefined();
  });

  it("keeps conversations once per message id, with the unread rule", async () => {
    const { conversations } = await open();
    const inbound = {
      id: "m1",
      candidateId: "c1",
      direction: "inbound" as const,
      at: later(10),
      kind: "text" as const,
      text: "面接の日程について",
    };
    expect(await conversations.append(inbound)).toBe(true);
    expect(await conversations.append(inbound)).toBe(false);
    expect(await conversations.unreadCandidateIds()).toEqual(["c1"]);
    await conversations.markRead("c1", later(11));
    expect(await conversations.unreadCandidateIds()).toEqual([]);
    await conversations.append({ ...inbound, id: "m0", at: later(5), text: "older, arriving late" });
    expect(await conversations.unreadCandidateIds()).toEqual([]);
    await conversations.append({ ...inbound, id: "m2", at: later(20), text: "もう一通" });
    expect(await conversations.unreadCandidateIds()).toEqual(["c1"]);
    await conversations.append({
      ...inbound,
      id: "m3",
      at: later(30),
      direction: "outbound",
      text: "承知しました",
      sentBy: "recruiter-1",
    });
    expect(await conversations.unreadCandidateIds()).toEqual([]);
    expect((await conversations.list("c1")).map((message) => message.id)).toEqual(["m0", "m1", "m2", "m3"]);
    expect((await conversations.list("c1", { limit: 2 })).map((message) => message.id)).toEqual(["m2", "m3"]);
    expect((await conversations.list("c1", { before: later(20) })).map((message) => message.id)).toEqual([
      "m0",
      "m1",
    ]);
    expect(await conversations.thread("c1")).toMatchObject({
      lastDirection: "outbound",
      lastMessageAt: later(30),
      readAt: later(11),
    });
  });
}
