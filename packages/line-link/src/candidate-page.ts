import type { Language } from "./settings";

/** Every page a candidate (or the recruiter, for the self-test) can land on. */
export type CandidatePageKind =
  | "linked"
  | "linked_not_friend"
  | "self_test_passed"
  | "self_test_failed"
  | "invalid_link"
  | "expired_link"
  | "used_link"
  | "login_cancelled"
  | "login_failed"
  | "session_expired"
  | "linked_to_other_candidate"
  | "company_settings_error";

/** A page to show: status, words in the tenant's language, and a retry link when one helps. */
export interface CandidatePage {
  kind: CandidatePageKind;
  status: 200 | 400 | 403 | 409 | 410 | 502;
  language: Language;
  title: string;
  message: string;
  /** Opens LINE Login again with auto-login disabled (the fix for "オートログインに失敗しました"). */
  retryUrl?: string;
  /** The official account's add-friend link, when the candidate linked without adding it. */
  addFriendUrl?: string;
  /** Extra lines (self-test findings). */
  details?: string[];
}

const TEXT: Record<CandidatePageKind, Record<Language, [title: string, message: string]>> = {
  linked: {
    ja: ["LINE連携が完了しました", "今後の選考のご連絡はLINEでお送りします。このページは閉じて構いません。"],
    en: ["Your LINE account is linked", "We will contact you on LINE from now on. You can close this page."],
  },
  linked_not_friend: {
    ja: [
      "LINE連携が完了しました(友だち追加が必要です)",
      "メッセージを受け取るには、下の「友だち追加」から公式アカウントを友だち追加してください。",
    ],
    en: [
      "Linked — please add us as a friend",
      "To receive our messages, add the official account as a friend with the “Add friend” button below.",
    ],
  },
  self_test_passed: {
    ja: [
      "セルフテストに成功しました",
      "LINEログイン、友だち追加、Messaging APIとの連携が正しく設定されています。",
    ],
    en: ["Self-test passed", "LINE Login, the add-friend step and the Messaging API channel work together."],
  },
  self_test_failed: {
    ja: ["セルフテストで問題が見つかりました", "以下の内容をご確認ください。"],
    en: ["The self-test found a problem", "Please check the points below."],
  },
  invalid_link: {
    ja: [
      "このURLは無効です",
      "URLが途中で切れているか、変更されています。メールに記載されたURLをそのまま開くか、担当者に新しいURLをご依頼ください。",
    ],
    en: [
      "This link is not valid",
      "The link is incomplete or was changed. Open the link exactly as written in the e-mail, or ask the recruiter for a new one.",
    ],
  },
  expired_link: {
    ja: ["このURLは有効期限切れです", "お手数ですが、担当者に新しいLINE連携用URLをご依頼ください。"],
    en: ["This link has expired", "Please ask the recruiter for a new LINE link."],
  },
  used_link: {
    ja: [
      "このURLはすでに使用されています",
      "LINE連携用URLは一度しか使えません。連携し直す場合は、担当者に新しいURLをご依頼ください。",
    ],
    en: [
      "This link was already used",
      "A LINE link works once. To link again, ask the recruiter for a new link.",
    ],
  },
  login_cancelled: {
    ja: [
      "LINEログインがキャンセルされました",
      "連携するには「もう一度試す」を押し、LINEの画面で「許可する」を選んでください。",
    ],
    en: [
      "LINE Login was cancelled",
      "To link your account, press “Try again” and choose “Allow” on the LINE screen.",
    ],
  },
  login_failed: {
    ja: [
      "LINEログインに失敗しました",
      "「オートログインに失敗しました」と表示された場合も、「もう一度試す」を押し、表示されるログインボタンからログインしてください。",
    ],
    en: [
      "LINE Login did not complete",
      "If LINE said auto-login failed, press “Try again” and log in with the button LINE shows.",
    ],
  },
  session_expired: {
    ja: ["ログインの有効時間が過ぎました", "「もう一度試す」から、最初からやり直してください。"],
    en: ["The login took too long", "Press “Try again” to start over."],
  },
  linked_to_other_candidate: {
    ja: [
      "このLINEアカウントは別の応募者情報と連携済みです",
      "お手数ですが、担当者にご連絡ください。連携は行われていません。",
    ],
    en: [
      "This LINE account is already linked to another applicant record",
      "Please contact the recruiter. Nothing was linked.",
    ],
  },
  company_settings_error: {
    ja: [
      "現在LINE連携を完了できません",
      "企業側のLINE設定に問題があります。お手数ですが、担当者にご連絡ください。",
    ],
    en: [
      "LINE linking is unavailable",
      "The company's LINE settings have a problem. Please contact the recruiter.",
    ],
  },
};

const STATUS: Record<CandidatePageKind, CandidatePage["status"]> = {
  linked: 200,
  linked_not_friend: 200,
  self_test_passed: 200,
  self_test_failed: 200,
  invalid_link: 400,
  expired_link: 410,
  used_link: 410,
  login_cancelled: 403,
  login_failed: 400,
  session_expired: 400,
  linked_to_other_candidate: 409,
  company_settings_error: 502,
};

/** Builds the page of a kind in a language. */
export function candidatePage(
  kind: CandidatePageKind,
  language: Language,
  extra: { retryUrl?: string; addFriendUrl?: string; details?: string[] } = {},
): CandidatePage {
  const [title, message] = TEXT[kind][language];
  return { kind, status: STATUS[kind], language, title, message, ...extra };
}

/** A small, self-contained HTML page (no scripts, no external assets); every value escaped. */
export function renderCandidatePage(page: CandidatePage): string {
  const retry =
    page.retryUrl === undefined
      ? ""
      : `<p><a class="retry" href="${escapeHtml(page.retryUrl)}">${page.language === "ja" ? "もう一度試す" : "Try again"}</a></p>`;
  const addFriend =
    page.addFriendUrl === undefined
      ? ""
      : `<p><a class="retry" href="${escapeHtml(page.addFriendUrl)}">${page.language === "ja" ? "友だち追加" : "Add friend"}</a></p>`;
  const details =
    page.details === undefined || page.details.length === 0
      ? ""
      : `<ul>${page.details.map((d) => `<li>${escapeHtml(d)}</li>`).join("")}</ul>`;
  return `<!doctype html>
<html lang="${page.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(page.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.6}a.retry{display:inline-block;padding:.6rem 1.2rem;background:#06c755;color:#fff;border-radius:.4rem;text-decoration:none}</style>
</head><body><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p>${details}${addFriend}${retry}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}
