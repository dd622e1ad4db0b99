/**
 * A stand-in for LINE Login, answering like the LINE Login v2.1 API reference: the authorize
 * step (what the candidate does in LINE) hands out a code bound to the request's nonce and
 * redirect_uri; `/oauth2/v2.1/token` returns `{ access_token, expires_in, id_token,
 * refresh_token, scope, token_type }` with an HS256 ID token signed with the Login channel secret.
 */
import { createHmacKey } from "@org/ats-core";
import { HttpResponse, http } from "msw";
import { bytesToBase64Url } from "../base64url";
import { API, LINE_ERRORS } from "./line-api";

const encoder = new TextEncoder();

export interface IdTokenOverrides {
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  secret?: string;
}

/** Signs an ID token the way LINE does for web logins (HS256, channel secret). */
export async function signIdToken(
  secret: string,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
) {
  const head = bytesToBase64Url(encoder.encode(JSON.stringify({ typ: "JWT", alg: "HS256", ...header })));
  const body = bytesToBase64Url(encoder.encode(JSON.stringify(claims)));
  const key = await createHmacKey("SHA-256", secret);
  return `${head}.${body}.${bytesToBase64Url(await key.sign(`${head}.${body}`))}`;
}

export class FakeLineLogin {
  readonly codes = new Map<string, { nonce: string; userId: string; redirectUri: string }>();
  readonly friends = new Set<string>();
  readonly deauthorized: { userAccessToken: string; authorization: string | null }[] = [];
  /** Set to make the next token exchange answer with this OAuth error. */
  tokenError: { status: number; body: Record<string, string> } | undefined;
  idToken: IdTokenOverrides = {};
  readonly refreshTokens = new Map<string, string>();
  private counter = 0;

  private issueRefreshToken(userId: string) {
    const token = `Aa1FdeggRhTnPNNpxr8p${++this.counter}`;
    this.refreshTokens.set(token, userId);
    return token;
  }

  constructor(
    private readonly channelId: string,
    private readonly channelSecret: string,
    private readonly now: () => Date,
  ) {}

  /** What happens in LINE: the user logs in and consents; returns the callback query. */
  authorize(location: string, userId: string, options: { addFriend?: boolean } = {}): Record<string, string> {
    const url = new URL(location);
    const code = `code${++this.counter}Hx8qSkL`;
    this.codes.set(code, {
      nonce: url.searchParams.get("nonce") ?? "",
      userId,
      redirectUri: url.searchParams.get("redirect_uri") ?? "",
    });
    if (options.addFriend !== false) this.friends.add(userId);
    return {
      code,
      state: url.searchParams.get("state") ?? "",
      friendship_status_changed: String(options.addFriend !== false),
    };
  }

  handlers() {
    return [
      http.post(`${API}/oauth2/v2.1/token`, async ({ request }) => {
        const form = new URLSearchParams(await request.text());
        if (this.tokenError !== undefined) {
          const { status, body } = this.tokenError;
          this.tokenError = undefined;
          return HttpResponse.json(body, { status });
        }
        if (form.get("client_id") !== this.channelId || form.get("client_secret") !== this.channelSecret) {
          return HttpResponse.json(LINE_ERRORS.invalidClient, { status: 400 });
        }
        if (form.get("grant_type") === "refresh_token") {
          const userId = this.refreshTokens.get(form.get("refresh_token") ?? "");
          if (userId === undefined) {
            return HttpResponse.json(
              { error: "invalid_grant", error_description: "invalid refresh token" },
              { status: 400 },
            );
          }
          return HttpResponse.json({
            token_type: "Bearer",
            scope: "profile openid",
            access_token: `at2-${userId}`,
            expires_in: 2592000,
            refresh_token: "Bb2GefhhSiUoQOOqys9q",
          });
        }
        const grant = this.codes.get(form.get("code") ?? "");
        this.codes.delete(form.get("code") ?? "");
        if (grant === undefined) return HttpResponse.json(LINE_ERRORS.invalidGrant, { status: 400 });
        if (grant.redirectUri !== form.get("redirect_uri")) {
          return HttpResponse.json(LINE_ERRORS.redirectMismatch, { status: 400 });
        }
        const iat = Math.floor(this.now().getTime() / 1000);
        const idToken = await signIdToken(
          this.idToken.secret ?? this.channelSecret,
          {
            iss: "https://access.line.me",
            sub: grant.userId,
            aud: this.channelId,
            exp: iat + 3600,
            iat,
            nonce: grant.nonce,
            amr: ["pwd"],
            name: "田中 太郎",
            picture: "https://profile.line-scdn.net/0h8pWWElvzZ19qLk3ywQYYCFZraD...",
            ...this.idToken.claims,
          },
          this.idToken.header,
        );
        return HttpResponse.json({
          access_token: `at-${grant.userId}`,
          expires_in: 2592000,
          id_token: idToken,
          refresh_token: this.issueRefreshToken(grant.userId),
          scope: "profile openid",
          token_type: "Bearer",
        });
      }),
      http.get(`${API}/friendship/v1/status`, ({ request }) => {
        const token = request.headers.get("authorization")?.replace(/^Bearer at-/, "") ?? "";
        return HttpResponse.json({ friendFlag: this.friends.has(token) });
      }),
      http.post(`${API}/user/v1/deauthorize`, async ({ request }) => {
        const body = (await request.json()) as { userAccessToken: string };
        this.deauthorized.push({
          userAccessToken: body.userAccessToken,
          authorization: request.headers.get("authorization"),
        });
        return new HttpResponse(null, { status: 204 });
      }),
    ];
  }
}
