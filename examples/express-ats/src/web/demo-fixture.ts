import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type DemoResult, runDemo } from "../demo";
import type { DemoUser } from "./demo-users";

/** The demo's two companies (imports, Indeed, TopCV, LINE done) with one recruiter each: what the page tests run on. */
export async function startDemoForPages(): Promise<{
  demo: DemoResult;
  users: DemoUser[];
  close(): Promise<void>;
}> {
  const demo = await runDemo({ dataDir: path.join(await mkdtemp(path.join(tmpdir(), "ats-web-")), "demo") });
  return { demo, users: demo.users, close: () => demo.close() };
}

/** The id of the candidate with this full name in a tenant. */
export async function candidateIdByName(demo: DemoResult, tenantId: string, name: string): Promise<string> {
  const { rows } = await demo.server.db.query<{ id: string }>(
    "SELECT id FROM candidates WHERE tenant_id = $1 AND data->'name'->>'full' = $2 AND data->>'mergedInto' IS NULL",
    [tenantId, name],
  );
  if (rows[0] === undefined) throw new Error(`No candidate ${name}`);
  return rows[0].id;
}
