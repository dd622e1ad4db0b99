import {
  AtsError,
  compileRoutingRules,
  EmailSchema,
  type Job,
  type RouteKind,
  ValidationError,
  type ValidationIssue,
} from "@org/ats-core";
import { type LintFinding, lintFeed } from "@org/indeed-feed";
import type { SettingsReport } from "@org/line-link";
import { BOARD_IDS, BOARDS, isBoardId, parseImportSchedule, parseSeminarMapping } from "@org/robo-import";
import { SqlSeminarMappingStore } from "../db/sql-import-stores";
import { INDEED_PATHS } from "../indeed-routes";
import { TenantSettingsSchema } from "../tenant-settings";
import { formatTime } from "./format";
import { html, type SafeHtml } from "./html";
import { csrfField } from "./layout";
import type { PageRequest, WebDeps } from "./web-deps";
import type { PageResult, PageRoutes } from "./web-router";

/** Findings shown at most in the feed lint report. */
const MAX_FINDINGS = 200;

/** What each "verify settings" check looks at, for the report's first column. */
const CHECKS: Record<string, [ja: string, en: string]> = {
  access_token_invalid: ["チャネルアクセストークンが有効", "Channel access token is valid"],
  access_token_other_channel: [
    "トークンがこのMessaging APIチャネルのもの",
    "Token belongs to this Messaging API channel",
  ],
  messaging_credentials_invalid: [
    "Messaging APIのチャネルIDとシークレット",
    "Messaging API channel id and secret",
  ],
  login_credentials_invalid: ["LINEログインのチャネルIDとシークレット", "LINE Login channel id and secret"],
  webhook_url_not_set: ["Webhook URLが設定済み", "Webhook URL is set"],
  webhook_url_mismatch: ["Webhook URLがこのATSのURL", "Webhook URL is this ATS's URL"],
  webhook_inactive: ["Webhookの利用がオン", "Webhook is turned on"],
  webhook_test_failed: ["LINEからのテスト送信が成功", "LINE's test delivery succeeds"],
  line_unreachable: ["LINEに接続できる", "LINE answers"],
};

/** What a settings action adds to the page it re-renders. */
interface SettingsExtras {
  lineReport?: SettingsReport;
  lint?: { findings: LintFinding[]; total: number; url: string };
  mappingIssues?: readonly ValidationIssue[];
  scheduleIssues?: readonly ValidationIssue[];
  accountIssues?: readonly ValidationIssue[];
  topcvError?: string;
}

/**
 * The settings page: LINE (verify settings), TopCV (connect, update, disconnect, webhook URL),
 * Indeed (feed URL, lint report), imports (board accounts, schedule, notification addresses,
 * MIWS seminar mapping) and routing rules with the "test a position name" box.
 */
export function settingsPages(deps: WebDeps) {
  return (routes: PageRoutes) => {
    routes.get("/settings", (req) => render(deps, req));
    routes.post("/settings/line/verify", async (req) => {
      if (req.tenant.line === undefined) return render(deps, req);
      return render(deps, req, { lineReport: await req.tenant.line.verifySettings() });
    });
    routes.post("/settings/topcv", async (req) => {
      const { ctx, tenant, form } = req;
      try {
        await deps.topcv.connections(tenant.id).configure(tenant.id, {
          accessToken: (form["accessToken"] ?? "").trim(),
          secretKey: (form["secretKey"] ?? "").trim(),
        });
      } catch (error) {
        if (!AtsError.is(error)) throw error;
        return render(deps, req, { topcvError: error.message });
      }
      return {
        redirect: "/app/settings#topcv",
        notice: { kind: "ok", text: ctx.t("TopCVに接続しました。", "Connected to TopCV.") },
      };
    });
    routes.post("/settings/topcv/disconnect", async ({ ctx, tenant }) => {
      await deps.topcv.connections(tenant.id).disconnect(tenant.id);
      return {
        redirect: "/app/settings#topcv",
        notice: { kind: "ok", text: ctx.t("TopCVとの接続を解除しました。", "Disconnected from TopCV.") },
      };
    });
    routes.post("/settings/indeed/lint", async (req) => {
      // The feed as Indeed fetches it: from this app's own route, read back through the linter.
      const url = req.selfUrl + INDEED_PATHS.feed(req.tenant.id);
      const response = await fetch(url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const findings: LintFinding[] = [];
      let total = 0;
      for await (const finding of lintFeed(bytes)) {
        total++;
        if (findings.length < MAX_FINDINGS) findings.push(finding);
      }
      return render(deps, req, {
        lint: { findings, total, url: deps.publicBaseUrl + INDEED_PATHS.feed(req.tenant.id) },
      });
    });
    routes.post("/settings/imports", async (req) => {
      const { ctx, tenant, form } = req;
      const imports = tenant.settings.imports;
      if (imports === undefined) return render(deps, req);
      const issues: ValidationIssue[] = [];
      const slots = [1, 2, 3, 4].map((n) => (form[`slot${n}`] ?? "").trim()).filter((slot) => slot !== "");
      let schedule: ReturnType<typeof parseImportSchedule> | undefined;
      try {
        schedule = parseImportSchedule({ ...imports.schedule, slots, startDate: form["startDate"] ?? "" });
      } catch (error) {
        if (!ValidationError.is(error)) throw error;
        issues.push(...error.issues);
      }
      const emails = (field: "to" | "cc") =>
        (form[field] ?? "")
          .split(/[,\s]+/)
          .filter((entry) => entry !== "")
          .filter((entry, index) => {
            const ok = EmailSchema.safeParse(entry).success;
            if (!ok)
              issues.push({
                path: [field, index],
                reason: "invalid_email",
                message: `"${entry}" is not an e-mail address`,
              });
            return ok;
          });
      const to = emails("to");
      const cc = emails("cc");
      if (to.length === 0)
        issues.push({
          path: ["to"],
          reason: "required",
          message: "Give at least one address to send the import report to",
        });
      if (issues.length > 0 || schedule === undefined) return render(deps, req, { scheduleIssues: issues });
      const settings = TenantSettingsSchema.parse({
        ...tenant.settings,
        imports: {
          ...imports,
          schedule: { slots: schedule.slots, startDate: schedule.startDate, timeZone: schedule.timeZone },
          recipients: { to, cc },
          accounts: imports.accounts.map((account) => ({
            ...account,
            enabled: form[`enabled-${account.id}`] === "1",
          })),
        },
      });
      await deps.db.query("UPDATE tenants SET settings = $2 WHERE id = $1", [
        tenant.id,
        JSON.stringify(settings),
      ]);
      deps.registry.invalidate(tenant.id);
      deps.imports.reschedule(tenant.id, schedule);
      return {
        redirect: "/app/settings#imports",
        notice: {
          kind: "ok",
          text: ctx.t(
            "取り込み設定を保存しました。新しいスケジュールはすぐに有効です。",
            "Import settings saved; the new schedule is in effect now.",
          ),
        },
      };
    });
    routes.post("/settings/imports/accounts", async (req) => {
      const { ctx, tenant, form } = req;
      const imports = tenant.settings.imports;
      if (imports === undefined) return render(deps, req);
      const board = (form["board"] ?? "").trim();
      const login = (form["login"] ?? "").trim();
      const year = (form["graduationYear"] ?? "").trim();
      const issues: ValidationIssue[] = [];
      if (!isBoardId(board))
        issues.push({
          path: ["board"],
          reason: "unknown_board",
          message: `Choose a board from the list (got "${board}")`,
        });
      if (login === "")
        issues.push({
          path: ["login"],
          reason: "required",
          message: "Give the login id of the board account",
        });
      // The board-side login is the account's identity: the same one twice would be one account (seed 000 warns about re-adding).
      if (imports.accounts.some((account) => account.board === board && account.login === login)) {
        issues.push({
          path: ["login"],
          reason: "duplicate",
          message: `${board} account "${login}" is already registered; enable it instead of adding it again`,
        });
      }
      if (board === "mynavi-shinsotsu" && !/^20\d\d$/.test(year)) {
        issues.push({
          path: ["graduationYear"],
          reason: "required",
          message: "MIWS accounts are per graduation year: give it, e.g. 2027",
        });
      }
      if (issues.length > 0) return render(deps, req, { accountIssues: issues });
      const account = {
        id: `acc-${crypto.randomUUID().slice(0, 8)}`,
        board: board as (typeof BOARD_IDS)[number],
        login,
        enabled: true,
        ...(year !== "" && { graduationYear: Number(year) }),
      };
      const settings = TenantSettingsSchema.parse({
        ...tenant.settings,
        imports: { ...imports, accounts: [...imports.accounts, account] },
      });
      await deps.db.query("UPDATE tenants SET settings = $2 WHERE id = $1", [
        tenant.id,
        JSON.stringify(settings),
      ]);
      deps.registry.invalidate(tenant.id);
      return {
        redirect: "/app/settings#imports",
        notice: {
          kind: "ok",
          text: ctx.t(`媒体アカウント ${account.id} を追加しました。`, `Board account ${account.id} added.`),
        },
      };
    });
    routes.post("/settings/miws-mapping", async (req) => {
      const { ctx, tenant, form, files } = req;
      const accountId = form["account"] ?? "";
      const file = files["file"];
      if (
        !tenant.settings.imports?.accounts.some((account) => account.id === accountId) ||
        file === undefined
      )
        return render(deps, req, {
          mappingIssues: [
            { path: ["file"], reason: "required", message: "Choose an account and a CSV file" },
          ],
        });
      try {
        // The reference app keeps no catalogue of seminar events, so every well-formed event id is accepted.
        const mapping = parseSeminarMapping(file.bytes, () => true, new Date());
        await new SqlSeminarMappingStore(deps.db, tenant.id).put(accountId, mapping);
        return {
          redirect: "/app/settings#miws",
          notice: {
            kind: "ok",
            text: ctx.t(
              `セミナー対応表を登録しました(${mapping.seminarToEvent.size}件)。次回の取り込みから使われます。`,
              `Seminar mapping saved (${mapping.seminarToEvent.size} rows); it applies from the next import run.`,
            ),
          },
        };
      } catch (error) {
        if (!ValidationError.is(error)) throw error;
        return render(deps, req, { mappingIssues: error.issues });
      }
    });
  };
}

function checkName(req: PageRequest, code: string): SafeHtml {
  const name = CHECKS[code];
  return html`${name ? req.ctx.t(...name) : code} <span class="hint">(${code})</span>`;
}

function issueTable(req: PageRequest, issues: readonly ValidationIssue[], testId: string): SafeHtml {
  const { t } = req.ctx;
  return html`<table data-testid="${testId}" class="error"><caption>${t(`${issues.length} 件の問題があります。何も保存していません。`, `${issues.length} problem(s); nothing was saved.`)}</caption>
    <thead><tr><th scope="col">${t("場所", "Where")}</th><th scope="col">${t("内容と直し方", "Problem and fix")}</th></tr></thead>
    <tbody>${issues.map((issue) => html`<tr><td>${issue.path.join(" / ")}</td><td>${issue.message}</td></tr>`)}</tbody></table>`;
}

async function render(deps: WebDeps, req: PageRequest, extra: SettingsExtras = {}): Promise<PageResult> {
  const { ctx, tenant, query } = req;
  const { t } = ctx;
  const lang = ctx.lang;
  const line = tenant.line;
  const report = extra.lineReport;
  const lineSection = html`<section id="line" aria-labelledby="h-line"><h2 id="h-line">LINE</h2>
    ${
      line === undefined
        ? html`<p>${t("LINE連携は設定されていません。", "LINE is not configured.")}</p>`
        : html`<dl><dt>${t("Webhook URL(LINE Developersに貼り付け)", "Webhook URL (paste into LINE Developers)")}</dt><dd><input type="text" readonly aria-label="Webhook URL" value="${line.urls.webhookUrl}"></dd>
          <dt>${t("LINEログインのコールバックURL", "LINE Login callback URL")}</dt><dd><input type="text" readonly aria-label="Callback URL" value="${line.urls.loginCallbackUrl}"></dd>
          <dt>Messaging API channel ID</dt><dd>${line.settings.messaging.channelId}</dd><dt>LINE Login channel ID</dt><dd>${line.settings.login.channelId}</dd></dl>
          <form method="post" action="/app/settings/line/verify">${csrfField(ctx)}<button type="submit">${t("設定を検証", "Verify settings")}</button></form>
          ${
            report
              ? html`<div data-testid="line-report"><p class="notice ${report.ok ? "ok" : "error"}" role="status">${report.ok ? t("問題は見つかりませんでした。", "No problem found.") : t(`${report.problems.length} 件の問題が見つかりました。`, `${report.problems.length} problem(s) found.`)}</p>
                <table><thead><tr><th scope="col">${t("確認項目", "Check")}</th><th scope="col">${t("結果", "Result")}</th><th scope="col">${t("直し方", "Fix")}</th></tr></thead><tbody>
                ${report.problems.map((problem) => html`<tr><td>${checkName(req, problem.code)}<br><span class="hint">${problem.fields.join(", ")}</span></td><td>✗ ${problem.message[lang]}${problem.detail ? html`<br><span class="hint">${problem.detail}</span>` : ""}</td><td>${problem.fix[lang]}</td></tr>`)}
                ${report.passed.map((code) => html`<tr><td>${checkName(req, code)}</td><td>✓ ${t("問題なし", "OK")}</td><td></td></tr>`)}
                </tbody></table>
                <h3>${t("手動で確認すること", "Check by hand")}</h3><ul>${report.manualChecks.map((check) => html`<li>${check.message[lang]} — <span class="hint">${check.how[lang]}</span></li>`)}</ul>
                ${report.selfTestUrl ? html`<p>${t("セルフテスト用URL(ご自身のLINEで開いてください)", "Self-test URL (open it with your own LINE)")}: <input type="text" readonly aria-label="Self-test URL" value="${report.selfTestUrl}"></p>` : ""}</div>`
              : ""
          }`
    }</section>`;

  const topcvStatus = await deps.topcv.connections(tenant.id).status(tenant.id);
  const topcvSection = html`<section id="topcv" aria-labelledby="h-topcv"><h2 id="h-topcv">TopCV</h2>
    ${extra.topcvError ? html`<p class="notice error" role="alert">${extra.topcvError}</p>` : ""}
    ${
      topcvStatus.status === "configured"
        ? html`<p>${t("接続済み", "Connected")}: ${topcvStatus.employer.companyName} (${topcvStatus.employer.id}), ${formatTime(ctx, topcvStatus.configuredAt)}${topcvStatus.signed ? "" : html` — <span class="hint">${t("署名なし", "unsigned webhooks")}</span>`}</p>
          <label for="topcv-endpoint">${t("TopCVの「Webhook URL」に貼り付けるURL", "API endpoint to paste into TopCV's “Webhook URL”")}</label>
          <input type="text" id="topcv-endpoint" readonly value="${topcvStatus.endpointUrl}">
          <form method="post" action="/app/settings/topcv/disconnect">${csrfField(ctx)}<button type="submit">${t("接続を解除", "Disconnect")}</button></form>`
        : html`<p>${t("未接続", "Not connected")}</p>`
    }
    <form method="post" action="/app/settings/topcv" autocomplete="off">${csrfField(ctx)}
      <label for="topcv-token">Access Token</label><input type="password" id="topcv-token" name="accessToken" required>
      <label for="topcv-secret">Secret Key</label><input type="password" id="topcv-secret" name="secretKey" required>
      <button type="submit">${topcvStatus.status === "configured" ? t("更新", "Update") : t("接続", "Connect")}</button></form></section>`;

  const feedUrl = deps.publicBaseUrl + INDEED_PATHS.feed(tenant.id);
  const indeedSection = html`<section id="indeed" aria-labelledby="h-indeed"><h2 id="h-indeed">Indeed</h2>
    <label for="feed-url">${t("フィードURL(Indeedに登録)", "Feed URL (register it with Indeed)")}</label><input type="text" id="feed-url" readonly value="${feedUrl}">
    ${tenant.settings.indeed ? html`<p>Indeed Apply postUrl: <code>${deps.publicBaseUrl + INDEED_PATHS.apply(tenant.id)}</code></p>` : html`<p class="hint">${t("Indeed Applyは未設定です。", "Indeed Apply is not configured.")}</p>`}
    <form method="post" action="/app/settings/indeed/lint">${csrfField(ctx)}<button type="submit">${t("フィードを検査", "Lint the feed")}</button></form>
    ${
      extra.lint
        ? html`<div data-testid="lint-report"><p>${extra.lint.total === 0 ? t("問題は見つかりませんでした。", "No finding: the feed passes every rule.") : t(`${extra.lint.total} 件の指摘`, `${extra.lint.total} finding(s)`)}</p>
          ${extra.lint.findings.length ? html`<table><thead><tr><th scope="col">${t("行", "Line")}</th><th scope="col">${t("求人", "Job")}</th><th scope="col">${t("重要度", "Severity")}</th><th scope="col">${t("内容", "Finding")}</th></tr></thead><tbody>${extra.lint.findings.map((finding) => html`<tr><td>${finding.location.line}</td><td>${finding.location.referenceNumber ?? ""}</td><td>${finding.severity}</td><td>${lang === "ja" ? finding.messageJa : finding.message} <span class="hint">(${finding.ruleId})</span></td></tr>`)}</tbody></table>` : ""}</div>`
        : ""
    }</section>`;

  const imports = tenant.settings.imports;
  const mappings = new SqlSeminarMappingStore(deps.db, tenant.id);
  const importsSection = html`<section id="imports" aria-labelledby="h-imports"><h2 id="h-imports">${t("応募者の取り込み", "Applicant imports")}</h2>
    ${
      imports === undefined
        ? html`<p>${t("取り込みは設定されていません。", "Imports are not configured.")}</p>`
        : html`${extra.scheduleIssues ? issueTable(req, extra.scheduleIssues, "schedule-issues") : ""}
          <form method="post" action="/app/settings/imports">${csrfField(ctx)}
          <h3>${t("媒体アカウント", "Board accounts")}</h3>
          <table><thead><tr><th scope="col">ID</th><th scope="col">${t("媒体", "Board")}</th><th scope="col">${t("ログインID", "Login")}</th><th scope="col">${t("有効", "Enabled")}</th></tr></thead><tbody>
          ${imports.accounts.map((account) => html`<tr><td>${account.id}</td><td>${account.board}</td><td>${account.login}</td><td><input type="checkbox" name="enabled-${account.id}" value="1" aria-label="${t(`${account.id} を有効にする`, `Enable ${account.id}`)}"${account.enabled ? html` checked` : ""}></td></tr>`)}
          </tbody></table>
          <h3>${t("取り込み時刻(1日4回まで、30分単位)", "Import times (up to 4 a day, on the half hour)")}</h3>
          <div class="filters">${[1, 2, 3, 4].map((n) => html`<div><label for="slot${n}">${t(`時刻${n}`, `Time ${n}`)}</label><input type="text" id="slot${n}" name="slot${n}" pattern="[0-2][0-9]:[03]0" placeholder="HH:MM" value="${imports.schedule.slots[n - 1] ?? ""}"></div>`)}
          <div><label for="startDate">${t("開始日", "Start date")}</label><input type="text" id="startDate" name="startDate" value="${imports.schedule.startDate}"></div></div>
          <h3>${t("結果の通知先", "Report recipients")}</h3>
          <label for="to">To</label><input type="text" id="to" name="to" value="${imports.recipients.to.join(", ")}">
          <label for="cc">Cc</label><input type="text" id="cc" name="cc" value="${imports.recipients.cc.join(", ")}">
          <p><button type="submit">${t("保存", "Save")}</button></p></form>
          <h3>${t("媒体アカウントを追加", "Add a board account")}</h3>
          ${extra.accountIssues ? issueTable(req, extra.accountIssues, "account-issues") : ""}
          <form method="post" action="/app/settings/imports/accounts">${csrfField(ctx)}
          <div class="filters"><div><label for="board">${t("媒体", "Board")}</label><select id="board" name="board">${BOARD_IDS.map((id) => html`<option value="${id}">${BOARDS[id].name}</option>`)}</select></div>
          <div><label for="login">${t("ログインID", "Login")}</label><input type="text" id="login" name="login" required></div>
          <div><label for="graduationYear">${t("卒業年度(マイナビ新卒のみ)", "Graduation year (MIWS only)")}</label><input type="text" id="graduationYear" name="graduationYear" inputmode="numeric" pattern="20[0-9]{2}"></div></div>
          <p><button type="submit">${t("追加", "Add")}</button></p></form>
          <section id="miws" aria-labelledby="h-miws"><h3 id="h-miws">${t("MIWSセミナー対応表", "MIWS seminar mapping")}</h3>
          <p class="hint">${t("CSV(UTF-8):A列にATSのイベントID、B列にMIWSのセミナー番号。", "CSV (UTF-8): column A the ATS event id, column B the MIWS seminar number.")}</p>
          <ul>${await Promise.all(
            imports.accounts.map(async (account) => {
              const mapping = await mappings.get(account.id);
              return mapping
                ? html`<li>${account.id}: ${t(`${mapping.seminarToEvent.size} 件`, `${mapping.seminarToEvent.size} row(s)`)}, ${formatTime(ctx, mapping.uploadedAt)}</li>`
                : "";
            }),
          )}</ul>
          ${extra.mappingIssues ? issueTable(req, extra.mappingIssues, "mapping-issues") : ""}
          <form method="post" action="/app/settings/miws-mapping" enctype="multipart/form-data">${csrfField(ctx)}
            <label for="miws-account">${t("アカウント", "Account")}</label><select id="miws-account" name="account">${imports.accounts.map((account) => html`<option value="${account.id}">${account.id} (${account.board})</option>`)}</select>
            <label for="miws-file">${t("CSVファイル", "CSV file")}</label><input type="file" id="miws-file" name="file" accept=".csv,text/csv" required>
            <p><button type="submit">${t("アップロード", "Upload")}</button></p></form></section>`
    }</section>`;

  const ruleSet = await tenant.stores.routingRules.get();
  const jobs: Job[] = [];
  for await (const job of tenant.stores.jobs.list()) jobs.push(job);
  const titles = new Map(jobs.map((job) => [job.id, job.title]));
  let testResult: SafeHtml | string = "";
  if (query["position"] !== undefined && ruleSet !== undefined) {
    const router = compileRoutingRules(ruleSet, jobs);
    const route = (["scout", "normal", "unknown"] as const).includes(query["route"] as RouteKind)
      ? (query["route"] as RouteKind)
      : "normal";
    const input = { provider: query["provider"] || "robo-import", route, positionName: query["position"] };
    const result = router.route(input);
    testResult = html`<div data-testid="routing-result" class="card"><p><strong>${result.matched ? t(`→ ${titles.get(result.jobId) ?? result.jobId}`, `→ ${titles.get(result.jobId) ?? result.jobId}`) : t("→ 未振り分け", "→ unassigned")}</strong></p><p>${result.explanation}</p>
      <details><summary>${t("各ルールの判定", "Each rule")}</summary><ul>${router.explain(input).map((evaluation) => html`<li>${evaluation.ruleId}: ${evaluation.matched ? "✓" : html`✗ ${evaluation.failed.map((failure) => `${failure.condition}: ${failure.reason}`).join("; ")}`}</li>`)}</ul></details></div>`;
  }
  const routingSection = html`<section id="routing" aria-labelledby="h-routing"><h2 id="h-routing">${t("振り分けルール", "Routing rules")}</h2>
    ${
      ruleSet === undefined || ruleSet.rules.length === 0
        ? html`<p>${t("ルールはありません。", "No rules.")}</p>`
        : html`<table><thead><tr><th scope="col">#</th><th scope="col">ID</th><th scope="col">${t("条件", "When")}</th><th scope="col">${t("振り分け先", "Assign to")}</th></tr></thead><tbody>
          ${ruleSet.rules.map((rule, index) => html`<tr><td>${index + 1}</td><td>${rule.id}${rule.enabled ? "" : html` <em>(${t("無効", "disabled")})</em>`}</td><td>${[rule.when.providers && `providers: ${rule.when.providers.join(", ")}`, rule.when.routes && `routes: ${rule.when.routes.join(", ")}`, rule.when.position && `position ${rule.when.position.mode} "${rule.when.position.value}"`, rule.when.labels && `labels: ${rule.when.labels.join(", ")}`].filter(Boolean).join(" · ") || t("すべて", "everything")}</td><td>${titles.get(rule.assign.jobId) ?? rule.assign.jobId}${rule.assign.stageId ? ` / ${rule.assign.stageId}` : ""}</td></tr>`)}</tbody></table>`
    }
    <form method="get" action="/app/settings#routing" aria-labelledby="h-routing-test"><h3 id="h-routing-test">${t("募集ポジション名でテスト", "Test a position name")}</h3>
      <div class="filters"><div><label for="position">${t("募集ポジション名", "Position name")}</label><input type="text" id="position" name="position" value="${query["position"] ?? ""}"></div>
      <div><label for="provider">${t("媒体(provider)", "Provider")}</label><input type="text" id="provider" name="provider" value="${query["provider"] ?? "robo-import"}"></div>
      <div><label for="route">${t("経路", "Route")}</label><select id="route" name="route">${(["normal", "scout", "unknown"] as const).map((kind) => html`<option value="${kind}"${query["route"] === kind ? html` selected` : ""}>${kind}</option>`)}</select></div>
      <div><button type="submit">${t("テスト", "Test")}</button></div></div></form>${testResult}</section>`;

  return {
    title: t("設定", "Settings"),
    ...((extra.mappingIssues || extra.scheduleIssues || extra.accountIssues || extra.topcvError) && {
      status: 400,
    }),
    body: html`<p class="tabs"><a href="#line">LINE</a><a href="#topcv">TopCV</a><a href="#indeed">Indeed</a><a href="#imports">${t("取り込み", "Imports")}</a><a href="#routing">${t("振り分けルール", "Routing")}</a></p>
      ${lineSection}${topcvSection}${indeedSection}${importsSection}${routingSection}`,
  };
}
