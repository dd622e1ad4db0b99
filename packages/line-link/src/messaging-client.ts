import { channelAccessToken, HTTPFetchError, messagingApi } from "@line/bot-sdk";
import { ValidationError } from "@org/ats-core";
import { callWithTimeout } from "./call-with-timeout";
import { lineHttpError } from "./line-http-error";
import { LINE_USER_ID_PATTERN } from "./webhook-event";

/** What a push returned. `alreadyAccepted` when LINE answered 409: the retry key was used before, the messages were sent then. */
export interface PushResult {
  sentMessageIds: string[];
  alreadyAccepted: boolean;
}

/** LINE's answer to "test webhook endpoint". */
export interface WebhookTestResult {
  success: boolean;
  statusCode: number;
  reason: string;
  detail: string;
}

/** The Messaging API calls this package makes; an interface so tests and other transports can stand in. */
export interface LineMessagingClient {
  pushText(to: string, texts: readonly string[], retryKey: string): Promise<PushResult>;
  getProfile(userId: string): Promise<{ userId: string; displayName: string }>;
  getBotInfo(): Promise<{ userId: string; basicId: string; displayName: string }>;
  getWebhookEndpoint(): Promise<{ endpoint: string; active: boolean }>;
  testWebhookEndpoint(endpoint: string): Promise<WebhookTestResult>;
  /** Verifies the channel access token: which channel it belongs to and for how long. */
  verifyAccessToken(): Promise<{ clientId: string; expiresIn: number }>;
  /** Issues a 15-minute stateless token with the channel id and secret: proves both are right. */
  issueStatelessToken(
    channelId: string,
    channelSecret: string,
  ): Promise<{ accessToken: string; expiresIn: number }>;
}

/** Options of {@link createMessagingClient}. */
export interface MessagingClientOptions {
  channelAccessToken: string;
  /** Bound of each call in ms (the SDK has none). Default 10 000. */
  timeoutMs?: number;
  /** Override of `https://api.line.me` (tests, proxies). */
  baseUrl?: string;
}

const API = "https://api.line.me";

/**
 * The Messaging API through `@line/bot-sdk` 10, made safe: user ids are checked against
 * `^U[0-9a-f]{32}$` before any call (the SDK puts them into paths unchecked), every call is
 * bounded by our own timeout, and failures become `HttpError`s carrying LINE's message and the fix.
 */
export function createMessagingClient(options: MessagingClientOptions): LineMessagingClient {
  const baseURL = options.baseUrl ?? API;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const api = new messagingApi.MessagingApiClient({
    channelAccessToken: options.channelAccessToken,
    baseURL,
  });
  const tokens = new channelAccessToken.ChannelAccessTokenClient({ baseURL });

  const call = async <T>(operation: string, method: string, path: string, run: () => Promise<T>) => {
    const url = baseURL + path;
    try {
      return await callWithTimeout(() => run(), timeoutMs, { method, url });
    } catch (error) {
      if (error instanceof HTTPFetchError) throw lineHttpError(operation, method, url, error);
      throw error;
    }
  };

  return {
    async pushText(to, texts, retryKey) {
      assertUserId(to);
      try {
        const response = await call("push message", "POST", "/v2/bot/message/push", () =>
          api.pushMessage({ to, messages: texts.map((text) => ({ type: "text", text })) }, retryKey),
        );
        return { sentMessageIds: (response.sentMessages ?? []).map((m) => m.id), alreadyAccepted: false };
      } catch (error) {
        // 409 with a retry key: "The retry key is already accepted" — the first attempt went through.
        if ((error as { status?: unknown }).status === 409) {
          const body = (error as { exchange?: { responseBody?: string } }).exchange?.responseBody ?? "{}";
          const sent = safeJson(body)["sentMessages"];
          const ids = Array.isArray(sent) ? sent.map((m: { id?: unknown }) => String(m.id)) : [];
          return { sentMessageIds: ids, alreadyAccepted: true };
        }
        throw error;
      }
    },
    async getProfile(userId) {
      assertUserId(userId);
      const profile = await call("get profile", "GET", `/v2/bot/profile/${userId}`, () =>
        api.getProfile(userId),
      );
      return { userId: profile.userId, displayName: profile.displayName };
    },
    async getBotInfo() {
      const info = await call("get bot info", "GET", "/v2/bot/info", () => api.getBotInfo());
      return { userId: info.userId, basicId: info.basicId, displayName: info.displayName };
    },
    async getWebhookEndpoint() {
      const info = await call("get webhook endpoint", "GET", "/v2/bot/channel/webhook/endpoint", () =>
        api.getWebhookEndpoint(),
      );
      return { endpoint: info.endpoint ?? "", active: info.active === true };
    },
    async testWebhookEndpoint(endpoint) {
      const result = await call("test webhook endpoint", "POST", "/v2/bot/channel/webhook/test", () =>
        api.testWebhookEndpoint({ endpoint }),
      );
      return {
        success: result.success === true,
        statusCode: result.statusCode,
        reason: result.reason,
        detail: result.detail,
      };
    },
    async verifyAccessToken() {
      const result = await call("verify channel access token", "POST", "/v2/oauth/verify", () =>
        tokens.verifyChannelToken(options.channelAccessToken),
      );
      return { clientId: String(result.client_id), expiresIn: result.expires_in };
    },
    async issueStatelessToken(channelId, channelSecret) {
      const result = await call("issue stateless channel access token", "POST", "/oauth2/v3/token", () =>
        tokens.issueStatelessChannelToken(
          "client_credentials",
          undefined,
          undefined,
          channelId,
          channelSecret,
        ),
      );
      return { accessToken: result.access_token, expiresIn: result.expires_in };
    },
  };
}

/** Throws a `ValidationError` unless `userId` is a LINE user id. Called before any API call. */
export function assertUserId(userId: string, path: (string | number)[] = ["userId"]): void {
  if (typeof userId === "string" && LINE_USER_ID_PATTERN.test(userId)) return;
  throw new ValidationError("LINE user id", [
    {
      path,
      reason: "invalid_format",
      message:
        "is not a LINE user id ('U' + 32 hex digits). It was refused before calling LINE; take the id from the link or the webhook, never from user input.",
    },
  ]);
}

function safeJson(text: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}
