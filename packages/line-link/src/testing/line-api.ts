/**
 * msw handlers answering like LINE's API reference (Messaging API: push, profile, bot info,
 * webhook endpoint, test webhook, verify token, stateless token; LINE Login: token, friendship,
 * deauthorize). Each test overrides single routes with `server.use(...)` for the failure it needs.
 */
import { HttpResponse, http } from "msw";

export const API = "https://api.line.me";

/** Error bodies as LINE documents them. */
export const LINE_ERRORS = {
  invalidToken: {
    message: "Authentication failed. Confirm that the access token in the authorization header is valid.",
  },
  monthlyLimit: { message: "You have reached your monthly limit." },
  retryKeyAccepted: {
    message: "The retry key is already accepted",
    sentMessages: [{ id: "461230966842064897", quoteToken: "IStG5h1Tz7b..." }],
  },
  textTooLong: {
    message: "The request body has 1 error(s)",
    details: [{ message: "Length must be between 0 and 5000", property: "messages[0].text" }],
  },
  profileNotFound: { message: "Not found" },
  tokenExpired: { error: "invalid_request", error_description: "access token expired" },
  tokenInvalid: { error: "invalid_request", error_description: "invalid access token" },
  invalidClient: { error: "invalid_client", error_description: "invalid client_id or client_secret" },
  invalidGrant: { error: "invalid_grant", error_description: "invalid authorization code" },
  redirectMismatch: { error: "invalid_grant", error_description: "redirect_uri does not match" },
} as const;

export interface LineApiState {
  pushes: { to: string; texts: string[]; retryKey: string | null }[];
  acceptedRetryKeys: Set<string>;
}

export function lineApiHandlers(state: LineApiState, options: { channelId: string; webhookUrl: string }) {
  return [
    http.post(`${API}/v2/bot/message/push`, async ({ request }) => {
      const body = (await request.json()) as { to: string; messages: { text: string }[] };
      const retryKey = request.headers.get("x-line-retry-key");
      if (retryKey !== null && state.acceptedRetryKeys.has(retryKey)) {
        return HttpResponse.json(LINE_ERRORS.retryKeyAccepted, {
          status: 409,
          headers: { "x-line-accepted-request-id": "0ebc0a42-6f4e-4c5b-9b42-e2c4c4b7e1a1" },
        });
      }
      if (retryKey !== null) state.acceptedRetryKeys.add(retryKey);
      state.pushes.push({ to: body.to, texts: body.messages.map((m) => m.text), retryKey });
      return HttpResponse.json(
        {
          sentMessages: body.messages.map((_, i) => ({
            id: `46123096684206${4897 + i}`,
            quoteToken: "IStG5h1Tz7b...",
          })),
        },
        { headers: { "x-line-request-id": "123e4567-e89b-12d3-a456-426614174000" } },
      );
    }),
    http.get(`${API}/v2/bot/profile/:userId`, ({ params }) =>
      HttpResponse.json({
        displayName: "田中 太郎",
        userId: params["userId"],
        language: "ja",
        pictureUrl: "https://profile.line-scdn.net/abcdefghijklmn",
        statusMessage: "Hello, LINE!",
      }),
    ),
    http.get(`${API}/v2/bot/info`, () =>
      HttpResponse.json({
        userId: "Ub9952f8c5a5e5f2b6c1f0e2a3d4c5b6a",
        basicId: "@742xidkb",
        displayName: "○○株式会社",
        pictureUrl: "https://profile.line-scdn.net/abcdefghijklmn",
        chatMode: "bot",
        markAsReadMode: "manual",
      }),
    ),
    http.get(`${API}/v2/bot/channel/webhook/endpoint`, () =>
      HttpResponse.json({ endpoint: options.webhookUrl, active: true }),
    ),
    http.post(`${API}/v2/bot/channel/webhook/test`, () =>
      HttpResponse.json({
        success: true,
        timestamp: "2026-11-21T05:38:20.031Z",
        statusCode: 200,
        reason: "OK",
        detail: "200",
      }),
    ),
    http.post(`${API}/v2/oauth/verify`, () =>
      HttpResponse.json({
        client_id: options.channelId,
        expires_in: 2591659,
        scope: "profile chat_message.write",
      }),
    ),
    http.post(`${API}/oauth2/v3/token`, () =>
      HttpResponse.json({ token_type: "Bearer", access_token: "eyJhbGciOiJIUz.....", expires_in: 899 }),
    ),
  ];
}
