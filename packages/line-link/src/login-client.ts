import { HttpError } from "@org/ats-core";
import { callWithTimeout } from "./call-with-timeout";
import { type LineFailure, lineHttpError } from "./line-http-error";

/** The tokens LINE Login returns for an authorization code. */
export interface LoginTokenResponse {
  accessToken: string;
  expiresIn: number;
  idToken: string;
  refreshToken?: string;
  scope: string;
}

/** LINE Login's OAuth error (`invalid_grant`, `invalid_client`, …) from the token endpoint. */
export interface LoginOAuthFailure {
  status: number;
  error: string;
  description: string;
}

/** Options of {@link LineLoginClient}. */
export interface LineLoginClientOptions {
  channelId: string;
  channelSecret: string;
  /** Injected `fetch` (default `globalThis.fetch`): LINE Login is not in `@line/bot-sdk`. */
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Override of `https://api.line.me`. */
  apiBaseUrl?: string;
}

/**
 * The LINE Login v2.1 calls the linking flow needs, written on `fetch`: exchange an authorization
 * code, read the friendship status with the official account, issue a stateless channel token
 * (which also proves the channel id and secret) and deauthorize the app for a user.
 */
export class LineLoginClient {
  private readonly fetch: typeof fetch;
  private readonly api: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: LineLoginClientOptions) {
    this.fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.api = options.apiBaseUrl ?? "https://api.line.me";
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /**
   * `POST /oauth2/v2.1/token` with `grant_type=authorization_code`. Resolves the tokens, or the
   * OAuth failure LINE answered with (4xx with an `error` field); throws `HttpError` otherwise.
   */
  async exchangeCode(code: string, redirectUri: string): Promise<LoginTokenResponse | LoginOAuthFailure> {
    const response = await this.request("issue access token", "POST", "/oauth2/v2.1/token", {
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri,
        client_id: this.options.channelId,
        client_secret: this.options.channelSecret,
      }),
      acceptOAuthError: true,
    });
    if ("error" in response) return response;
    const json = response.json;
    if (typeof json["access_token"] !== "string" || typeof json["id_token"] !== "string") {
      throw new HttpError(
        "http_error",
        "LINE Login answered without access_token or id_token; was scope=openid sent?",
        {
          method: "POST",
          url: `${this.api}/oauth2/v2.1/token`,
          requestHeaders: {},
          status: 200,
        },
      );
    }
    return {
      accessToken: json["access_token"],
      idToken: json["id_token"],
      expiresIn: typeof json["expires_in"] === "number" ? json["expires_in"] : 0,
      scope: typeof json["scope"] === "string" ? json["scope"] : "",
      ...(typeof json["refresh_token"] === "string" && { refreshToken: json["refresh_token"] }),
    };
  }

  /**
   * `POST /oauth2/v2.1/token` with `grant_type=refresh_token`: a new access token for a user whose
   * 30-day access token expired (refresh tokens last up to 90 days).
   */
  async refresh(
    refreshToken: string,
  ): Promise<{ accessToken: string; expiresIn: number; refreshToken?: string } | LoginOAuthFailure> {
    const response = await this.request("refresh access token", "POST", "/oauth2/v2.1/token", {
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: refreshToken,
        client_id: this.options.channelId,
        client_secret: this.options.channelSecret,
      }),
      acceptOAuthError: true,
    });
    if ("error" in response) return response;
    const json = response.json;
    return {
      accessToken: String(json["access_token"]),
      expiresIn: typeof json["expires_in"] === "number" ? json["expires_in"] : 0,
      ...(typeof json["refresh_token"] === "string" && { refreshToken: json["refresh_token"] }),
    };
  }

  /** `GET /friendship/v1/status`: whether the user is a friend of the Login channel's linked bot. */
  async getFriendship(userAccessToken: string): Promise<boolean> {
    const response = await this.request("get friendship status", "GET", "/friendship/v1/status", {
      bearer: userAccessToken,
    });
    if ("error" in response) return false;
    return response.json["friendFlag"] === true;
  }

  /**
   * `POST /oauth2/v3/token` with `client_credentials`: a 15-minute channel access token for the
   * Login channel. An `invalid_client` failure means the channel id or secret is wrong.
   */
  async issueStatelessToken(): Promise<{ accessToken: string } | LoginOAuthFailure> {
    const response = await this.request("issue stateless channel access token", "POST", "/oauth2/v3/token", {
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: this.options.channelId,
        client_secret: this.options.channelSecret,
      }),
      acceptOAuthError: true,
    });
    if ("error" in response) return response;
    return { accessToken: String(response.json["access_token"]) };
  }

  /**
   * `POST /user/v1/deauthorize`: revokes the permissions the user granted to the Login channel
   * (LINE's own "unlink"). Needs the user's access token and a channel access token of the Login channel.
   */
  async deauthorize(userAccessToken: string): Promise<void> {
    const channelToken = await this.issueStatelessToken();
    if ("error" in channelToken) {
      throw lineHttpError("issue stateless channel access token", "POST", `${this.api}/oauth2/v3/token`, {
        status: channelToken.status,
        body: JSON.stringify({ error: channelToken.error, error_description: channelToken.description }),
      });
    }
    await this.request("deauthorize", "POST", "/user/v1/deauthorize", {
      bearer: channelToken.accessToken,
      json: { userAccessToken },
    });
  }

  private async request(
    operation: string,
    method: "GET" | "POST",
    path: string,
    options: { body?: URLSearchParams; json?: unknown; bearer?: string; acceptOAuthError?: boolean },
  ): Promise<{ json: Record<string, unknown> } | LoginOAuthFailure> {
    const url = this.api + path;
    const headers: Record<string, string> = {};
    if (options.bearer !== undefined) headers["authorization"] = `Bearer ${options.bearer}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = options.body.toString();
    } else if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    }
    const response = await callWithTimeout(
      (signal) => this.fetch(url, { method, headers, ...(body !== undefined && { body }), signal }),
      this.timeoutMs,
      { method, url },
    );
    const text = await response.text();
    const json = parseObject(text);
    if (response.ok) return { json };
    if (options.acceptOAuthError && response.status < 500 && typeof json["error"] === "string") {
      return {
        status: response.status,
        error: json["error"],
        description: typeof json["error_description"] === "string" ? json["error_description"] : "",
      };
    }
    const failure: LineFailure = { status: response.status, body: text };
    throw lineHttpError(operation, method, url, failure);
  }
}

function parseObject(text: string): Record<string, unknown> {
  if (text === "") return {};
  try {
    const value = JSON.parse(text);
    return typeof value === "object" && value !== null ? value : {};
  } catch {
    return {};
  }
}
