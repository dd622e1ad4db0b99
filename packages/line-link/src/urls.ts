import type { LineLinkSettings } from "./settings";

/**
 * The URLs of one tenant. The recruiter pastes the first two into LINE Developers (seed
 * 003_bf749bcc0dbdcb3a.txt, ATS side STEP3: "Messaging API Webhook URL" and "ログインAPI コールバックURL").
 * They hold the tenant id only, never a secret: they are shown on screen and stored by LINE.
 */
export interface LineUrls {
  /** Paste into the Messaging API channel → "Messaging API" tab → Webhook URL. */
  webhookUrl: string;
  /** Paste into the LINE Login channel → "LINE Login" tab → Callback URL. */
  loginCallbackUrl: string;
  /** The prefix of linking URLs sent to candidates (a token follows). */
  linkStartUrlPrefix: string;
}

/** Path templates, relative to `publicBaseUrl`; the Express adapter mounts the same ones. */
export const LINE_PATHS = {
  webhook: (tenantId: string) => `/line/${tenantId}/webhook`,
  loginCallback: (tenantId: string) => `/line/${tenantId}/login/callback`,
  linkStart: (tenantId: string) => `/line/${tenantId}/link/`,
} as const;

/** The webhook, Login-callback and linking URLs of a tenant. */
export function lineUrls(settings: Pick<LineLinkSettings, "tenantId" | "publicBaseUrl">): LineUrls {
  const base = settings.publicBaseUrl.replace(/\/+$/, "");
  const tenant = encodeURIComponent(settings.tenantId);
  return {
    webhookUrl: base + LINE_PATHS.webhook(tenant),
    loginCallbackUrl: base + LINE_PATHS.loginCallback(tenant),
    linkStartUrlPrefix: base + LINE_PATHS.linkStart(tenant),
  };
}
