import { formatTime, marks, sourceText } from "./format";
import { html } from "./html";
import type { WebDeps } from "./web-deps";
import { importRuns, needsDuplicateReview, recentApplications } from "./web-queries";
import type { PageRoutes } from "./web-router";

/** How far back "new candidates" look. */
const NEW_DAYS = 7;

/** The dashboard: unread LINE conversations, new candidates, possible duplicates, failed import runs. */
export function dashboardPage(deps: WebDeps) {
  return (routes: PageRoutes) =>
    routes.get("/", async ({ ctx, tenant }) => {
      const { t } = ctx;
      const unread = new Set((await tenant.line?.conversations.unreadCandidateIds()) ?? []);
      const rows = await recentApplications(deps.db, tenant.id);
      const since = Date.now() - NEW_DAYS * 86_400_000;
      const fresh = rows.filter((row) => row.application.receivedAt.getTime() >= since);
      const duplicates = rows.filter((row) => needsDuplicateReview(row.application));
      const failedRuns = await importRuns(deps.db, tenant.id, { failedOnly: true, limit: 5 });
      const list = (items: typeof rows) =>
        items.length === 0
          ? html`<p>${t("ありません。", "None.")}</p>`
          : html`<ul>${items.slice(0, 10).map(
              (row) =>
                html`<li><a href="/app/candidates/${encodeURIComponent(row.candidate.id)}">${row.candidate.name.full}</a>
                ${marks(ctx, { unread: unread.has(row.candidate.id), duplicate: needsDuplicateReview(row.application) })}
                — ${sourceText(ctx, row.application)}, ${formatTime(ctx, row.application.appliedAt)}</li>`,
            )}</ul>`;
      return {
        title: t("ダッシュボード", "Dashboard"),
        body: html`<div class="cards">
          <section class="card" aria-labelledby="c-unread"><h2 id="c-unread">${t("LINE未読の会話", "Unread LINE conversations")}</h2>
            <p class="num" data-testid="unread-count">${unread.size}</p>
            <p><a href="/app/candidates?unread=1">${t("未読の候補者を見る", "Show them")}</a></p></section>
          <section class="card" aria-labelledby="c-new"><h2 id="c-new">${t(`新しい応募(${NEW_DAYS}日以内)`, `New applications (last ${NEW_DAYS} days)`)}</h2>
            <p class="num">${fresh.length}</p></section>
          <section class="card" aria-labelledby="c-dup"><h2 id="c-dup">${t("確認待ちの重複の可能性", "Possible duplicates to review")}</h2>
            <p class="num">${duplicates.length}</p>
            <p><a href="/app/candidates?duplicate=1">${t("一覧を見る", "Show them")}</a></p></section>
          <section class="card" aria-labelledby="c-runs"><h2 id="c-runs">${t("エラーのあった取り込み", "Import runs with errors")}</h2>
            <p class="num">${failedRuns.length}</p></section>
        </div>
        <h2>${t("新しい応募", "New applications")}</h2>${list(fresh)}
        <h2>${t("重複の可能性(要確認)", "Possible duplicates to review")}</h2>${list(duplicates)}
        <h2>${t("エラーのあった最近の取り込み", "Recent import runs with errors")}</h2>
        ${
          failedRuns.length === 0
            ? html`<p>${t("ありません。", "None.")}</p>`
            : html`<ul>${failedRuns.map(
                (run) =>
                  html`<li><a href="/app/imports#run-${run.id}">${formatTime(ctx, run.startedAt)} (${run.trigger})</a>:
                  ${t(`エラー ${run.report.errors.length} 件`, `${run.report.errors.length} error(s)`)}
                  ${run.report.errors.slice(0, 3).map((error) => html`<br><span class="hint">${error.board ?? error.accountId} ${error.line !== undefined ? t(`${error.line}行目`, `line ${error.line}`) : ""}: ${error.reason}</span>`)}</li>`,
              )}</ul>`
        }`,
      };
    });
}
