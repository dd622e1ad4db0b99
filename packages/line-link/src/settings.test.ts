import { ValidationError } from "@org/ats-core";
import { describe, expect, it } from "vitest";
import { lineUrls, parseLineLinkSettings, safeParseLineLinkSettings } from "./index";
import { SEED_SETTINGS } from "./testing/fixtures";

describe("settings", () => {
  it("accepts the seed's values and applies defaults", () => {
    const settings = parseLineLinkSettings(SEED_SETTINGS);
    expect(settings.lineEmoji).toBe("drop");
    expect(settings.language).toBe("ja");
    expect(settings.linkingUrlTtlSeconds).toBe(7 * 24 * 3600);
  });

  it("names a value copied with a stray blank (seed: 空白等不要な文字を含んで…連携がうまくできません)", () => {
    const result = safeParseLineLinkSettings({
      ...SEED_SETTINGS,
      login: { ...SEED_SETTINGS.login, channelSecret: `${SEED_SETTINGS.login.channelSecret} ` },
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(ValidationError.is(result.error)).toBe(true);
    const issue = result.error.issues.find((i) => i.path.join(".") === "login.channelSecret");
    expect(issue?.message).toMatch(/space or line break.*Copy the value again/);
  });

  it("reports every wrong field at once, with its path and the fix", () => {
    const result = safeParseLineLinkSettings({
      ...SEED_SETTINGS,
      publicBaseUrl: "http://ats.example.com",
      messaging: { channelId: "16546895", channelSecret: "xyz", channelAccessToken: "" },
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    const paths = result.error.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(
      expect.arrayContaining([
        "publicBaseUrl",
        "messaging.channelId",
        "messaging.channelSecret",
        "messaging.channelAccessToken",
      ]),
    );
    expect(result.error.message).toContain("10-digit channel ID");
  });

  it("refuses the Messaging channel id entered as the Login channel id", () => {
    const result = safeParseLineLinkSettings({
      ...SEED_SETTINGS,
      login: { ...SEED_SETTINGS.login, channelId: SEED_SETTINGS.messaging.channelId },
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]?.path).toEqual(["login", "channelId"]);
  });
});

describe("URLs to paste into LINE Developers", () => {
  it("are per tenant and hold no secret", () => {
    const settings = parseLineLinkSettings({
      ...SEED_SETTINGS,
      publicBaseUrl: "https://ats.example.com/app/",
    });
    const urls = lineUrls(settings);
    expect(urls.webhookUrl).toBe("https://ats.example.com/app/line/acme/webhook");
    expect(urls.loginCallbackUrl).toBe("https://ats.example.com/app/line/acme/login/callback");
    const all = JSON.stringify(urls);
    for (const secret of [
      settings.messaging.channelSecret,
      settings.messaging.channelAccessToken,
      settings.login.channelSecret,
      settings.linkingSecret,
    ])
      expect(all).not.toContain(secret);
    expect(lineUrls({ ...settings, tenantId: "beta" }).webhookUrl).toBe(
      "https://ats.example.com/app/line/beta/webhook",
    );
  });
});
