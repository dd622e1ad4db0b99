import { ValidationError } from "@org/ats-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { candidateIdByName, startDemoForPages } from "./demo-fixture";
import { createUser } from "./users";
import { WebTestClient } from "./web-test-client";

let fixture: Awaited<ReturnType<typeof startDemoForPages>>;
let url: string;
beforeAll(async () => {
  fixture = await startDemoForPages();
  url = fixture.demo.server.url;
}, 90_000);
afterAll(() => fixture?.close());

const shojiUser = () => fixture.users.find((user) => user.tenantId === "sample-shoji")!;
const mauUser = () => fixture.users.find((user) => user.tenantId === "mau-vn")!;
async function signedIn(user = shojiUser()) {
  const client = new WebTestClient(url);
  const response = await client.login(user.tenantId, user.email, user.password);
  expect(response.status).toBe(303);
  return client;
}

describe("login", () => {
  it("sends every page to the login form without a session", async () => {
    const client = new WebTestClient(url);
    for (const path of [
      "/app",
      "/app/candidates",
      "/app/settings",
      "/app/imports",
      "/app/candidates/x/line",
    ]) {
      const response = await client.get(path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get("location")).toBe(`/app/login?next=${encodeURIComponent(path)}`);
    }
    expect((await client.post("/app/logout", {})).status).toBe(401);
  });

  it("refuses a wrong password and an unknown company alike", async () => {
    const client = new WebTestClient(url);
    const user = shojiUser();
    expect((await client.login(user.tenantId, user.email, "wrong password!")).status).toBe(401);
    expect((await client.login("no-such-company", user.email, user.password)).status).toBe(401);
    // The right password in the other company does not open it either.
    expect((await client.login("mau-vn", user.email, user.password)).status).toBe(401);
    expect((await client.get("/app")).status).toBe(303);
  });

  it("starts a server-side session with an HttpOnly, SameSite=Lax, Secure (https PUBLIC_BASE_URL) cookie", async () => {
    const client = new WebTestClient(url);
    const form = await (await client.get("/app/login")).text();
    const user = shojiUser();
    const response = await client.post("/app/login", {
      _csrf: WebTestClient.csrfOf(form),
      tenant: user.tenantId,
      email: user.email.toUpperCase(),
      password: user.password,
    });
    expect(response.status).toBe(303);
    const cookie = response.headers.getSetCookie().find((header) => header.startsWith("ats_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    const value = cookie.split(";")[0]!.split("=")[1]!;
    // Only the hash of the id is stored.
    const { rows } = await fixture.demo.server.db.query<{ id_sha256: string }>(
      "SELECT id_sha256 FROM web_sessions",
    );
    expect(rows.some((row) => row.id_sha256 === value)).toBe(false);
    expect((await client.page("/app")).status).toBe(200);
  });

  it("refuses a login form posted without its token", async () => {
    const client = new WebTestClient(url);
    const user = shojiUser();
    const response = await client.post("/app/login", {
      tenant: user.tenantId,
      email: user.email,
      password: user.password,
    });
    expect(response.status).toBe(403);
  });

  it("logs out: the session is gone from the server", async () => {
    const client = await signedIn();
    expect((await client.submit("/app", "/app/logout")).status).toBe(303);
    expect((await client.get("/app")).status).toBe(303);
  });

  it("never redirects outside the app after login", async () => {
    const client = new WebTestClient(url);
    const form = await (await client.get("/app/login")).text();
    const user = shojiUser();
    const response = await client.post("/app/login", {
      _csrf: WebTestClient.csrfOf(form),
      tenant: user.tenantId,
      email: user.email,
      password: user.password,
      next: "//evil.example/app",
    });
    expect(response.headers.get("location")).toBe("/app");
  });
});

describe("CSRF", () => {
  it("refuses a POST without the session's token, and one with another session's token", async () => {
    const client = await signedIn();
    const other = await signedIn();
    const otherToken = WebTestClient.csrfOf((await other.page("/app")).html);
    const taro = await candidateIdByName(fixture.demo, "sample-shoji", "山田 太郎");
    for (const fields of [{}, { _csrf: "" }, { _csrf: otherToken }]) {
      const response = await client.post(`/app/candidates/${taro}/line/read`, fields);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("フォームの確認トークンが一致しません");
    }
    expect((await client.post("/app/logout", { _csrf: otherToken })).status).toBe(403);
  });

  it("puts the token in every form of every page", async () => {
    const client = await signedIn();
    const taro = await candidateIdByName(fixture.demo, "sample-shoji", "山田 太郎");
    for (const path of [
      "/app",
      "/app/candidates",
      `/app/candidates/${taro}`,
      `/app/candidates/${taro}/line`,
      "/app/settings",
      "/app/imports",
    ]) {
      const { status, html } = await client.page(path);
      expect(status, path).toBe(200);
      const posts = html.match(/<form method="post"[\s\S]*?<\/form>/g) ?? [];
      expect(posts.length, path).toBeGreaterThan(0);
      for (const form of posts) expect(form, path).toContain('name="_csrf"');
    }
  });
});

describe("tenant isolation", () => {
  it("one company's recruiter never sees another company's candidates or settings, whatever the URL", async () => {
    const mau = await signedIn(mauUser());
    const taro = await candidateIdByName(fixture.demo, "sample-shoji", "山田 太郎");
    const list = await mau.page("/app/candidates");
    expect(list.html).toContain("Nguyễn Văn An");
    expect(list.html).not.toContain("山田 太郎");
    for (const path of [
      `/app/candidates/${taro}`,
      `/app/candidates/${taro}/line`,
      `/app/candidates/${encodeURIComponent(taro)}?tenant=sample-shoji`,
    ]) {
      const response = await mau.get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain("山田");
    }
    const settings = await mau.page("/app/settings?tenant=sample-shoji");
    expect(settings.html).not.toContain("acc-ambi");
    expect(settings.html).not.toContain("hr@sample-shoji.example.jp");
    const dashboard = await mau.page("/app");
    expect(dashboard.html).not.toContain("山田");
    // Actions on the other company's ids find nothing.
    const token = WebTestClient.csrfOf(dashboard.html);
    expect((await mau.post(`/app/candidates/${taro}/line/link-url`, { _csrf: token })).status).toBe(404);
    expect((await mau.post(`/app/candidates/${taro}/merge`, { _csrf: token, into: taro })).status).toBe(404);
    // Nor does the other company's feed lint or import history show up.
    expect((await mau.page("/app/imports")).html).not.toContain("acc-ambi");
  });
});

describe("login throttle", () => {
  it("locks a login after 10 failures in 15 minutes, even for the right password, and not the other logins", async () => {
    const user = await createUser(fixture.demo.server.db, {
      tenantId: "sample-shoji",
      email: "throttled@sample-shoji.example",
      name: "Throttled",
      password: "a long enough password",
    });
    const client = new WebTestClient(url);
    for (let i = 0; i < 10; i++)
      expect((await client.login("sample-shoji", user.email, `wrong ${i}`)).status).toBe(401);
    const locked = await client.login("sample-shoji", user.email, "a long enough password");
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain("15分後にもう一度お試しください");
    expect((await client.login(shojiUser().tenantId, shojiUser().email, shojiUser().password)).status).toBe(
      303,
    );
  });
});

describe("users", () => {
  it("refuses a short password with a typed error naming the field", async () => {
    const error = await createUser(fixture.demo.server.db, {
      tenantId: "sample-shoji",
      email: "short@sample-shoji.example",
      name: "Short",
      password: "short",
    }).catch((caught: unknown) => caught);
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).issues[0]!.path).toEqual(["password"]);
  });

  it("stores a bcrypt hash, never the password", async () => {
    const { rows } = await fixture.demo.server.db.query<{ password_hash: string }>(
      "SELECT password_hash FROM users WHERE tenant_id = 'sample-shoji' AND email = $1",
      [shojiUser().email],
    );
    expect(rows[0]!.password_hash).toMatch(/^\$2[aby]\$11\$/);
    expect(rows[0]!.password_hash).not.toContain(shojiUser().password);
  });
});
