import {
  type Application,
  AtsError,
  CandidateMerger,
  closeAsDuplicate,
  MergeRecordSchema,
  PossibleDuplicateDetector,
} from "@org/ats-core";
import type { TenantServices } from "../tenant-registry";
import { formatTime, marks, ruleName, sourceText } from "./format";
import { html, type SafeHtml } from "./html";
import { csrfField } from "./layout";
import type { PageContext } from "./page-context";
import type { PageRequest, WebDeps } from "./web-deps";
import { duplicateMatches, needsDuplicateReview, recentApplications } from "./web-queries";
import type { PageResult, PageRoutes } from "./web-router";

/** The candidate path, escaped for a URL. */
export const candidatePath = (id: string) => `/app/candidates/${encodeURIComponent(id)}`;

/** The candidates list with its filters, the candidate page and its duplicate actions, resume downloads. */
export function candidatePages(deps: WebDeps) {
  return (routes: PageRoutes) => {
    routes.get("/candidates", (req) => candidateList(deps, req));
    routes.get("/candidates/:id", (req) => candidatePage(deps, req));
    routes.get(
      "/candidates/:id/applications/:applicationId/attachments/:index",
      async ({ tenant, params }) => {
        const application = await ownApplication(tenant, params["id"]!, params["applicationId"]!);
        const attachment = application?.attachments[Number(params["index"])];
        const blob = attachment && (await tenant.stores.blobs.get(attachment.storageKey));
        if (attachment === undefined || blob === undefined) return notFound();
        return {
          download: { bytes: blob.bytes, contentType: blob.contentType, fileName: attachment.fileName },
        };
      },
    );
    routes.post(
      "/candidates/:id/applications/:applicationId/close-duplicate",
      async ({ ctx, tenant, params, form }) => {
        const application = await ownApplication(tenant, params["id"]!, params["applicationId"]!);
        if (application === undefined) return notFound();
        try {
          await tenant.stores.applications.update(
            closeAsDuplicate(application, {
              now: new Date(),
              by: ctx.session!.user.email,
              ...(form["duplicateOf"] ? { duplicateOf: form["duplicateOf"] } : {}),
            }),
          );
        } catch (error) {
          if (!AtsError.is(error)) throw error;
          return { redirect: candidatePath(params["id"]!), notice: { kind: "error", text: error.message } };
        }
        return {
          redirect: candidatePath(params["id"]!),
          notice: {
            kind: "ok",
            text: ctx.t("応募を重複としてクローズしました。", "The application was closed as a duplicate."),
          },
        };
      },
    );
    routes.post("/candidates/:id/merge", async ({ ctx, tenant, params, form }) => {
      const mergedId = params["id"]!;
      const survivorId = form["into"] ?? "";
      // Both candidates are read through the tenant's stores: another company's id is "not found".
      if ((await tenant.stores.candidates.get(survivorId)) === undefined) return notFound();
      try {
        await merger(tenant).merge(survivorId, mergedId, {
          now: new Date(),
          by: ctx.session!.user.email,
          reason: form["reason"] || "possible duplicate confirmed",
        });
      } catch (error) {
        if (!AtsError.is(error)) throw error;
        return { redirect: candidatePath(mergedId), notice: { kind: "error", text: error.message } };
      }
      return {
        redirect: candidatePath(survivorId),
        notice: {
          kind: "ok",
          text: ctx.t(
            "候補者を統合しました。下の「統合の履歴」から元に戻せます。",
            "The candidates were merged. Undo it below under “Merges”.",
          ),
        },
      };
    });
    routes.post("/merges/:mergeId/undo", async ({ ctx, tenant, params }) => {
      const record = await tenant.stores.merges.get(params["mergeId"]!);
      if (record === undefined) return notFound();
      try {
        await merger(tenant).undo(record.id, { now: new Date() });
      } catch (error) {
        if (!AtsError.is(error)) throw error;
        return { redirect: candidatePath(record.survivorId), notice: { kind: "error", text: error.message } };
      }
      return {
        redirect: candidatePath(record.mergedId),
        notice: { kind: "ok", text: ctx.t("統合を元に戻しました。", "The merge was undone.") },
      };
    });
  };
}

function merger(tenant: TenantServices): CandidateMerger {
  return new CandidateMerger({
    stores: tenant.stores,
    detector: new PossibleDuplicateDetector({ index: tenant.stores.candidateIndex }),
  });
}

/** The application, only when it belongs to this candidate of this tenant. */
async function ownApplication(tenant: TenantServices, candidateId: string, applicationId: string) {
  const application = await tenant.stores.applications.get(applicationId);
  return application?.candidateId === candidateId ? application : undefined;
}

/** A 404 page (also what another company's ids get: they do not exist for this tenant). */
export function notFound(): PageResult {
  return { title: "404", status: 404, body: html`<p>Not found / 見つかりません</p>` };
}

async function candidateList(deps: WebDeps, { ctx, tenant, query }: PageRequest): Promise<PageResult> {
  const { t } = ctx;
  const unread = new Set((await tenant.line?.conversations.unreadCandidateIds()) ?? []);
  const rows = await recentApplications(deps.db, tenant.id);
  const jobs = new Map<string, string>();
  for await (const job of tenant.stores.jobs.list()) jobs.set(job.id, job.title);
  const sources = [...new Set(rows.map((row) => row.application.source.displayName))].sort();
  const filtered = rows.filter(
    ({ application, candidate }) =>
      (!query["job"] ||
        (query["job"] === "-" ? application.jobId === null : application.jobId === query["job"])) &&
      (!query["source"] || application.source.displayName === query["source"]) &&
      (!query["unread"] || unread.has(candidate.id)) &&
      (!query["duplicate"] || needsDuplicateReview(application)),
  );
  const option = (value: string, label: string, selected: string | undefined) =>
    html`<option value="${value}"${value === (selected ?? "") ? html` selected` : ""}>${label}</option>`;
  return {
    title: t("候補者", "Candidates"),
    body: html`<form method="get" action="/app/candidates" class="filters" aria-label="${t("絞り込み", "Filters")}">
        <div><label for="f-job">${t("求人", "Job")}</label><select id="f-job" name="job">
          ${option("", t("すべて", "All"), query["job"])}${option("-", t("未振り分け", "Unassigned"), query["job"])}
          ${[...jobs].map(([id, title]) => option(id, title, query["job"]))}</select></div>
        <div><label for="f-source">${t("応募経路", "Source / route")}</label><select id="f-source" name="source">
          ${option("", t("すべて", "All"), query["source"])}${sources.map((source) => option(source, source, query["source"]))}</select></div>
        <div><label><input type="checkbox" name="unread" value="1"${query["unread"] ? html` checked` : ""}> ${t("LINE未読のみ", "Unread LINE only")}</label>
          <label><input type="checkbox" name="duplicate" value="1"${query["duplicate"] ? html` checked` : ""}> ${t("重複の可能性のみ", "Possible duplicates only")}</label></div>
        <div><button type="submit">${t("絞り込む", "Filter")}</button></div>
      </form>
      <p>${t(`${filtered.length} 件の応募`, `${filtered.length} application(s)`)}</p>
      <table><caption class="hint">${t("新しい順", "Newest first")}</caption>
        <thead><tr><th scope="col">${t("候補者", "Candidate")}</th><th scope="col">${t("求人", "Job")}</th><th scope="col">${t("応募経路", "Source / route")}</th><th scope="col">${t("応募日時", "Applied")}</th><th scope="col">${t("状態", "Status")}</th></tr></thead>
        <tbody>${filtered.map(
          ({ application, candidate }) => html`<tr>
            <td><a href="${candidatePath(candidate.id)}">${candidate.name.full}</a> ${marks(ctx, { unread: unread.has(candidate.id), duplicate: needsDuplicateReview(application) })}</td>
            <td>${application.jobId === null ? html`<em>${t("未振り分け", "Unassigned")}</em>` : (jobs.get(application.jobId) ?? application.jobId)}</td>
            <td>${sourceText(ctx, application)}</td>
            <td>${formatTime(ctx, application.appliedAt)}</td>
            <td>${statusText(ctx, application)}</td></tr>`,
        )}</tbody></table>`,
  };
}

function statusText(ctx: PageContext, application: Application): SafeHtml {
  if (application.status === "active") return html`${ctx.t("選考中", "Active")}`;
  return html`<span class="mark closed">${ctx.t("クローズ", "Closed")}</span> ${application.closedReason === "duplicate" ? ctx.t("重複", "duplicate") : (application.closedReason ?? "")}`;
}

/** The tabs of a candidate page. */
export function candidateTabs(ctx: PageContext, id: string): SafeHtml {
  return html`<nav class="tabs" aria-label="${ctx.t("候補者のタブ", "Candidate tabs")}"><a href="${candidatePath(id)}">${ctx.t("応募", "Applications")}</a><a href="${candidatePath(id)}/line">LINE</a></nav>`;
}

async function candidatePage(deps: WebDeps, { ctx, tenant, params }: PageRequest): Promise<PageResult> {
  const { t } = ctx;
  const candidate = await tenant.stores.candidates.get(params["id"]!);
  if (candidate === undefined) return notFound();
  const applications = await tenant.stores.applications.listByCandidate(candidate.id);
  const unread = (await tenant.line?.conversations.isUnread(candidate.id)) ?? false;
  const jobs = new Map<string, string>();
  for await (const job of tenant.stores.jobs.list()) jobs.set(job.id, job.title);
  const { rows } = await deps.db.query<{ data: unknown }>(
    "SELECT data FROM merges WHERE tenant_id = $1 AND (data->>'survivorId' = $2 OR data->>'mergedId' = $2) ORDER BY data->>'at' DESC",
    [tenant.id, candidate.id],
  );
  const merges = rows.map((row) => MergeRecordSchema.parse(row.data));
  const names = new Map<string, string>();
  const nameOf = async (id: string) => {
    if (!names.has(id)) names.set(id, (await tenant.stores.candidates.get(id))?.name.full ?? id);
    return names.get(id)!;
  };
  const sections: SafeHtml[] = [];
  for (const application of applications) {
    const matches = duplicateMatches(application);
    const matchBlocks: SafeHtml[] = [];
    if (application.status === "active")
      for (const match of matches) {
        matchBlocks.push(html`<div class="card" data-testid="duplicate-match">
          <p>${t("同一人物の可能性", "May be the same person as")}: <a href="${candidatePath(match.candidateId)}">${await nameOf(match.candidateId)}</a></p>
          <p>${t("一致した理由", "Why they matched")}:</p>
          <ul>${match.matches.map((rule) => html`<li>${ruleName(ctx, rule.ruleId)}: ${rule.fields.map((field) => html`<code>${field.field}=${field.value}</code> `)}</li>`)}</ul>
          <form method="post" class="inline" action="${candidatePath(candidate.id)}/applications/${encodeURIComponent(application.id)}/close-duplicate">${csrfField(ctx)}
            <input type="hidden" name="duplicateOf" value="${match.candidateId}">
            <button type="submit">${t("この応募を重複としてクローズ", "Close this application as duplicate")}</button></form>
          <form method="post" class="inline" action="${candidatePath(candidate.id)}/merge">${csrfField(ctx)}
            <input type="hidden" name="into" value="${match.candidateId}">
            <input type="hidden" name="reason" value="${match.matches.map((rule) => rule.ruleId).join(", ")}">
            <button type="submit">${t(`${await nameOf(match.candidateId)} に統合`, `Merge into ${await nameOf(match.candidateId)}`)}</button></form>
        </div>`);
      }
    sections.push(html`<section aria-labelledby="app-${application.id}">
      <h3 id="app-${application.id}">${application.jobId === null ? t("未振り分け", "Unassigned") : (jobs.get(application.jobId) ?? application.jobId)} — ${statusText(ctx, application)}</h3>
      <dl>
        <dt>${t("応募経路", "Source / route")}</dt><dd>${sourceText(ctx, application)} <span class="hint">${application.source.provider} / ${application.source.account}</span></dd>
        <dt>${t("応募日時", "Applied")}</dt><dd>${formatTime(ctx, application.appliedAt)}</dd>
        ${application.stageId ? html`<dt>${t("選考ステップ", "Stage")}</dt><dd>${application.stageId}</dd>` : ""}
      </dl>
      ${application.answers.length > 0 ? html`<h4>${t("質問への回答", "Screening answers")}</h4><dl>${application.answers.map((answer) => html`<dt>${answer.question ?? answer.questionId}</dt><dd>${(answer.labels ?? answer.values).join(", ")}</dd>`)}</dl>` : ""}
      ${application.attachments.length > 0 ? html`<h4>${t("添付ファイル", "Files")}</h4><ul>${application.attachments.map((file, index) => html`<li><a href="${candidatePath(candidate.id)}/applications/${encodeURIComponent(application.id)}/attachments/${index}" download>${file.fileName}</a> (${file.kind === "resume" ? t("履歴書", "resume") : file.kind}, ${Math.ceil(file.size / 1024)} KB)</li>`)}</ul>` : ""}
      ${application.flags.filter((flag) => flag.code !== "possible_duplicate").map((flag) => html`<p class="hint">⚑ ${flag.code}: ${flag.message}</p>`)}
      ${matchBlocks}
    </section>`);
  }
  const mergeList = await Promise.all(
    merges.map(
      async (
        record,
      ) => html`<li>${formatTime(ctx, record.at)}: ${await nameOf(record.mergedId)} → ${await nameOf(record.survivorId)}
      (${t("理由", "reason")}: ${record.reason ?? "-"}; ${t("移動した応募", "applications moved")}: ${record.movedApplicationIds.length})
      ${record.undoneAt ? html`<em>${t("元に戻し済み", "undone")} ${formatTime(ctx, record.undoneAt)}</em>` : html`<form method="post" class="inline" action="/app/merges/${encodeURIComponent(record.id)}/undo">${csrfField(ctx)}<button type="submit">${t("統合を元に戻す", "Undo merge")}</button></form>`}</li>`,
    ),
  );
  return {
    title: candidate.name.full,
    body: html`${candidateTabs(ctx, candidate.id)}
      <p>${marks(ctx, { unread, duplicate: applications.some(needsDuplicateReview) })}${candidate.mergedInto ? html`<strong>${t("統合済み", "Merged into")} <a href="${candidatePath(candidate.mergedInto)}">${await nameOf(candidate.mergedInto)}</a></strong>` : ""}</p>
      <dl>
        ${candidate.nameReading ? html`<dt>${t("フリガナ", "Reading")}</dt><dd>${candidate.nameReading.full}</dd>` : ""}
        <dt>${t("メール", "E-mail")}</dt><dd>${candidate.emails.join(", ") || "-"}</dd>
        <dt>${t("電話", "Phone")}</dt><dd>${candidate.phones.join(", ") || "-"}</dd>
        ${candidate.birthDate ? html`<dt>${t("生年月日", "Birth date")}</dt><dd>${candidate.birthDate}</dd>` : ""}
      </dl>
      <h2>${t("応募", "Applications")}</h2>${sections.length ? sections : html`<p>${t("応募はありません。", "No applications.")}</p>`}
      ${merges.length ? html`<h2>${t("統合の履歴", "Merges")}</h2><ul>${mergeList}</ul>` : ""}`,
  };
}
