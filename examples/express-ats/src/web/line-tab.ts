import { AtsError } from "@org/ats-core";
import { MAX_TEXT_LENGTH } from "@org/line-link";
import { SqlLinkStore } from "../db/sql-line-stores";
import { candidatePath, candidateTabs, notFound } from "./candidate-pages";
import { formatTime } from "./format";
import { html } from "./html";
import { csrfField } from "./layout";
import type { PageContext } from "./page-context";
import type { PageRequest, WebDeps } from "./web-deps";
import type { PageResult, PageRoutes } from "./web-router";

/** A candidate's LINE link as the recruiter reads it. */
export type LinkStatus = "not_linked" | "linked" | "not_a_friend" | "blocked";

/**
 * The LINE tab of a candidate page: link status, the conversation, the send box (LINE's
 * 5000-character limit), "mark as read" and "generate linking URL".
 */
export function lineTab(deps: WebDeps) {
  return (routes: PageRoutes) => {
    routes.get("/candidates/:id/line", (req) => render(deps, req));
    routes.post("/candidates/:id/line/send", async (req) => {
      const line = req.tenant.line;
      const id = req.params["id"]!;
      if (line === undefined || (await req.tenant.stores.candidates.get(id)) === undefined) return notFound();
      try {
        await line.conversations.send(id, req.form["text"] ?? "", { sentBy: req.ctx.session!.user.email });
      } catch (error) {
        if (!AtsError.is(error)) throw error;
        return render(deps, req, { error: error.message, draft: req.form["text"] ?? "" });
      }
      return {
        redirect: `${candidatePath(id)}/line`,
        notice: { kind: "ok", text: req.ctx.t("送信しました。", "Sent.") },
      };
    });
    routes.post("/candidates/:id/line/read", async (req) => {
      const line = req.tenant.line;
      const id = req.params["id"]!;
      if (line === undefined || (await req.tenant.stores.candidates.get(id)) === undefined) return notFound();
      await line.conversations.markRead(id);
      return {
        redirect: `${candidatePath(id)}/line`,
        notice: { kind: "ok", text: req.ctx.t("既読にしました。", "Marked as read.") },
      };
    });
    routes.post("/candidates/:id/line/link-url", async (req) => {
      const line = req.tenant.line;
      const id = req.params["id"]!;
      if (line === undefined || (await req.tenant.stores.candidates.get(id)) === undefined) return notFound();
      const [application] = await req.tenant.stores.applications.listByCandidate(id);
      const linking = await line.linking.createLinkingUrl({
        candidateId: id,
        ...(application !== undefined && { applicationId: application.id }),
      });
      return render(deps, req, { linkingUrl: linking });
    });
  };
}

/** The link status of a candidate: a link that lost reachability later was blocked; one never reachable is not a friend yet. */
export async function linkStatus(deps: WebDeps, tenantId: string, candidateId: string): Promise<LinkStatus> {
  const link = await new SqlLinkStore(deps.db, tenantId).getByCandidate(candidateId);
  if (link === undefined) return "not_linked";
  if (link.reachable) return "linked";
  return link.reachabilityChangedAt === undefined ? "not_a_friend" : "blocked";
}

function statusText(ctx: PageContext, status: LinkStatus): string {
  return {
    not_linked: ctx.t("未連携(連携用URLを送ってください)", "Not linked (send a linking URL)"),
    linked: ctx.t("連携済み", "Linked"),
    not_a_friend: ctx.t(
      "連携済み・友だち未追加(メッセージは届きません)",
      "Linked, not a friend (messages are not delivered)",
    ),
    blocked: ctx.t("ブロックされています(メッセージは届きません)", "Blocked (messages are not delivered)"),
  }[status];
}

async function render(
  deps: WebDeps,
  { ctx, tenant, params }: PageRequest,
  extra: { error?: string; draft?: string; linkingUrl?: { url: string; expiresAt: Date } } = {},
): Promise<PageResult> {
  const { t } = ctx;
  const candidate = await tenant.stores.candidates.get(params["id"]!);
  if (candidate === undefined) return notFound();
  const title = `${candidate.name.full} — LINE`;
  const line = tenant.line;
  if (line === undefined)
    return {
      title,
      body: html`${candidateTabs(ctx, candidate.id)}<p>${t("LINE連携は設定されていません。", "LINE is not configured for this company.")} <a href="/app/settings">${t("設定", "Settings")}</a></p>`,
    };
  const status = await linkStatus(deps, tenant.id, candidate.id);
  const messages = await line.conversations.history(candidate.id, { limit: 200 });
  const unread = await line.conversations.isUnread(candidate.id);
  const path = `${candidatePath(candidate.id)}/line`;
  return {
    title,
    ...(extra.error !== undefined && { notice: { kind: "error" as const, text: extra.error }, status: 400 }),
    body: html`${candidateTabs(ctx, candidate.id)}
      <p>${t("連携状態", "Link status")}: <strong data-testid="link-status">${statusText(ctx, status)}</strong></p>
      <form method="post" action="${path}/link-url">${csrfField(ctx)}<button type="submit">${t("LINE連携用URLを発行", "Generate linking URL")}</button></form>
      ${
        extra.linkingUrl
          ? html`<label for="linking-url">${t("メールに貼り付けるURL", "URL to paste into the e-mail")} (${t("有効期限", "expires")} ${formatTime(ctx, extra.linkingUrl.expiresAt)})</label>
            <textarea id="linking-url" readonly rows="2" data-testid="linking-url">${extra.linkingUrl.url}</textarea>`
          : ""
      }
      <h2>${t("会話", "Conversation")} ${unread ? html`<span class="mark unread" data-testid="thread-unread">${t("未読", "Unread")}</span>` : ""}</h2>
      <div class="thread" aria-live="polite">${
        messages.length === 0
          ? html`<p>${t("メッセージはまだありません。", "No messages yet.")}</p>`
          : messages.map(
              (message) =>
                html`<div class="msg ${message.direction}"><p class="hint">${
                  message.direction === "inbound"
                    ? candidate.name.full
                    : (message.sentBy ?? t("採用担当", "Recruiter"))
                } · ${formatTime(ctx, message.at)}</p><p>${message.text}</p></div>`,
            )
      }</div>
      ${unread ? html`<form method="post" action="${path}/read">${csrfField(ctx)}<button type="submit">${t("既読にする", "Mark as read")}</button></form>` : ""}
      <form method="post" action="${path}/send">${csrfField(ctx)}
        <label for="text">${t("メッセージ", "Message")}</label>
        <textarea id="text" name="text" rows="4" maxlength="${MAX_TEXT_LENGTH}" required aria-describedby="text-limit">${extra.draft ?? ""}</textarea>
        <p id="text-limit" class="hint">${t(`最大${MAX_TEXT_LENGTH}文字`, `At most ${MAX_TEXT_LENGTH} characters`)}</p>
        <button type="submit"${status === "linked" ? "" : html` disabled`}>${t("送信", "Send")}</button>
      </form>`,
  };
}
