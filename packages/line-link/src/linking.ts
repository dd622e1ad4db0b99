import { ConflictError, HttpError } from "@org/ats-core";
import { randomToken } from "./base64url";
import { type CandidatePage, type CandidatePageKind, candidatePage } from "./candidate-page";
import { verifyLineIdToken } from "./id-token";
import type { CandidateLink, LinkStore } from "./link-store";
import type { LinkingStore, LinkingUrlRecord, LoginAttempt } from "./linking-store";
import { LinkingTokenSigner } from "./linking-token";
import { consoleLogger, type LineLinkLogger } from "./logger";
import type { LineLoginClient } from "./login-client";
import type { LineMessagingClient } from "./messaging-client";
import type { LineLinkSettings } from "./settings";
import { lineUrls } from "./urls";
import { LINE_USER_ID_PATTERN } from "./webhook-event";

/** LINE Login's authorization endpoint. */
export const LINE_AUTHORIZE_URL = "https://access.line.me/oauth2/v2.1/authorize";

/** Dependencies of {@link LineLinking}. */
export interface LineLinkingOptions {
  settings: LineLinkSettings;
  links: LinkStore;
  linking: LinkingStore;
  login: LineLoginClient;
  /** Used by the self-test to prove both channels share a provider. */
  messaging?: LineMessagingClient;
  /** How long a started login may take, in seconds (default 600). */
  loginAttemptTtlSeconds?: number;
  logger?: LineLinkLogger;
  now?: () => Date;
}

/** A linking URL ready to paste into the e-mail to the candidate. */
export interface LinkingUrl {
  url: string;
  id: string;
  expiresAt: Date;
}

/** What opening a linking URL leads to. */
export type LinkStartResult = { type: "redirect"; location: string } | { type: "page"; page: CandidatePage };

/** What the Login callback did. */
export interface CallbackResult {
  page: CandidatePage;
  outcome:
    | "linked"
    | "relinked"
    | "application_added"
    | "already_linked"
    | "self_test"
    | "refused"
    | "login_error";
  candidateId?: string;
  lineUserId?: string;
  friend?: boolean;
  /** On `relinked`: the LINE user the candidate was linked to before. */
  previousLineUserId?: string;
  /** For the recruiter's logs: why a login failed (never shown to the candidate). */
  reason?: string;
}

/** What unlinking did. */
export interface UnlinkResult {
  unlinked: boolean;
  /** Whether LINE's deauthorize succeeded (the app's permissions revoked on the user's side). */
  deauthorized: boolean;
  reason?: string;
}

/**
 * Linking candidates to LINE (seed 003_bf749bcc0dbdcb3a.txt, "候補者と連携する"): the recruiter
 * creates a linking URL per candidate; the candidate opens it, logs in with LINE Login, consents,
 * adds the official account as a friend, and is linked.
 *
 * Rules: a linking URL is signed, expires, and works once (it is spent when a link is stored, so a
 * cancelled login can be retried). One LINE user is linked to at most one candidate per tenant; the
 * candidate's several applications share the link. Opening a new URL for an already linked
 * candidate with another LINE account re-links (history stays with the candidate; the previous
 * account's grant is deauthorized at LINE).
 */
export class LineLinking {
  private readonly now: () => Date;
  private readonly logger: LineLinkLogger;

  private constructor(
    private readonly options: LineLinkingOptions,
    private readonly signer: LinkingTokenSigner,
  ) {
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? consoleLogger;
  }

  /** Builds the linking flow of a tenant. */
  static async create(options: LineLinkingOptions): Promise<LineLinking> {
    const signer = await LinkingTokenSigner.create(options.settings.tenantId, options.settings.linkingSecret);
    return new LineLinking(options, signer);
  }

  /** A single-use, expiring linking URL for one candidate (and the application it is about). */
  async createLinkingUrl(input: { candidateId: string; applicationId?: string }): Promise<LinkingUrl> {
    return this.createUrl({ purpose: "candidate", ...input });
  }

  /**
   * A linking URL for the recruiter's own LINE account: it runs the whole flow and reports what
   * works, linking nothing. Proves what no API can check (callback URL registered, linked bot,
   * same provider; "published" only when used from an account that is not an admin or tester of the channel).
   */
  async createSelfTestUrl(): Promise<LinkingUrl> {
    return this.createUrl({
      purpose: "self-test",
      candidateId: `self-test:${this.options.settings.tenantId}`,
    });
  }

  /**
   * Opens a linking URL: checks it and redirects to LINE Login.
   * @param token the last path segment of the linking URL
   * @param options.retry true from a retry link: LINE Login is asked not to try auto-login
   */
  async start(token: string, options: { retry?: boolean } = {}): Promise<LinkStartResult> {
    const language = this.options.settings.language;
    const now = this.now();
    const checked = await this.signer.verify(token, now);
    if (!checked.ok) {
      return {
        type: "page",
        page: candidatePage(checked.failure === "expired" ? "expired_link" : "invalid_link", language),
      };
    }
    const record = await this.options.linking.getUrl(checked.id);
    if (record === undefined) return { type: "page", page: candidatePage("invalid_link", language) };
    if (record.expiresAt.getTime() <= now.getTime())
      return { type: "page", page: candidatePage("expired_link", language) };
    if (record.usedAt !== undefined) return { type: "page", page: candidatePage("used_link", language) };

    const attempt: LoginAttempt = {
      state: randomToken(32),
      nonce: randomToken(32),
      linkingUrlId: record.id,
      linkingToken: token,
      createdAt: now,
      expiresAt: new Date(now.getTime() + (this.options.loginAttemptTtlSeconds ?? 600) * 1000),
      autoLoginDisabled: options.retry === true,
    };
    await this.options.linking.saveAttempt(attempt);
    return { type: "redirect", location: this.authorizeUrl(attempt) };
  }

  /** The LINE Login authorization URL of an attempt. */
  authorizeUrl(attempt: Pick<LoginAttempt, "state" | "nonce" | "autoLoginDisabled">): string {
    const params = new URLSearchParams({
      response_type: "code",
      client_id: this.options.settings.login.channelId,
      redirect_uri: lineUrls(this.options.settings).loginCallbackUrl,
      state: attempt.state,
      scope: "profile openid",
      nonce: attempt.nonce,
      // Without prompt=consent a returning user skips the consent screen, and with it the
      // add-friend option bot_prompt=aggressive puts there.
      bot_prompt: "aggressive",
      prompt: "consent",
    });
    if (attempt.autoLoginDisabled) params.set("disable_auto_login", "true");
    return `${LINE_AUTHORIZE_URL}?${params.toString().replace(/\+/g, "%20")}`;
  }

  /**
   * The Login callback: checks `state`, exchanges the code, verifies the ID token (HS256 with the
   * Login channel secret: signature, iss, aud, exp, nonce), checks friendship and stores the link.
   * Every failure ends on a page the candidate understands; nothing is linked then.
   */
  async callback(query: URLSearchParams | Record<string, string | undefined>): Promise<CallbackResult> {
    const params = query instanceof URLSearchParams ? query : new URLSearchParams(definedEntries(query));
    const language = this.options.settings.language;
    const state = params.get("state");
    const attempt =
      state === null || state === "" ? undefined : await this.options.linking.takeAttempt(state);
    if (attempt === undefined) {
      return this.fail("session_expired", undefined, "unknown or already used state");
    }
    const retryUrl = `${lineUrls(this.options.settings).linkStartUrlPrefix}${attempt.linkingToken}?retry=1`;
    const now = this.now();
    if (attempt.expiresAt.getTime() <= now.getTime())
      return this.fail("session_expired", retryUrl, "state expired");

    const error = params.get("error");
    if (error !== null) {
      const description = params.get("error_description") ?? "";
      return this.fail(
        error === "access_denied" ? "login_cancelled" : "login_failed",
        retryUrl,
        `${error}: ${description}`,
      );
    }
    const code = params.get("code");
    if (code === null || code === "") return this.fail("login_failed", retryUrl, "no code in the callback");

    const record = await this.options.linking.getUrl(attempt.linkingUrlId);
    if (record === undefined) return this.fail("invalid_link", undefined, "linking URL record missing");
    if (record.usedAt !== undefined) return this.fail("used_link", undefined, "linking URL already used");

    let tokens: Awaited<ReturnType<LineLoginClient["exchangeCode"]>>;
    try {
      tokens = await this.options.login.exchangeCode(code, lineUrls(this.options.settings).loginCallbackUrl);
    } catch (cause) {
      return this.fail("login_failed", retryUrl, `token endpoint: ${describe(cause)}`);
    }
    if ("error" in tokens) {
      // invalid_client: the Login channel id/secret in the settings are wrong (seed troubleshooting ①).
      if (tokens.error === "invalid_client") {
        return this.fail("company_settings_error", undefined, `invalid_client: ${tokens.description}`);
      }
      // redirect_uri refused: the callback URL registered at LINE is not ours (seed troubleshooting ②);
      // a retry cannot help the candidate.
      if (/redirect_uri/i.test(tokens.description)) {
        return this.fail("company_settings_error", undefined, `${tokens.error}: ${tokens.description}`);
      }
      // invalid_grant: a code reused or spoiled, e.g. after "オートログインに失敗しました".
      return this.fail("login_failed", retryUrl, `${tokens.error}: ${tokens.description}`);
    }

    const verified = await verifyLineIdToken(tokens.idToken, {
      channelId: this.options.settings.login.channelId,
      channelSecret: this.options.settings.login.channelSecret,
      nonce: attempt.nonce,
      now,
    });
    if (!verified.ok) return this.fail("login_failed", retryUrl, `ID token refused: ${verified.failure}`);
    const lineUserId = verified.claims.sub;
    if (!LINE_USER_ID_PATTERN.test(lineUserId))
      return this.fail("login_failed", retryUrl, "ID token sub is not a LINE user id");

    let friend: boolean;
    try {
      friend = await this.options.login.getFriendship(tokens.accessToken);
    } catch (cause) {
      return this.fail("login_failed", retryUrl, `friendship status: ${describe(cause)}`);
    }

    if (record.purpose === "self-test") return this.selfTest(record, lineUserId, friend, retryUrl);

    const other = await this.options.links.getByLineUser(lineUserId);
    if (other !== undefined && other.candidateId !== record.candidateId) {
      return this.fail(
        "linked_to_other_candidate",
        undefined,
        `LINE user linked to candidate ${other.candidateId}`,
      );
    }
    if (!(await this.options.linking.markUsed(record.id, now))) {
      return this.fail("used_link", undefined, "linking URL used concurrently");
    }
    const current = await this.options.links.getByCandidate(record.candidateId);
    const applicationIds = new Set(current?.lineUserId === lineUserId ? current.applicationIds : []);
    const hadApplication = record.applicationId !== undefined && applicationIds.has(record.applicationId);
    if (record.applicationId !== undefined) applicationIds.add(record.applicationId);
    const link: CandidateLink = {
      candidateId: record.candidateId,
      lineUserId,
      applicationIds: [...applicationIds],
      linkedAt: current?.lineUserId === lineUserId ? current.linkedAt : now,
      reachable: friend,
      reachabilityChangedAt: now,
      loginTokens: {
        accessToken: tokens.accessToken,
        ...(tokens.refreshToken !== undefined && { refreshToken: tokens.refreshToken }),
        expiresAt: new Date(now.getTime() + tokens.expiresIn * 1000),
      },
    };
    try {
      await this.options.links.save(link);
    } catch (cause) {
      if (ConflictError.is(cause)) return this.fail("linked_to_other_candidate", undefined, cause.message);
      throw cause;
    }
    let outcome: CallbackResult["outcome"] = "linked";
    if (current !== undefined && current.lineUserId !== lineUserId) {
      outcome = "relinked";
      // The previous LINE account no longer belongs to this candidate: revoke what it granted.
      if (current.loginTokens !== undefined) await this.deauthorizeQuietly(current);
    } else if (current !== undefined)
      outcome = hadApplication || record.applicationId === undefined ? "already_linked" : "application_added";
    const addFriendUrl = friend ? undefined : await this.addFriendUrl();
    return {
      page: candidatePage(
        friend ? "linked" : "linked_not_friend",
        language,
        addFriendUrl === undefined ? {} : { addFriendUrl },
      ),
      outcome,
      candidateId: record.candidateId,
      lineUserId,
      friend,
      ...(outcome === "relinked" && current !== undefined && { previousLineUserId: current.lineUserId }),
    };
  }

  /**
   * Unlinks a candidate: removes the link (the conversation stays) and asks LINE to deauthorize
   * the app for the user (LINE's own unlink), refreshing an expired access token first. The link is
   * removed even when LINE refuses (e.g. the refresh token expired after 90 days); `deauthorized`
   * says which happened.
   */
  async unlink(candidateId: string): Promise<UnlinkResult> {
    const link = await this.options.links.remove(candidateId);
    if (link === undefined) return { unlinked: false, deauthorized: false, reason: "not linked" };
    if (link.loginTokens === undefined)
      return { unlinked: true, deauthorized: false, reason: "no LINE Login token stored" };
    const failure = await this.deauthorizeQuietly(link);
    return failure === undefined
      ? { unlinked: true, deauthorized: true }
      : { unlinked: true, deauthorized: false, reason: failure };
  }

  /** LINE's deauthorize for a link's user; resolves the failure reason, logged, instead of throwing. */
  private async deauthorizeQuietly(link: CandidateLink): Promise<string | undefined> {
    if (link.loginTokens === undefined) return "no LINE Login token stored";
    try {
      let accessToken = link.loginTokens.accessToken;
      // Access tokens last 30 days; the refresh token (up to 90) gets a fresh one for the call.
      if (
        link.loginTokens.expiresAt.getTime() <= this.now().getTime() &&
        link.loginTokens.refreshToken !== undefined
      ) {
        const refreshed = await this.options.login.refresh(link.loginTokens.refreshToken);
        if ("error" in refreshed)
          return `refresh token refused: ${refreshed.error}: ${refreshed.description}`;
        accessToken = refreshed.accessToken;
      }
      await this.options.login.deauthorize(accessToken);
      return undefined;
    } catch (cause) {
      const reason = describe(cause);
      this.logger.warn("LINE deauthorize failed; the link is removed", {
        candidateId: link.candidateId,
        reason,
      });
      return reason;
    }
  }

  private async createUrl(input: {
    purpose: LinkingUrlRecord["purpose"];
    candidateId: string;
    applicationId?: string;
  }): Promise<LinkingUrl> {
    const now = this.now();
    const record: LinkingUrlRecord = {
      id: randomToken(16),
      purpose: input.purpose,
      candidateId: input.candidateId,
      ...(input.applicationId !== undefined && { applicationId: input.applicationId }),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.options.settings.linkingUrlTtlSeconds * 1000),
    };
    await this.options.linking.saveUrl(record);
    const token = await this.signer.sign(record.id, record.expiresAt);
    return {
      url: lineUrls(this.options.settings).linkStartUrlPrefix + token,
      id: record.id,
      expiresAt: record.expiresAt,
    };
  }

  private async selfTest(
    record: LinkingUrlRecord,
    lineUserId: string,
    friend: boolean,
    retryUrl: string,
  ): Promise<CallbackResult> {
    const ja = this.options.settings.language === "ja";
    const details: string[] = [
      ja
        ? "✓ コールバックURLが登録され、LINEログインが完了しました。"
        : "✓ The callback URL is registered and LINE Login completed.",
    ];
    let ok = true;
    if (!friend) {
      ok = false;
      details.push(
        ja
          ? "✗ 友だち追加されていません。LINEログインチャネルの「リンクされたボット」にMessaging APIチャネルを設定し、友だち追加してください。"
          : "✗ Not a friend of the official account: set the LINE Login channel's “Linked bot” to the Messaging API channel and add it as a friend.",
      );
    } else if (this.options.messaging !== undefined) {
      try {
        await this.options.messaging.getProfile(lineUserId);
        details.push(
          ja ? "✓ 同じプロバイダーのチャネルです。" : "✓ Both channels are under the same provider.",
        );
      } catch (cause) {
        ok = false;
        details.push(
          HttpError.is(cause) && cause.status === 404
            ? ja
              ? "✗ Messaging APIチャネルがこのユーザーを認識しません。LINEログインチャネルとMessaging APIチャネルを同じプロバイダーに作成してください。"
              : "✗ The Messaging API channel does not know this user: create the LINE Login and Messaging API channels under the same provider."
            : `✗ ${describe(cause)}`,
        );
      }
    }
    await this.options.linking.markUsed(record.id, this.now());
    return {
      page: candidatePage(ok ? "self_test_passed" : "self_test_failed", this.options.settings.language, {
        details,
        ...(!ok && { retryUrl }),
      }),
      outcome: "self_test",
      lineUserId,
      friend,
    };
  }

  /** `https://line.me/R/ti/p/<basic id>`: opens the add-friend screen of the official account. */
  private async addFriendUrl(): Promise<string | undefined> {
    if (this.options.messaging === undefined) return undefined;
    try {
      const { basicId } = await this.options.messaging.getBotInfo();
      return `https://line.me/R/ti/p/${encodeURIComponent(basicId)}`;
    } catch (cause) {
      this.logger.warn("Could not read the bot's basic id for the add-friend link", {
        reason: describe(cause),
      });
      return undefined;
    }
  }

  private fail(kind: CandidatePageKind, retryUrl: string | undefined, reason: string): CallbackResult {
    this.logger.warn("LINE linking did not complete", { kind, reason });
    return {
      page: candidatePage(kind, this.options.settings.language, retryUrl === undefined ? {} : { retryUrl }),
      outcome:
        kind === "login_cancelled" || kind === "login_failed" || kind === "session_expired"
          ? "login_error"
          : "refused",
      reason,
    };
  }
}

function definedEntries(query: Record<string, string | undefined>): [string, string][] {
  return Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === "string");
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
