import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { parseJob } from "@org/ats-core";
import { createIndeedSignatureVerifier } from "@org/indeed-apply";
import autocannon from "autocannon";
import { afterAll, expect, it } from "vitest";
import { migrate } from "./db/migrations";
import { createSqlAtsStores } from "./db/sql-ats-stores";
import { openScratchPostgres } from "./db/test-postgres";

/*
 * Issue 8's reliability test (needs the PostgreSQL service: `pnpm test:services`). While a bounded
 * autocannon run posts signed Indeed applications, the server is killed with SIGKILL and started
 * again; afterwards every application answered 200 is in PostgreSQL exactly once, and sending one
 * again gets 409.
 */

const SECRET = "reliability test api secret";
const APPLICATIONS = 1500;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function startApp(url: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--conditions=@org/source", "--import", "tsx", path.join(import.meta.dirname, "main.ts")],
    {
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(port),
        PUBLIC_BASE_URL: "https://ats.example.test",
        LOG_LEVEL: "error",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  cleanups.push(async () => void child.kill("SIGKILL"));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const poll = async () => {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/ready`)).ok) return resolve(child);
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) return reject(new Error(`the app exited with ${child.exitCode}`));
      if (Date.now() > deadline) return reject(new Error("the app did not become ready within 30 s"));
      setTimeout(poll, 100);
    };
    void poll();
  });
}

it("keeps every application answered 200 exactly once through a SIGKILL and restart", async () => {
  const { db, url, drop } = await openScratchPostgres();
  cleanups.push(drop);
  await migrate(db);
  await db.query("INSERT INTO tenants (id, name, settings) VALUES ('acme', 'Acme', $1)", [
    JSON.stringify({ indeed: { apiToken: "acme-client", apiSecret: SECRET } }),
  ]);
  await createSqlAtsStores(db, "acme").jobs.put(
    parseJob({
      id: "job-1",
      title: "看護師",
      company: "Acme病院",
      location: { region: "東京都", city: "港区" },
      status: "open",
      openedAt: "2026-10-01T00:00:00+09:00",
      pipeline: [{ id: "new", name: "新規" }],
    }),
  );
  const port = await freePort();
  let app = await startApp(url, port);

  const signer = await createIndeedSignatureVerifier(SECRET);
  const bodies = await Promise.all(
    Array.from({ length: APPLICATIONS }, async (_, i) => {
      const body = JSON.stringify({
        id: `ia-${i}`,
        appliedOnMillis: Date.parse("2026-11-20T00:00:00Z") + i,
        job: { jobId: "job-1" },
        applicant: { fullName: `応募者 ${i}`, email: `user${i}@example.jp` },
      });
      return { id: `ia-${i}`, body, signature: await signer.sign(body) };
    }),
  );
  let next = 0;
  const answered = new Map<string, number>();
  // A bounded load of signed applications, each sent once in order (connection errors count toward `amount`).
  const load = (amount: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: 8,
      amount,
      timeout: 5,
      requests: [
        {
          method: "POST",
          path: "/t/acme/indeed/apply",
          setupRequest: (request, context) => {
            const application = bodies[next++ % APPLICATIONS]!;
            (context as Record<string, unknown>)["id"] = application.id;
            return {
              ...request,
              body: application.body,
              headers: { "content-type": "application/json", "x-indeed-signature": application.signature },
            };
          },
          onResponse: (status, _body, context) => {
            answered.set((context as Record<string, unknown>)["id"] as string, status);
          },
        },
      ],
    });
  // Phase 1: kill the server a third of the way in; the rest of the phase meets a dead port.
  const first = load(APPLICATIONS / 2);
  const killed = (async () => {
    while (answered.size < APPLICATIONS / 3) await new Promise((resolve) => setTimeout(resolve, 10));
    app.kill("SIGKILL");
    await new Promise((resolve) => app.once("exit", resolve));
  })();
  const phase1 = await first;
  await killed;
  // Phase 2: the server is started again and takes the rest of the applications.
  app = await startApp(url, port);
  const phase2 = await load(APPLICATIONS - next);
  const result = {
    requests: { total: phase1.requests.total + phase2.requests.total },
    errors: phase1.errors + phase2.errors,
    timeouts: phase1.timeouts + phase2.timeouts,
  };

  const ok = [...answered].filter(([, status]) => status === 200).map(([id]) => id);
  const { rows } = await db.query<{ external_id: string; copies: string }>(
    "SELECT external_id, count(*) AS copies FROM applications WHERE tenant_id = 'acme' GROUP BY external_id",
  );
  const copies = new Map(rows.map((row) => [row.external_id, Number(row.copies)]));
  const lost = ok.filter((id) => copies.get(id) !== 1);
  const twice = rows.filter((row) => Number(row.copies) > 1);

  // Every application answered 200, sent again, is a duplicate.
  const again = await Promise.all(
    ok.slice(0, 200).map(async (id) => {
      const application = bodies.find((entry) => entry.id === id)!;
      const response = await fetch(`http://127.0.0.1:${port}/t/acme/indeed/apply`, {
        method: "POST",
        body: application.body,
        headers: { "x-indeed-signature": application.signature },
      });
      return response.status;
    }),
  );
  console.log(
    `reliability: ${result.requests.total} requests answered, ${ok.length} × 200, ${result.errors} connection errors around the kill (${phase2.requests.total} answered after the restart), ${answered.size - ok.length} other answers; stored ${rows.length} distinct applications; 200s missing: ${lost.length}; stored twice: ${twice.length}; re-sent ${again.length} → ${again.filter((status) => status === 409).length} × 409`,
  );
  expect(ok.length).toBeGreaterThan(APPLICATIONS / 3);
  expect(result.errors + result.timeouts).toBeGreaterThan(0);
  expect(phase2.requests.total).toBeGreaterThan(0);
  expect(lost).toEqual([]);
  expect(twice).toEqual([]);
  expect(again.every((status) => status === 409)).toBe(true);
}, 120_000);
