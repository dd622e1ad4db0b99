import { createHmacKey, type HmacKey } from "@org/ats-core";
import { base64UrlToBytes, bytesToBase64Url } from "./base64url";

/** Why a linking token was refused. */
export type LinkingTokenFailure = "malformed" | "bad_signature" | "expired";

/**
 * Signs and checks linking tokens: `<id>.<expiry in epoch seconds>.<HMAC-SHA256>` with the
 * tenant's `linkingSecret` over the tenant id, id and expiry. The id is 128 random bits and
 * everything else (candidate, application) stays server-side, so a token cannot be edited to
 * point at someone else, guessed, or moved to another tenant.
 */
export class LinkingTokenSigner {
  private constructor(
    private readonly key: HmacKey,
    private readonly tenantId: string,
  ) {}

  /** Builds the signer of a tenant. */
  static async create(tenantId: string, linkingSecret: string): Promise<LinkingTokenSigner> {
    return new LinkingTokenSigner(await createHmacKey("SHA-256", linkingSecret, "linkingSecret"), tenantId);
  }

  /** The token for a stored linking URL. */
  async sign(id: string, expiresAt: Date): Promise<string> {
    const exp = Math.floor(expiresAt.getTime() / 1000);
    return `${id}.${exp}.${bytesToBase64Url(await this.key.sign(this.message(id, exp)))}`;
  }

  /** Checks format, signature (constant time) and expiry; resolves the id. */
  async verify(
    token: string,
    now: Date,
  ): Promise<{ ok: true; id: string } | { ok: false; failure: LinkingTokenFailure }> {
    const match = /^([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (match === null) return { ok: false, failure: "malformed" };
    const [, id, expText, signatureText] = match as unknown as [string, string, string, string];
    const signature = base64UrlToBytes(signatureText);
    if (signature === undefined) return { ok: false, failure: "malformed" };
    const exp = Number(expText);
    if (!(await this.key.verify(this.message(id, exp), signature)))
      return { ok: false, failure: "bad_signature" };
    if (exp * 1000 <= now.getTime()) return { ok: false, failure: "expired" };
    return { ok: true, id };
  }

  private message(id: string, exp: number) {
    return `line-link/v1\n${this.tenantId}\n${id}\n${exp}`;
  }
}
