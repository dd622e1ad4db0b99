import { html, type SafeHtml } from "./html";
import type { PageContext } from "./page-context";

/** The hidden field carrying the session's CSRF token: put in every form. */
export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.session?.csrfToken ?? ""}">`;
}

/** A flash message shown at the top of a page. */
export interface Notice {
  kind: "ok" | "error";
  text: string;
}

/** The page frame: language, title, navigation, the language switch and logout. */
export function layout(ctx: PageContext, title: string, body: SafeHtml, notice?: Notice): string {
  const { t } = ctx;
  const other = ctx.lang === "ja" ? "en" : "ja";
  const nav = ctx.session
    ? html`<nav aria-label="${t("メインメニュー", "Main menu")}"><ul>
        <li><a href="/app">${t("ダッシュボード", "Dashboard")}</a></li>
        <li><a href="/app/candidates">${t("候補者", "Candidates")}</a></li>
        <li><a href="/app/imports">${t("取り込み履歴", "Import runs")}</a></li>
        <li><a href="/app/settings">${t("設定", "Settings")}</a></li>
      </ul>
      <form method="post" action="/app/logout" class="logout">${csrfField(ctx)}
        <span>${ctx.session.user.name}</span>
        <button type="submit">${t("ログアウト", "Log out")}</button>
      </form></nav>`
    : "";
  return html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — ATS</title>
<link rel="stylesheet" href="/app/static/app.css">
</head>
<body>
<header>
<p class="brand">ATS${ctx.session ? html` · <span>${ctx.session.user.tenantId}</span>` : ""}</p>
${nav}
<p class="lang"><a href="/app/lang?to=${other}&amp;back=${encodeURIComponent(ctx.path)}" lang="${other}">${other === "en" ? "English" : "日本語"}</a></p>
</header>
<main>
<h1>${title}</h1>
${notice ? html`<p class="notice ${notice.kind}" role="${notice.kind === "error" ? "alert" : "status"}">${notice.text}</p>` : ""}
${body}
</main>
</body>
</html>`.value;
}

/** The stylesheet: small, no build step. */
export const STYLESHEET = `
body{font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;margin:0;color:#1d1d1f;background:#f6f7f9;font-size:15px}
header{display:flex;gap:1rem;align-items:center;background:#12355b;color:#fff;padding:.4rem 1rem;flex-wrap:wrap}
header a{color:#fff}.brand{font-weight:700;margin:0}header nav{display:flex;gap:1rem;align-items:center;flex:1}
header ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0}.logout{margin-left:auto;display:flex;gap:.5rem;align-items:center}
.lang{margin:0}main{max-width:1100px;margin:0 auto;padding:1rem}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:1.5rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #d0d4da;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f5}.notice{padding:.5rem .8rem;border-radius:4px}.ok{background:#e3f5e6;border:1px solid #3c8d47}
.error{background:#fdecea;border:1px solid #c0392b}.mark{display:inline-block;border-radius:3px;padding:0 .3rem;font-size:.8rem;margin-right:.2rem}
.unread{background:#06c755;color:#fff}.dup{background:#f39c12;color:#000}.closed{background:#999;color:#fff}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:1rem}.card{background:#fff;border:1px solid #d0d4da;padding:.8rem;border-radius:6px}
.card .num{font-size:2rem;font-weight:700;margin:0}form.inline{display:inline}label{display:block;margin:.4rem 0 .1rem;font-weight:600}
input[type=text],input[type=email],input[type=password],input[type=url],textarea,select{width:100%;max-width:40rem;padding:.3rem;box-sizing:border-box;font:inherit}
button{font:inherit;padding:.3rem .8rem;margin:.3rem .3rem .3rem 0;cursor:pointer}.filters{display:flex;gap:1rem;flex-wrap:wrap;align-items:end}
.filters label{font-weight:400}.msg{background:#fff;border:1px solid #d0d4da;border-radius:6px;padding:.4rem .6rem;margin:.3rem 0;max-width:70%}
.inbound{margin-right:auto}.outbound{margin-left:auto;background:#e7f9ee}.thread{display:flex;flex-direction:column}
.hint{color:#555;font-size:.85rem}.tabs a{margin-right:1rem}code{background:#eef1f5;padding:0 .2rem}
`;
