import { HttpError } from "@org/ats-core";
import type { LineLoginClient } from "./login-client";
import type { LineMessagingClient } from "./messaging-client";
import type { LineLinkSettings } from "./settings";
import { lineUrls } from "./urls";

/** Text in both languages the ATS shows. */
export interface Bilingual {
  en: string;
  ja: string;
}

/** What "verify settings" can find wrong through LINE's APIs. */
export type SettingsProblemCode =
  | "access_token_invalid"
  | "access_token_other_channel"
  | "messaging_credentials_invalid"
  | "login_credentials_invalid"
  | "webhook_url_not_set"
  | "webhook_url_mismatch"
  | "webhook_inactive"
  | "webhook_test_failed"
  | "line_unreachable";

/** One problem: what is wrong, where (settings fields), and the fix. */
export interface SettingsProblem {
  code: SettingsProblemCode;
  /** The settings fields concerned, e.g. `["messaging.channelAccessToken"]`. */
  fields: string[];
  message: Bilingual;
  fix: Bilingual;
  /** LINE's own words or values (never a secret). */
  detail?: string;
}

/** What no API can check, listed so the recruiter checks it by hand or with the self-test. */
export interface ManualCheck {
  code: "callback_url_registered" | "login_channel_published" | "linked_bot" | "same_provider";
  message: Bilingual;
  how: Bilingual;
}

/** The result of {@link verifySettings}. */
export interface SettingsReport {
  ok: boolean;
  problems: SettingsProblem[];
  /** The problems that were checked for and not found. */
  passed: SettingsProblemCode[];
  manualChecks: ManualCheck[];
  /** A linking URL for the recruiter's own LINE account that runs the whole flow. */
  selfTestUrl?: string;
  webhookUrl: string;
  loginCallbackUrl: string;
}

/** Dependencies of {@link verifySettings}. */
export interface VerifySettingsOptions {
  messaging: LineMessagingClient;
  login: LineLoginClient;
  /** From `LineLinking.createSelfTestUrl()`. */
  selfTestUrl?: string;
}

/**
 * "設定検証" (seed 003_bf749bcc0dbdcb3a.txt, ATS side STEP3): checks everything LINE's APIs can
 * tell — the access token (valid, not expired, issued for the Messaging channel entered), the
 * Messaging and Login channel id/secret pairs (by issuing a stateless channel token with each),
 * the webhook URL registered at LINE (set, ours, active) and LINE's own test delivery to our URL —
 * and reports each problem with its fix in English and Japanese. What no API can tell is listed
 * in `manualChecks` with the self-test link.
 */
export async function verifySettings(
  settings: LineLinkSettings,
  options: VerifySettingsOptions,
): Promise<SettingsReport> {
  const { webhookUrl, loginCallbackUrl } = lineUrls(settings);
  const problems: SettingsProblem[] = [];
  const passed: SettingsProblemCode[] = [];

  // 1. The channel access token: valid, and for which channel.
  let tokenChannelId: string | undefined;
  try {
    tokenChannelId = (await options.messaging.verifyAccessToken()).clientId;
    if (tokenChannelId === settings.messaging.channelId)
      passed.push("access_token_invalid", "access_token_other_channel");
    else problems.push(otherChannel(tokenChannelId, settings.messaging.channelId));
  } catch (error) {
    problems.push(unreachableOr(error, "verify the channel access token", tokenProblem(error)));
  }

  // 2. Messaging channel id + secret.
  try {
    await options.messaging.issueStatelessToken(
      settings.messaging.channelId,
      settings.messaging.channelSecret,
    );
    passed.push("messaging_credentials_invalid");
  } catch (error) {
    const idConfirmed = tokenChannelId === settings.messaging.channelId;
    problems.push(
      unreachableOr(
        error,
        "check the Messaging API channel ID and secret",
        messagingCredentials(idConfirmed, error),
      ),
    );
  }

  // 3. Login channel id + secret (seed troubleshooting ①).
  try {
    const result = await options.login.issueStatelessToken();
    if ("error" in result) problems.push(loginCredentials(`${result.error}: ${result.description}`));
    else passed.push("login_credentials_invalid");
  } catch (error) {
    problems.push(
      unreachableOr(error, "check the LINE Login channel ID and secret", loginCredentials(describe(error))),
    );
  }

  // 4–5. The webhook at LINE: only with a usable token.
  const tokenUsable = !problems.some(
    (p) => p.code === "access_token_invalid" || p.code === "line_unreachable",
  );
  if (tokenUsable) {
    try {
      const endpoint = await options.messaging.getWebhookEndpoint();
      checkEndpoint(endpoint, webhookUrl, problems, passed);
    } catch (error) {
      if (HttpError.is(error) && error.status === 404) problems.push(webhookNotSet(webhookUrl));
      else problems.push(unreachableOr(error, "read the webhook URL", webhookNotSet(webhookUrl)));
    }
    try {
      const test = await options.messaging.testWebhookEndpoint(webhookUrl);
      if (test.success) passed.push("webhook_test_failed");
      else problems.push(webhookTestFailed(test.statusCode, test.reason, test.detail));
    } catch (error) {
      problems.push(
        unreachableOr(error, "run LINE's webhook test", webhookTestFailed(0, "ERROR", describe(error))),
      );
    }
  }

  let basicId: string | undefined;
  if (tokenUsable) {
    try {
      basicId = (await options.messaging.getBotInfo()).basicId;
    } catch {
      basicId = undefined;
    }
  }

  return {
    ok: problems.length === 0,
    problems,
    passed: [...new Set(passed)],
    manualChecks: manualChecks(loginCallbackUrl, basicId),
    ...(options.selfTestUrl !== undefined && { selfTestUrl: options.selfTestUrl }),
    webhookUrl,
    loginCallbackUrl,
  };
}

function checkEndpoint(
  endpoint: { endpoint: string; active: boolean },
  ours: string,
  problems: SettingsProblem[],
  passed: SettingsProblemCode[],
) {
  if (endpoint.endpoint === "") {
    problems.push(webhookNotSet(ours));
    return;
  }
  passed.push("webhook_url_not_set");
  if (endpoint.endpoint !== ours) {
    const blanks = endpoint.endpoint.trim() === ours;
    problems.push({
      code: "webhook_url_mismatch",
      fields: ["publicBaseUrl", "tenantId"],
      // The seed's own wording: "Webhook URLが一致しません / LINEのMessaging API設定ページでWebhook URLを設定してください".
      message: {
        en: "The webhook URL does not match: LINE sends this channel's events somewhere else.",
        ja: "Webhook URLが一致しません",
      },
      fix: {
        en: `In LINE Developers → Messaging API channel → "Messaging API" tab → Webhook URL, enter ${ours}${blanks ? " (the current value has blanks around it)" : ""}.`,
        ja: `LINEのMessaging API設定ページでWebhook URLを設定してください: ${ours}${blanks ? "(前後に空白が入っています)" : ""}`,
      },
      detail: `registered at LINE: ${endpoint.endpoint}`,
    });
  } else passed.push("webhook_url_mismatch");
  if (!endpoint.active) {
    problems.push({
      code: "webhook_inactive",
      fields: [],
      message: {
        en: '"Use webhook" is off: LINE does not send candidate messages.',
        ja: "「Webhookの利用」がオフになっているため、候補者のメッセージが届きません。",
      },
      fix: {
        en: 'Turn on "Use webhook" under the Webhook URL on the "Messaging API" tab.',
        ja: "「Messaging API設定」タブのWebhook URLの下にある「Webhookの利用」をオンにしてください。",
      },
    });
  } else passed.push("webhook_inactive");
}

function tokenProblem(error: unknown): SettingsProblem {
  const detail = describe(error);
  const expired = /expired/i.test(detail);
  return {
    code: "access_token_invalid",
    fields: ["messaging.channelAccessToken"],
    message: expired
      ? {
          en: "The channel access token has expired.",
          ja: "チャンネルアクセストークンの有効期限が切れています。",
        }
      : {
          en: "The channel access token is not valid.",
          ja: "チャンネルアクセストークンが正しくありません。",
        },
    fix: {
      en: 'Issue a new channel access token (long-lived) on the Messaging API channel\'s "Messaging API" tab and paste it without blanks.',
      ja: "Messaging APIチャネルの「Messaging API設定」タブでチャンネルアクセストークン(長期)を発行し、空白を含めずに貼り付けてください。",
    },
    detail,
  };
}

function otherChannel(tokenChannelId: string, entered: string): SettingsProblem {
  return {
    code: "access_token_other_channel",
    fields: ["messaging.channelAccessToken", "messaging.channelId"],
    message: {
      en: `The channel access token belongs to channel ${tokenChannelId}, not to the Messaging API channel entered (${entered}).`,
      ja: `チャンネルアクセストークンはチャネル${tokenChannelId}のもので、入力されたMessaging APIチャネル(${entered})のものではありません。`,
    },
    fix: {
      en: "Copy the channel ID, secret and access token from the same Messaging API channel.",
      ja: "チャネルID・チャネルシークレット・チャネルアクセストークンを、同じMessaging APIチャネルからコピーしてください。",
    },
    detail: `token issued for channel ${tokenChannelId}`,
  };
}

function messagingCredentials(idConfirmed: boolean, error: unknown): SettingsProblem {
  return {
    code: "messaging_credentials_invalid",
    fields: idConfirmed ? ["messaging.channelSecret"] : ["messaging.channelId", "messaging.channelSecret"],
    message: idConfirmed
      ? {
          en: "The Messaging API channel secret is wrong.",
          ja: "Messaging APIのチャネルシークレットが正しくありません。",
        }
      : {
          en: "The Messaging API channel ID or channel secret is wrong.",
          ja: "Messaging APIのチャネルIDまたはチャネルシークレットが正しくありません。",
        },
    fix: {
      en: 'Copy the channel ID and channel secret from the Messaging API channel\'s "Basic settings" tab (not from the LINE Login channel).',
      ja: "Messaging APIチャネルの「チャネル基本設定」タブからチャネルIDとチャネルシークレットをコピーしてください(LINEログインチャネルのものではありません)。",
    },
    detail: describe(error),
  };
}

function loginCredentials(detail: string): SettingsProblem {
  return {
    code: "login_credentials_invalid",
    fields: ["login.channelId", "login.channelSecret"],
    message: {
      en: "The LINE Login channel ID or channel secret is wrong: candidates cannot link.",
      ja: "ログインAPIのチャネルIDまたはチャネルシークレットが正しくありません。候補者とLINE連携できません。",
    },
    fix: {
      en: 'Copy both values again from the LINE Login channel\'s "Basic settings" tab; they must match exactly.',
      ja: "LINEログインチャネルの「チャネル基本設定」タブから、チャネルIDとチャネルシークレットを完全一致するようにコピーし直してください。",
    },
    detail,
  };
}

function webhookNotSet(ours: string): SettingsProblem {
  return {
    code: "webhook_url_not_set",
    fields: [],
    message: {
      en: "No webhook URL is set at LINE: candidate messages are not delivered.",
      ja: "LINE側にWebhook URLが設定されていないため、候補者のメッセージが届きません。",
    },
    fix: {
      en: `Enter ${ours} as the Webhook URL on the Messaging API channel's "Messaging API" tab and turn on "Use webhook".`,
      ja: `Messaging APIチャネルの「Messaging API設定」タブでWebhook URLに ${ours} を設定し、「Webhookの利用」をオンにしてください。`,
    },
  };
}

function webhookTestFailed(statusCode: number, reason: string, detail: string): SettingsProblem {
  const signature = statusCode === 401;
  const unreachable = statusCode <= 0 || reason === "COULD_NOT_CONNECT" || reason === "REQUEST_TIMEOUT";
  return {
    code: "webhook_test_failed",
    fields: signature ? ["messaging.channelSecret"] : [],
    message: {
      en: `LINE's test delivery to our webhook URL failed (status ${statusCode}, ${reason}).`,
      ja: `LINEからWebhook URLへのテスト送信に失敗しました(ステータス ${statusCode}、${reason})。`,
    },
    fix: signature
      ? {
          en: "Our server refused LINE's signature: the channel secret entered is not this channel's. Copy it again from the Messaging API channel.",
          ja: "署名の検証に失敗しました。入力されたチャネルシークレットがこのチャネルのものではありません。Messaging APIチャネルからコピーし直してください。",
        }
      : unreachable
        ? {
            en: "LINE could not reach our server: check that the public base URL is reachable from the internet over HTTPS.",
            ja: "LINEからサーバーに接続できませんでした。公開URLがインターネットからHTTPSで到達できるか確認してください。",
          }
        : {
            en: "Check the server logs for this request and the webhook URL.",
            ja: "サーバーのログとWebhook URLをご確認ください。",
          },
    detail: `${statusCode} ${reason}: ${detail}`,
  };
}

function unreachableOr(error: unknown, what: string, problem: SettingsProblem): SettingsProblem {
  if (HttpError.is(error) && (error.code === "timeout" || (error.status ?? 0) >= 500)) {
    return {
      code: "line_unreachable",
      fields: [],
      message: {
        en: `LINE did not answer when trying to ${what}; this could not be checked.`,
        ja: `LINEが応答しなかったため確認できませんでした(${what})。`,
      },
      fix: { en: "Run the verification again in a few minutes.", ja: "数分後にもう一度検証してください。" },
      detail: describe(error),
    };
  }
  if (error instanceof TypeError) {
    return {
      code: "line_unreachable",
      fields: [],
      message: { en: `Could not connect to LINE to ${what}.`, ja: `LINEに接続できませんでした(${what})。` },
      fix: {
        en: "Check the server's outbound network access to api.line.me and try again.",
        ja: "サーバーからapi.line.meへの通信を確認し、もう一度お試しください。",
      },
      detail: describe(error),
    };
  }
  return problem;
}

function manualChecks(loginCallbackUrl: string, basicId: string | undefined): ManualCheck[] {
  const bot = basicId ?? "(the Messaging API channel's basic ID)";
  const botJa = basicId ?? "(Messaging APIチャネルのベーシックID)";
  const selfTest = {
    en: " Then open the self-test link on your own LINE account.",
    ja: " その後、ご自身のLINEアカウントでセルフテスト用URLを開いてください。",
  };
  return [
    {
      code: "callback_url_registered",
      message: {
        en: "LINE does not let us read the Login channel's callback URL. If it is missing, candidates see a LINE error page (seed troubleshooting ②).",
        ja: "ログインAPIコールバックURLはAPIで確認できません。未設定の場合、候補者にLINEのエラー画面が表示されます。",
      },
      how: {
        en: `LINE Login channel → "LINE Login" tab → Callback URL: ${loginCallbackUrl} (exactly, without blanks).${selfTest.en}`,
        ja: `LINEログインチャネル →「LINEログイン設定」タブ → コールバックURLに ${loginCallbackUrl} を空白なしで入力してください。${selfTest.ja}`,
      },
    },
    {
      code: "login_channel_published",
      message: {
        en: "LINE does not let us read whether the Login channel is published. Unpublished, only its admins and testers can log in (seed troubleshooting ③).",
        ja: "LINEログインチャネルの公開状態はAPIで確認できません。非公開の場合、候補者とLINE連携できません。",
      },
      how: {
        en: 'The LINE Login channel must show "Published" at the top. The self-test proves it only from a LINE account that is not an admin or tester of the channel.',
        ja: "LINEログインチャネルの画面上部が「公開済み」になっているか確認してください。セルフテストで確認する場合は、チャネルの管理者・テスター以外のLINEアカウントをお使いください。",
      },
    },
    {
      code: "linked_bot",
      message: {
        en: "The Login channel's linked bot cannot be read through an API; without it candidates are not offered to add the account as a friend.",
        ja: "「リンクされたボット」はAPIで確認できません。未設定の場合、候補者に友だち追加が表示されません。",
      },
      how: {
        en: `LINE Login channel → "Basic settings" → Linked bot: ${bot}.${selfTest.en}`,
        ja: `LINEログインチャネル →「チャネル基本設定」→ リンクされたボットに ${botJa} を設定してください。${selfTest.ja}`,
      },
    },
    {
      code: "same_provider",
      message: {
        en: "Both channels must be under the same provider, or LINE gives them different user ids and messages cannot be matched.",
        ja: "2つのチャネルが同じプロバイダーにないと、ユーザーIDが一致せずメッセージを紐付けられません。",
      },
      how: {
        en: `Create the LINE Login and Messaging API channels under one provider.${selfTest.en}`,
        ja: `LINEログインチャネルとMessaging APIチャネルを同じプロバイダーに作成してください。${selfTest.ja}`,
      },
    },
  ];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
