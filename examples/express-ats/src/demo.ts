import { copyFile, mkdir, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { importPositionTable, POSSIBLE_DUPLICATE_FLAG, parseJob } from "@org/ats-core";
import { createIndeedSignatureVerifier } from "@org/indeed-apply";
import { createLineSignatureVerifier } from "@org/line-link";
import { TopCvContractMock } from "@org/topcv-client/testing";
import { AppConfigSchema } from "./config";
import { SqlLinkStore } from "./db/sql-line-stores";
import { LineApiMock } from "./demo/line-mock";
import { serveMock } from "./demo/mock-server";
import { INDEED_PATHS } from "./indeed-routes";
import { createLogger } from "./logger";
import { type RunningServer, startServer } from "./server";
import { type DemoUser, seedDemoUsers } from "./web/demo-users";

/**
 * The reference app's demo: two companies on PGlite (no external service), jobs and routing rules
 * seeded, three boards' exports imported (Shift_JIS among them), a signed Indeed application, a
 * TopCV posting and application, a LINE conversation — LINE and TopCV played by local MOCK servers.
 * It prints what it found and the URLs to open.
 */

const HERE = path.dirname(new URL(import.meta.url).pathname);
const DEMO_DATA = path.join(HERE, "..", "demo-data");
const PUBLIC_BASE_URL = "https://ats.example.test";
const INDEED_SECRET = "sample-shoji indeed api secret";
const LINE_CHANNEL_SECRET = "0afee0d932baec81a91a8f0601e09b5c";
const TOPCV = { accessToken: "at_mau_demo", secretKey: "sk_mau_demo" };

/** What the demo did, for printing and for its test. */
export interface DemoResult {
  lines: string[];
  server: RunningServer;
  /** The recruiters who can log in to the pages (demo-only passwords). */
  users: DemoUser[];
  counts: { applications: number; possibleDuplicates: number; unassigned: number; outbox: number };
  close(): Promise<void>;
}

/** Runs the demo in `dataDir` (wiped first) and leaves the app running; `close()` stops everything. */
export async function runDemo(options: { dataDir: string; port?: number }): Promise<DemoResult> {
  const lines: string[] = [];
  const say = (line = "") => lines.push(line);
  await rm(options.dataDir, { recursive: true, force: true });
  const importsDir = path.join(options.dataDir, "imports");
  const outboxDir = path.join(options.dataDir, "outbox");

  // The stand-ins for LINE and TopCV: local servers, named as mocks in every response.
  const lineMock = new LineApiMock();
  const lineServer = await serveMock("LINE (MOCK)", (request) => lineMock.handle(request));
  let topcvMock: TopCvContractMock | undefined;
  const topcvServer = await serveMock("TopCV (MOCK)", (request) => topcvMock!.handle(request));
  topcvMock = new TopCvContractMock({
    ...TOPCV,
    baseUrl: `${topcvServer.url}/v1`,
    cvBaseUrl: `${topcvServer.url}/cv`,
    employer: { id: "emp_mau", companyName: "Công ty Mẫu" },
  });

  const config = AppConfigSchema.parse({
    PORT: String(options.port ?? 0),
    PUBLIC_BASE_URL,
    DATA_DIR: path.join(options.dataDir, "pglite"),
    OUTBOX_DIR: outboxDir,
    IMPORTS_DIR: importsDir,
    LOG_LEVEL: "warn",
  });
  const logs: string[] = [];
  const serverOptions = {
    lineApiBaseUrl: lineServer.url,
    topcvBaseUrl: `${topcvServer.url}/v1`,
    // The demo triggers its import itself; schedules are seeded and shown, not waited for.
    schedule: false,
    logger: createLogger("warn", {}, (line) => logs.push(line)),
  };
  const server = await startServer(config, serverOptions).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE") throw error;
    // Port taken (another demo still running?): any free port will do.
    return startServer({ ...config, PORT: 0 }, serverOptions);
  });
  const close = async () => {
    await server.stop();
    await lineServer.close();
    await topcvServer.close();
  };

  say("ATS integrations SDK — reference app demo");
  say(`  database: PGlite in ${config.DATA_DIR} (set DATABASE_URL for PostgreSQL)`);
  say(
    `  MOCK LINE API at ${lineServer.url} and MOCK TopCV API at ${topcvServer.url}: stand-ins, no real service is called`,
  );
  say(`  e-mails go to the LOCAL OUTBOX ${outboxDir} (nothing is sent)`);

  // Two companies, each with its own settings and secrets.
  await seedTenants(server);
  const users = await seedDemoUsers(server.db, ["sample-shoji", "mau-vn"]);
  const shoji = await server.registry.get("sample-shoji");
  const mau = await server.registry.get("mau-vn");

  say("\n1. Board imports (サンプル商事): AMBI (Shift_JIS), doda (UTF-8 with BOM), エン転職 (UTF-8)");
  for (const [account, file] of [
    ["acc-ambi", "ambi-export-sjis.csv"],
    ["acc-doda", "doda-export-utf8bom.csv"],
    ["acc-en", "en-tenshoku-export-utf8.csv"],
  ] as const) {
    await mkdir(path.join(importsDir, "sample-shoji", account), { recursive: true });
    await copyFile(path.join(DEMO_DATA, file), path.join(importsDir, "sample-shoji", account, file));
  }
  const report = await server.imports.run("sample-shoji", "demo");
  for (const route of report!.routes)
    say(
      `   ${route.route}: ${route.new} new, ${route.possibleDuplicates} possible duplicate(s), ${route.unassigned} unassigned`,
    );
  for (const error of report!.errors)
    say(`   error [${error.board} line ${error.line ?? "-"}]: ${error.reason}`);

  say("\n2. Indeed Apply: a signed application posted to the company's postUrl");
  const indeedBody = JSON.stringify({
    id: "ia-demo-1",
    appliedOnMillis: Date.parse("2026-11-21T09:30:00+09:00"),
    job: { jobId: "job-backend", jobTitle: "バックエンドエンジニア" },
    applicant: {
      fullName: "佐藤 花子",
      email: "hanako.sato@example.jp",
      phoneNumber: "080-2222-3333",
      verified: true,
    },
    analytics: { sponsored: true },
  });
  const signature = await (await createIndeedSignatureVerifier(INDEED_SECRET)).sign(indeedBody);
  const post = () =>
    fetch(server.url + INDEED_PATHS.apply("sample-shoji"), {
      method: "POST",
      body: indeedBody,
      headers: { "content-type": "application/json", "x-indeed-signature": signature },
    });
  say(
    `   first delivery → ${(await post()).status}; Indeed's retry of the same application → ${(await post()).status}`,
  );
  const badSignature = await fetch(server.url + INDEED_PATHS.apply("sample-shoji"), {
    method: "POST",
    body: indeedBody,
    headers: { "x-indeed-signature": "AAAAAAAAAAAAAAAAAAAAAAAAAAA=" },
  });
  say(`   a wrong signature → ${badSignature.status}`);

  say("\n3. TopCV (Công ty Mẫu): connect, post a job, receive an application with its CV");
  const status = await server.topcv.connections("mau-vn").configure("mau-vn", TOPCV);
  if (status.status !== "configured") throw new Error("TopCV did not configure");
  const client = server.topcv.client("mau-vn", TOPCV);
  const accountant = (await mau.stores.jobs.get("job-ketoan"))!;
  const posting = await client.createPosting(accountant, {
    categoryIds: ["ke-toan"],
    jobLevel: "staff",
    experience: "2_years",
    headcount: 1,
    deadline: "2026-12-31",
    requirementsHtml: "<p>2 năm kinh nghiệm</p>",
    benefitsHtml: "<p>Lương tháng 13</p>",
    salary: { kind: "negotiable" },
    contact: { name: "Nguyễn Thị Lan", email: "hr@mau.vn", phone: "0901234567" },
  });
  const webhookPath = new URL(status.endpointUrl).pathname;
  const deliver = (body: string) =>
    fetch(server.url + webhookPath, {
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
    });
  const reviewStatus = (
    await deliver(topcvMock.review(posting.topcvJobId, { approved: true }, "evt_review_1"))
  ).status;
  const application = topcvMock.applicationWebhook({
    eventId: "evt_app_1",
    applicationId: "topcv_app_1",
    topcvJobId: posting.topcvJobId,
    fullName: "Nguyễn Văn An",
    phone: "0912345678",
    cv: { bytes: new TextEncoder().encode("%PDF-1.7 demo CV"), fileName: "cv-nguyen-van-an.pdf" },
  });
  say(
    `   posting ${posting.topcvJobId} created (${posting.status}); TopCV's approval webhook → ${reviewStatus}; application webhook → ${(await deliver(application)).status} (stored, processed after the answer)`,
  );
  const topcvApplication = await waitFor(() =>
    mau.stores.applications.findByExternalId({
      provider: "topcv",
      account: "emp_mau",
      externalId: "topcv_app_1",
    }),
  );
  say(
    `   stored in stage "${topcvApplication.stageId}" of ${topcvApplication.jobId}, CV ${topcvApplication.attachments[0]?.fileName} (${topcvApplication.attachments[0]?.size} bytes)`,
  );

  say("\n4. LINE (サンプル商事): a candidate writes, the recruiter answers");
  const line = shoji.line!;
  const taro = await findCandidateByEmail(server, "sample-shoji", "taro.yamada@example.co.jp");
  const linking = await line.linking.createLinkingUrl({
    candidateId: taro.candidateId,
    applicationId: taro.applicationId,
  });
  say(`   linking URL for 山田 太郎 (to paste into an e-mail): ${linking.url}`);
  // Completing LINE Login needs a phone and LINE itself; the demo records the link it would produce.
  const userId = "U4af4980629e0f4bc7c0c2b3d5e5e9a7f";
  await new SqlLinkStore(server.db, "sample-shoji").save({
    candidateId: taro.candidateId,
    lineUserId: userId,
    applicationIds: [taro.applicationId],
    linkedAt: new Date(),
    reachable: true,
  });
  const event = {
    type: "message",
    webhookEventId: "01HF00000000000000000DEMO1",
    timestamp: Date.now(),
    source: { type: "user", userId },
    message: { type: "text", id: "468531800001", text: "面接の日程を変更できますか？" },
  };
  const lineBody = JSON.stringify({ destination: `U${"d".repeat(32)}`, events: [event] });
  const lineSignature = await (await createLineSignatureVerifier(LINE_CHANNEL_SECRET)).sign(lineBody);
  const webhookStatus = (
    await fetch(`${server.url}/line/sample-shoji/webhook`, {
      method: "POST",
      body: lineBody,
      headers: { "x-line-signature": lineSignature, "content-type": "application/json" },
    })
  ).status;
  await waitFor(async () => ((await line.conversations.unreadCount()) > 0 ? true : undefined));
  say(`   webhook → ${webhookStatus}; unread conversations: ${await line.conversations.unreadCount()}`);
  await line.conversations.send(taro.candidateId, "はい、候補日をお送りします。", {
    sentBy: "recruiter-demo",
  });
  say(
    `   reply sent through the MOCK LINE API (${lineMock.pushes.length} push); unread conversations: ${await line.conversations.unreadCount()}`,
  );

  say("\n5. What the companies see");
  const counts = { applications: 0, possibleDuplicates: 0, unassigned: 0, outbox: 0 };
  for (const tenant of [shoji, mau]) {
    const { rows } = await server.db.query<{ data: Record<string, unknown> }>(
      "SELECT data FROM applications WHERE tenant_id = $1 ORDER BY applied_at",
      [tenant.id],
    );
    say(`   ${tenant.name}: ${rows.length} application(s)`);
    for (const row of rows) {
      counts.applications++;
      const entry = row.data as {
        candidateId: string;
        jobId: string | null;
        source: { displayName: string };
        flags: {
          code: string;
          message: string;
          data?: { matches?: { candidateId: string; matches: { ruleId: string }[] }[] };
        }[];
      };
      const candidate = await tenant.stores.candidates.get(entry.candidateId);
      const unassigned = entry.flags.find((flag) => flag.code === "unassigned");
      say(
        `   - ${candidate?.name.full} via ${entry.source.displayName} → ${entry.jobId ?? `unassigned (${unassigned?.message})`}`,
      );
      if (entry.jobId === null) counts.unassigned++;
      const duplicate = entry.flags.find((flag) => flag.code === POSSIBLE_DUPLICATE_FLAG);
      if (duplicate) {
        counts.possibleDuplicates++;
        for (const match of duplicate.data?.matches ?? []) {
          const other = await tenant.stores.candidates.get(match.candidateId);
          say(
            `       possible duplicate of ${other?.name.full}: matched by ${match.matches.map((rule) => rule.ruleId).join(", ")}`,
          );
        }
      }
      for (const flag of entry.flags)
        if (!["unassigned", POSSIBLE_DUPLICATE_FLAG].includes(flag.code))
          say(`       flag ${flag.code}: ${flag.message}`);
    }
  }
  const mails = (await readdir(outboxDir).catch(() => [])).sort();
  counts.outbox = mails.length;
  say(`   outbox: ${mails.length} e-mail(s) in ${outboxDir}`);
  for (const mail of mails)
    say(
      `   - ${(await readFile(path.join(outboxDir, mail), "utf8")).split("\n").find((entry) => entry.startsWith("Subject:"))}`,
    );

  say("\n6. Open these (the app keeps running until Ctrl-C)");
  say(`   ${server.url}/app   the recruiter's pages; log in with (demo-only passwords):`);
  for (const user of users) say(`     company ${user.tenantId}, ${user.email}, password ${user.password}`);
  say(`   ${server.url}/health   ${server.url}/ready`);
  say(`   ${server.url}${INDEED_PATHS.feed("sample-shoji")}   (Indeed XML feed, streamed from the database)`);
  say(`   ${server.url}${INDEED_PATHS.feed("mau-vn")}`);
  say(`   URLs to paste into the providers (built from PUBLIC_BASE_URL=${PUBLIC_BASE_URL}):`);
  say(`     LINE webhook ${line.urls.webhookUrl}, LINE Login callback ${line.urls.loginCallbackUrl}`);
  say(`     TopCV webhook ${status.endpointUrl}`);
  say(`     Indeed Apply postUrl ${PUBLIC_BASE_URL}${INDEED_PATHS.apply("sample-shoji")}`);
  if (logs.length > 0)
    say(`\n   (${logs.length} warning(s) logged; set LOG_LEVEL=info to see the request log)`);
  return { lines, server, users, counts, close };
}

async function seedTenants(server: RunningServer): Promise<void> {
  const questions = [
    {
      id: "license",
      type: "select",
      question: "普通自動車免許をお持ちですか？",
      required: true,
      options: [
        { value: "yes", label: "はい" },
        { value: "no", label: "いいえ" },
      ],
    },
    { id: "start", type: "date", question: "入社可能日", format: "yyyy/MM/dd", required: false },
  ];
  const tenants = [
    {
      id: "sample-shoji",
      name: "サンプル商事",
      settings: {
        indeed: {
          apiToken: "sample-shoji-indeed-client",
          apiSecret: INDEED_SECRET,
          questionSets: { "job-backend": questions },
        },
        line: {
          messaging: {
            channelId: "1654689566",
            channelSecret: LINE_CHANNEL_SECRET,
            channelAccessToken: "demo-channel-access-token",
          },
          login: { channelId: "1654668289", channelSecret: "7c4f2b1d9e8a6f3c5b0d1e2f3a4b5c6d" },
          linkingSecret: "sample-shoji-linking-secret-of-at-least-32-characters",
        },
        imports: {
          schedule: { slots: ["09:00", "13:30", "18:00"], startDate: "2026-11-19" },
          recipients: { to: ["hr@sample-shoji.example.jp"], cc: ["recruit-ml@sample-shoji.example.jp"] },
          accounts: [
            { id: "acc-ambi", board: "ambi", login: "ambi-sample-shoji", enabled: true },
            { id: "acc-doda", board: "doda", login: "doda-sample-shoji", enabled: true },
            { id: "acc-en", board: "en-tenshoku", login: "en-sample-shoji", enabled: true },
          ],
        },
        recruiterEmails: ["hr@sample-shoji.example.jp"],
      },
      jobs: [
        ["job-backend", "バックエンドエンジニア"],
        ["job-data", "データエンジニア"],
        ["job-sales", "法人営業"],
      ],
      country: "JP",
    },
    {
      id: "mau-vn",
      name: "Công ty Mẫu",
      settings: { recruiterEmails: ["hr@mau.example.vn"] },
      jobs: [["job-ketoan", "Kế toán tổng hợp"]],
      country: "VN",
    },
  ] as const;
  for (const tenant of tenants) {
    await server.db.query("INSERT INTO tenants (id, name, settings) VALUES ($1, $2, $3)", [
      tenant.id,
      tenant.name,
      JSON.stringify(tenant.settings),
    ]);
    const { stores } = await server.registry.get(tenant.id);
    for (const [id, title] of tenant.jobs) {
      await stores.jobs.put(
        parseJob({
          id,
          title,
          company: tenant.name,
          location:
            tenant.country === "JP"
              ? { country: "JP", region: "東京都", city: "港区三田" }
              : { country: "VN", region: "Hà Nội", city: "Cầu Giấy" },
          employmentTypes: ["full_time"],
          status: "open",
          openedAt: "2026-11-01T00:00:00+09:00",
          descriptionHtml:
            tenant.country === "JP"
              ? `<p>${title}の募集です。</p><ul><li>リモート可</li></ul>`
              : `<p>Tuyển ${title}</p>`,
          salaryText: tenant.country === "JP" ? "年収500万円~800万円" : undefined,
          pipeline: [
            { id: "screening", name: tenant.country === "JP" ? "書類選考" : "Ứng viên mới" },
            { id: "interview", name: tenant.country === "JP" ? "面接" : "Phỏng vấn" },
          ],
        }),
      );
    }
  }
  const { stores } = await server.registry.get("sample-shoji");
  await stores.routingRules.put({
    rules: importPositionTable(await readFile(path.join(DEMO_DATA, "positions.csv"), "utf8")),
  });
}

async function findCandidateByEmail(server: RunningServer, tenantId: string, email: string) {
  const { rows } = await server.db.query<{ id: string; candidate_id: string }>(
    "SELECT id, candidate_id FROM applications WHERE tenant_id = $1 AND contact_email = $2 ORDER BY applied_at LIMIT 1",
    [tenantId, email],
  );
  if (rows[0] === undefined) throw new Error(`No application from ${email}`);
  return { applicationId: rows[0].id, candidateId: rows[0].candidate_id };
}

async function waitFor<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("The demo timed out waiting for processing after an answer");
}

// Run directly: print, then keep serving in a terminal (exit at once without one, e.g. in CI).
if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)
) {
  const demo = await runDemo({
    dataDir: path.resolve(".data/demo"),
    port: Number(process.env.PORT ?? 3000),
  }).catch(async (error: unknown) => {
    console.error("The demo failed:", error);
    process.exit(1);
  });
  console.log(demo.lines.join("\n"));
  if (process.stdin.isTTY) {
    const stop = () => demo.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  } else {
    await demo.close();
  }
}
