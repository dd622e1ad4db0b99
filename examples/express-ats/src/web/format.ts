import type { Application } from "@org/ats-core";
import { html, type SafeHtml } from "./html";
import type { PageContext } from "./page-context";

/** A date and time as recruiters read it (Japan time; the reference app has one display zone). */
export function formatTime(ctx: PageContext, at: Date | string | undefined): string {
  if (at === undefined) return "";
  return new Intl.DateTimeFormat(ctx.lang === "ja" ? "ja-JP" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Tokyo",
  }).format(new Date(at));
}

/** The marks shown beside a candidate: unread LINE message, possible duplicate. */
export function marks(ctx: PageContext, options: { unread: boolean; duplicate: boolean }): SafeHtml {
  return html`${options.unread ? html`<span class="mark unread">${ctx.t("LINE未読", "Unread LINE")}</span>` : ""}${
    options.duplicate
      ? html`<span class="mark dup">${ctx.t("重複の可能性", "Possible duplicate")}</span>`
      : ""
  }`;
}

/** Where an application came from: the route name (応募経路), with the kind of route when the name does not say it. */
export function sourceText(ctx: PageContext, application: Application): string {
  const { displayName, route } = application.source;
  if (route === "unknown" || displayName.includes("(")) return displayName;
  return `${displayName} (${route === "scout" ? ctx.t("スカウト", "scout") : ctx.t("通常応募", "application")})`;
}

/** The match rules' names, for "why did these match". */
export function ruleName(ctx: PageContext, ruleId: string): string {
  const names: Record<string, [string, string]> = {
    email: ["メールアドレスが一致", "same e-mail"],
    phone: ["電話番号が一致", "same phone"],
    "reading+birthDate": ["氏名(カナ)と生年月日が一致", "same name reading and birth date"],
    "name+phone": ["氏名と電話番号が一致", "same name and phone"],
  };
  const name = names[ruleId];
  return name ? `${ctx.t(...name)} (${ruleId})` : ruleId;
}
