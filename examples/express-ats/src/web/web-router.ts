import express, { type Request, type Response, Router } from "express";
import { html } from "./html";
import { layout, type Notice, STYLESHEET } from "./layout";
import { LoginThrottle } from "./login-throttle";
import { type Lang, type PageContext, pageContext } from "./page-context";
import { csrfMatches, newToken, SESSION_TTL_MS, type Session, SessionStore } from "./sessions";
import { authenticate } from "./users";
import type { PageRequest, UploadedFile, WebDeps } from "./web-deps";

/** What a page handler returns: HTML (with its title), a redirect, or a download. */
export type PageResult =
  | { title: string; body: ReturnType<typeof html>; notice?: Notice; status?: number }
  | { redirect: string; notice?: Notice }
  | { download: { bytes: Uint8Array; contentType: string; fileName: string } };

/** A page handler. */
export type PageHandler = (req: PageRequest) => Promise<PageResult>;

/** Registers signed-in routes. */
export interface PageRoutes {
  get(path: string, handler: PageHandler): void;
  post(path: string, handler: PageHandler): void;
}

const SESSION_COOKIE = "ats_session";
const LOGIN_CSRF_COOKIE = "ats_login_csrf";
const LANG_COOKIE = "ats_lang";
const NOTICE_COOKIE = "ats_notice";

/**
 * The recruiter's pages under `/app`: server-rendered HTML behind a login. The tenant of every
 * page is the signed-in user's company (from the server-side session), so no URL can reach
 * another company's data; every POST carries the session's CSRF token.
 */
export function createWebRouter(deps: WebDeps, register: ((routes: PageRoutes) => void)[]): Router {
  const sessions = new SessionStore(deps.db);
  const throttle = new LoginThrottle(deps.db);
  const secure = deps.publicBaseUrl.startsWith("https://");
  const cookieOptions = { httpOnly: true, sameSite: "lax" as const, secure, path: "/app" };
  const app = Router();

  app.use((_req, res, next) => {
    res.setHeader(
      "content-security-policy",
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    res.setHeader("x-frame-options", "DENY");
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("referrer-policy", "same-origin");
    res.setHeader("cache-control", "no-store");
    next();
  });
  app.get("/static/app.css", (_req, res) => {
    res.setHeader("cache-control", "public, max-age=3600");
    res.type("text/css").send(STYLESHEET);
  });
  app.get("/lang", (req, res) => {
    const to: Lang = req.query["to"] === "en" ? "en" : "ja";
    res.cookie(LANG_COOKIE, to, { ...cookieOptions, maxAge: 365 * 86_400_000 });
    res.redirect(303, safeBack(req.query["back"]));
  });
  app.use(express.urlencoded({ extended: false, limit: "200kb" }));
  app.use(multipart);

  app.get("/login", (req, res) => {
    const token = newToken();
    res.cookie(LOGIN_CSRF_COOKIE, token, cookieOptions);
    sendLogin(
      res,
      contextOf(req, undefined),
      token,
      typeof req.query["next"] === "string" ? req.query["next"] : "",
    );
  });
  app.post("/login", async (req, res, next) => {
    try {
      const form = req.body as Record<string, unknown>;
      const ctx = contextOf(req, undefined);
      if (!csrfMatches(cookies(req)[LOGIN_CSRF_COOKIE] ?? "", form["_csrf"])) {
        res.status(403);
        sendLogin(res, ctx, loginToken(res), "", {
          kind: "error",
          text: ctx.t(
            "フォームの有効期限が切れました。もう一度お試しください。",
            "The form expired. Please try again.",
          ),
        });
        return;
      }
      const tenantId = str(form["tenant"]);
      const email = str(form["email"]);
      if (await throttle.locked(tenantId, email)) {
        res.status(429);
        sendLogin(res, ctx, loginToken(res), str(form["next"]), {
          kind: "error",
          text: ctx.t(
            "ログインの失敗が続いたため、しばらくログインできません。15分後にもう一度お試しください。",
            "Too many failed logins: this login is locked for a while. Try again in 15 minutes.",
          ),
        });
        return;
      }
      const user = await authenticate(deps.db, tenantId, email, str(form["password"]));
      if (user === undefined) {
        await throttle.failed(tenantId, email);
        res.status(401);
        sendLogin(res, ctx, loginToken(res), str(form["next"]), {
          kind: "error",
          text: ctx.t(
            "会社ID、メールアドレスまたはパスワードが違います。",
            "The company id, e-mail or password is wrong.",
          ),
        });
        return;
      }
      await throttle.succeeded(tenantId, email);
      const { cookie } = await sessions.create(user);
      res.clearCookie(LOGIN_CSRF_COOKIE, cookieOptions);
      res.cookie(SESSION_COOKIE, cookie, { ...cookieOptions, maxAge: SESSION_TTL_MS });
      res.redirect(303, safeBack(form["next"]));
    } catch (error) {
      next(error);
    }
  });

  // Everything below needs a session.
  app.use(async (req, res, next) => {
    try {
      const session = await sessions.find(cookies(req)[SESSION_COOKIE]);
      if (session === undefined) {
        if (req.method === "GET") res.redirect(303, `/app/login?next=${encodeURIComponent(req.originalUrl)}`);
        else res.status(401).type("text/plain").send("Sign in first");
        return;
      }
      if (
        req.method === "POST" &&
        !csrfMatches(session.csrfToken, (req.body as Record<string, unknown>)?.["_csrf"])
      ) {
        const ctx = contextOf(req, session);
        sendMessagePage(
          res,
          403,
          ctx,
          ctx.t("操作を受け付けられません", "Request refused"),
          ctx.t(
            "フォームの確認トークンが一致しません。ページを開き直してからもう一度お試しください。",
            "The form's security token does not match. Reload the page and try again.",
          ),
        );
        return;
      }
      res.locals["session"] = session;
      next();
    } catch (error) {
      next(error);
    }
  });
  app.post("/logout", async (req, res, next) => {
    try {
      await sessions.destroy(cookies(req)[SESSION_COOKIE]!);
      res.clearCookie(SESSION_COOKIE, cookieOptions);
      res.redirect(303, "/app/login");
    } catch (error) {
      next(error);
    }
  });

  const handle =
    (handler: PageHandler) => async (req: Request, res: Response, next: express.NextFunction) => {
      try {
        const session = res.locals["session"] as Session;
        const ctx = contextOf(req, session);
        const tenant = await deps.registry.get(session.user.tenantId);
        const address = req.socket.address() as { address?: string; port?: number };
        const host = address.address?.includes(":") ? `[${address.address}]` : address.address;
        const result = await handler({
          ctx,
          tenant,
          params: req.params as Record<string, string>,
          query: stringRecord(req.query),
          form: stringRecord(req.body),
          files: (req as Request & { files?: Record<string, UploadedFile> }).files ?? {},
          selfUrl: `http://${host}:${address.port}`,
        });
        if ("redirect" in result) {
          if (result.notice)
            res.cookie(NOTICE_COOKIE, JSON.stringify(result.notice), { ...cookieOptions, maxAge: 60_000 });
          res.redirect(303, result.redirect);
        } else if ("download" in result) {
          res.setHeader("content-type", result.download.contentType);
          res.setHeader(
            "content-disposition",
            `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(result.download.fileName)}`,
          );
          res.send(Buffer.from(result.download.bytes));
        } else {
          const flash = readNotice(req, res);
          res
            .status(result.status ?? 200)
            .type("html")
            .send(layout(ctx, result.title, result.body, result.notice ?? flash));
        }
      } catch (error) {
        next(error);
      }
    };
  const routes: PageRoutes = {
    get: (path, handler) => app.get(path, handle(handler)),
    post: (path, handler) => app.post(path, handle(handler)),
  };
  for (const add of register) add(routes);
  // A failure inside a page is shown as a page (the app's JSON answer is for the providers' webhooks).
  app.use(((error, req, res, next) => {
    if (res.headersSent) return next(error);
    deps.logger.error("page failed", { method: req.method, path: req.path, error });
    const ctx = contextOf(req, res.locals["session"] as Session | undefined);
    sendMessagePage(
      res,
      500,
      ctx,
      ctx.t("エラーが発生しました", "Something went wrong"),
      ctx.t(
        "処理中にエラーが発生しました。時間をおいてもう一度お試しください。",
        "The request failed. Please try again in a moment.",
      ),
    );
  }) as express.ErrorRequestHandler);

  const readNotice = (req: Request, res: Response): Notice | undefined => {
    const raw = cookies(req)[NOTICE_COOKIE];
    if (raw === undefined) return undefined;
    res.clearCookie(NOTICE_COOKIE, cookieOptions);
    try {
      const parsed = JSON.parse(raw) as Notice;
      return { kind: parsed.kind === "error" ? "error" : "ok", text: String(parsed.text) };
    } catch {
      return undefined;
    }
  };
  const loginToken = (res: Response) => {
    const token = newToken();
    res.cookie(LOGIN_CSRF_COOKIE, token, cookieOptions);
    return token;
  };

  const root = Router();
  root.get("/", (_req, res) => res.redirect(303, "/app"));
  root.use("/app", app);
  return root;
}

/** A page that only says something (a refused form, an error), with the status to send it with. */
function sendMessagePage(res: Response, status: number, ctx: PageContext, title: string, message: string) {
  res
    .status(status)
    .type("html")
    .send(layout(ctx, title, html`<p>${message}</p>`));
}

function sendLogin(res: Response, ctx: PageContext, token: string, next: string, notice?: Notice) {
  const { t } = ctx;
  res.type("html").send(
    layout(
      ctx,
      t("ログイン", "Log in"),
      html`<form method="post" action="/app/login">
        <input type="hidden" name="_csrf" value="${token}">
        <input type="hidden" name="next" value="${next}">
        <label for="tenant">${t("会社ID", "Company id")}</label>
        <input type="text" id="tenant" name="tenant" required autocomplete="organization">
        <label for="email">${t("メールアドレス", "E-mail")}</label>
        <input type="email" id="email" name="email" required autocomplete="username">
        <label for="password">${t("パスワード", "Password")}</label>
        <input type="password" id="password" name="password" required autocomplete="current-password">
        <p><button type="submit">${t("ログイン", "Log in")}</button></p>
      </form>`,
      notice,
    ),
  );
}

function contextOf(req: Request, session: Session | undefined): PageContext {
  const lang: Lang = cookies(req)[LANG_COOKIE] === "en" ? "en" : "ja";
  return pageContext(lang, req.originalUrl, session);
}

/** Only local paths under /app: an open redirect would let a link send a recruiter anywhere. */
function safeBack(value: unknown): string {
  return typeof value === "string" && /^\/app(\/|\?|$)/.test(value) && !value.includes("//") ? value : "/app";
}

function cookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const key = part.slice(0, index).trim();
    try {
      out[key] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // A malformed cookie is ignored.
    }
  }
  return out;
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== "object" || value === null) return out;
  for (const [key, entry] of Object.entries(value)) if (typeof entry === "string") out[key] = entry;
  return out;
}

/** Multipart forms (file uploads), parsed with the platform's own `Request.formData()`. */
const rawMultipart = express.raw({ type: "multipart/form-data", limit: "2mb" });
function multipart(req: Request, res: Response, next: express.NextFunction) {
  if (!req.is("multipart/form-data")) return next();
  rawMultipart(req, res, async (error?: unknown) => {
    if (error) return next(error);
    try {
      const request = new globalThis.Request("http://local/", {
        method: "POST",
        headers: { "content-type": req.headers["content-type"]! },
        body: new Uint8Array(req.body as Buffer),
      });
      const form = await request.formData();
      const fields: Record<string, string> = {};
      const files: Record<string, UploadedFile> = {};
      for (const [key, value] of form) {
        if (typeof value === "string") fields[key] = value;
        else files[key] = { fileName: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
      }
      req.body = fields;
      (req as Request & { files?: Record<string, UploadedFile> }).files = files;
      next();
    } catch (cause) {
      next(cause);
    }
  });
}
