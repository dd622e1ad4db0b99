import { formatTime } from "./format";
import { html } from "./html";
import { csrfField } from "./layout";
import type { WebDeps } from "./web-deps";
import { importRuns } from "./web-queries";
import type { PageRoutes } from "./web-router";

/** The import runs history: per board and per route counts, each account's outcome, error details; "run now". */
export function importRunsPage(deps: WebDeps) {
  return (routes: PageRoutes) => {
    routes.get("/imports", async ({ ctx, tenant }) => {
      const { t } = ctx;
      const runs = await importRuns(deps.db, tenant.id, { limit: 30 });
      return {
        title: t("取り込み履歴", "Import runs"),
        body: html`${
          tenant.settings.imports
            ? html`<form method="post" action="/app/imports/run">${csrfField(ctx)}<button type="submit">${t("今すぐ取り込む", "Run an import now")}</button></form>`
            : html`<p>${t("取り込みは設定されていません。", "Imports are not configured.")}</p>`
        }
        ${runs.length === 0 ? html`<p>${t("まだ取り込みはありません。", "No import run yet.")}</p>` : ""}
        ${runs.map(
          (run) => html`<section id="run-${run.id}" aria-labelledby="h-${run.id}">
            <h2 id="h-${run.id}">${formatTime(ctx, run.startedAt)} — ${run.trigger} ${run.failed ? html`<span class="mark dup">${t("エラーあり", "errors")}</span>` : html`<span class="mark unread">${t("完了", "done")}</span>`}</h2>
            <table><caption class="hint">${t("媒体・応募経路ごと", "Per board and route")}</caption><thead><tr><th scope="col">${t("媒体", "Board")}</th><th scope="col">${t("応募経路", "Route")}</th><th scope="col">${t("新規", "New")}</th><th scope="col">${t("スキップ(取り込み済み)", "Skipped (already imported)")}</th><th scope="col">${t("重複の可能性", "Possible duplicates")}</th><th scope="col">${t("未振り分け", "Unassigned")}</th></tr></thead>
            <tbody>${run.report.routes.map((route) => html`<tr><td>${route.board}</td><td>${route.route}</td><td>${route.new}</td><td>${route.skipped}</td><td>${route.possibleDuplicates}</td><td>${route.unassigned}</td></tr>`)}</tbody></table>
            <p>${t("アカウント", "Accounts")}: ${run.report.accounts.map((account) => `${account.accountId} (${account.board}): ${account.status}${account.filtered ? `, filtered ${account.filtered}` : ""}`).join(" · ")}</p>
            ${
              run.report.errors.length > 0
                ? html`<table class="error"><caption>${t(`エラー ${run.report.errors.length} 件`, `${run.report.errors.length} error(s)`)}</caption><thead><tr><th scope="col">${t("アカウント", "Account")}</th><th scope="col">${t("行", "Line")}</th><th scope="col">${t("外部ID", "External id")}</th><th scope="col">${t("内容", "Reason")}</th></tr></thead>
                  <tbody>${run.report.errors.map((error) => html`<tr><td>${error.accountId}${error.board ? ` (${error.board})` : ""}</td><td>${error.line ?? ""}</td><td>${error.externalId ?? ""}</td><td>${error.reason}</td></tr>`)}</tbody></table>`
                : ""
            }</section>`,
        )}`,
      };
    });
    routes.post("/imports/run", async ({ ctx, tenant }) => {
      const report = await deps.imports.run(tenant.id, `manual (${ctx.session!.user.email})`);
      return {
        redirect: "/app/imports",
        notice: report
          ? {
              kind: report.errors.length ? "error" : "ok",
              text: ctx.t(
                `取り込みました(エラー ${report.errors.length} 件)。`,
                `Import done (${report.errors.length} error(s)).`,
              ),
            }
          : { kind: "error", text: ctx.t("取り込みは設定されていません。", "Imports are not configured.") },
      };
    });
  };
}
