/**
 * The web console, served by redline itself beside the API: server-rendered pages (no client
 * framework, no build step; a page works without script and `/assets/console.js` only adds
 * comfort), behind the ledger's login (a token exchanged for the session cookie), in zh-CN by
 * default and English by a switch that sticks.
 *
 * Every console answer carries a strict Content-Security-Policy: scripts and styles only from this
 * server's `/assets/`, no inline script, no inline style, forms only to this server, no framing.
 * Forms post to actions with the session's CSRF token as a field; an action answers 303 to a page
 * (post/redirect/get). Role checks are the API's (`RouteAccess`), made again on every action
 * whatever the page showed.
 */
import { randomUUID } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { formatTime } from '../analysis/rules/words.js';
import { clientAddress, type ApiAuth } from '../auth/middleware.js';
import { resolvePrincipal } from '../auth/principals.js';
import { csrfProblem, openSession, originProblem, sessionCookie } from '../auth/sessions.js';
import type { SessionRecord } from '../auth/token-store.js';
import { allows, ACCESS_ROLES, type Principal, type RouteAccess } from '../auth/types.js';
import { errorMessage } from '../common/errors.js';
import { loadAssets } from './assets.js';
import { html, localPath, type SafeHtml } from './html.js';
import { isLang, langCookie, langOf, say, words, type Lang } from './i18n.js';
import { bareFrame, frame, ROLE_WORDS, type NavItem } from './layout.js';
import { ConsoleError, type ConsoleAction, type ConsoleContext, type ConsoleDeps, type ConsolePage } from './page.js';

/** The Content-Security-Policy of every console answer. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** The default operator zone. */
const DEFAULT_ZONE = 'Asia/Shanghai';

export const LOGIN_WORDS = words({
  title: { zh: '登录', en: 'Log in' },
  token: { zh: '访问令牌', en: 'Access token' },
  tokenHelp: { zh: '管理员用 redline token create 签发的令牌；登录后以会话 Cookie 保持，令牌本身不保存在浏览器。', en: 'A token an administrator issued with redline token create; the login is kept as a session cookie, the token itself is not stored in the browser.' },
  submit: { zh: '登录', en: 'Log in' },
  refused: { zh: '登录被拒绝：令牌无效、已过期或已吊销。', en: 'Login refused: the token is unknown, expired or revoked.' },
  tooMany: { zh: '此地址认证失败次数过多，请稍后再试。', en: 'Too many failed authentications from this address; try again later.' },
  expired: { zh: '会话已过期，请重新登录。', en: 'Your session has ended; log in again.' },
  loggedOut: { zh: '已退出。', en: 'You have logged out.' },
  origin: { zh: '请求来源不是本服务器，已拒绝。', en: 'The request did not come from this server and was refused.' },
});

export const ERROR_WORDS = words({
  forbidden: { zh: '无权访问', en: 'Not allowed' },
  forbiddenText: { zh: '此页面或操作需要以下角色之一：', en: 'This page or action needs one of the roles:' },
  yourRole: { zh: '当前角色：', en: 'Your role:' },
  notFound: { zh: '页面不存在', en: 'Page not found' },
  failed: { zh: '出错了', en: 'Something went wrong' },
  failedText: { zh: '服务器处理请求时出错。请求编号：', en: 'The server failed to answer. Request id:' },
  csrf: { zh: '表单已失效', en: 'The form has expired' },
  back: { zh: '返回', en: 'Back' },
  home: { zh: '总览', en: 'Overview' },
});

/** What the console is made of: its pages and form actions (src/console/pages/index.ts). */
export interface ConsoleParts {
  readonly pages: readonly ConsolePage[];
  readonly actions: readonly ConsoleAction[];
}

/** The principal of a console request with authentication off (the API lets anyone do anything then too). */
const NO_AUTH_PRINCIPAL: Principal = { name: 'anonymous', role: 'admin', via: 'token' };

type Who =
  | { readonly kind: 'principal'; readonly principal: Principal; readonly session: SessionRecord | null }
  | { readonly kind: 'login'; readonly expired: boolean }
  | { readonly kind: 'blocked'; readonly waitMs: number };

/** Who is asking: the API's resolvers (bearer token, session cookie, single sign-on) in order. */
async function whoIs(req: Request, auth: ApiAuth): Promise<Who> {
  if (!auth.settings().enabled) return { kind: 'principal', principal: NO_AUTH_PRINCIPAL, session: null };
  const address = clientAddress(req.socket.remoteAddress);
  const wait = auth.limiter.blockedFor(address, auth.now());
  if (wait > 0) return { kind: 'blocked', waitMs: wait };
  const r = await resolvePrincipal(auth.resolvers, { headers: req.headers, remoteAddress: address });
  if (r.kind === 'principal') return { kind: 'principal', principal: r.principal, session: r.session ?? null };
  if (r.kind === 'invalid') {
    auth.limiter.fail(address, auth.now());
    return { kind: 'login', expired: true };
  }
  return { kind: 'login', expired: false };
}

/**
 * The console's headers over the API's: its CSP, and `Referrer-Policy: same-origin` instead of
 * `no-referrer` (under no-referrer a browser posts forms with `Origin: null`, which the CSRF check
 * must refuse; same-origin still sends nothing to other sites).
 */
function consoleHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('Referrer-Policy', 'same-origin');
}

function send(res: Response, status: number, body: string): void {
  consoleHeaders(res);
  res.status(status).setHeader('Content-Type', 'text/html; charset=utf-8');
  res.send(body);
}

function redirect(res: Response, to: string): void {
  consoleHeaders(res);
  res.redirect(303, to);
}

/** The path and query this request asked for. */
function hereOf(req: Request): string {
  return localPath(req.originalUrl);
}

/** A form body (application/x-www-form-urlencoded), read as bytes by the API's body limits. */
function formOf(req: Request): URLSearchParams {
  const body: unknown = req.body;
  if (Buffer.isBuffer(body)) return new URLSearchParams(body.toString('utf8'));
  return new URLSearchParams();
}

function loginPage(lang: Lang, here: string, next: string, notice: SafeHtml | null, status = 200): [number, string] {
  const t = (w: { zh: string; en: string }): string => say(lang, w);
  const body = html`${notice ?? ''}
<form class="login" method="post" action="/login">
<input type="hidden" name="next" value="${next}">
<label for="token">${t(LOGIN_WORDS.token)}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<p class="help">${t(LOGIN_WORDS.tokenHelp)}</p>
<button type="submit">${t(LOGIN_WORDS.submit)}</button>
</form>`;
  return [status, bareFrame(lang, t(LOGIN_WORDS.title), body, here)];
}

function notice(kind: 'error' | 'info', text: string): SafeHtml {
  return html`<p class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${text}</p>`;
}

/** Builds the console's router (mounted by the API app after the API routes). */
export function consoleRouter(deps: ConsoleDeps, auth: ApiAuth, parts: ConsoleParts): Router {
  const router = express.Router({ caseSensitive: true, strict: false });
  const assets = loadAssets();
  const zone = (): string => deps.timeZone?.() ?? DEFAULT_ZONE;
  const now = (): number => deps.now?.() ?? Date.now();
  const nav = [...parts.pages].filter((p) => p.nav !== undefined).sort((a, b) => a.nav!.order - b.nav!.order);

  const contextOf = (req: Request, res: Response, principal: Principal, session: SessionRecord | null): ConsoleContext => {
    const lang = langOf(req.headers);
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.query)) {
      const last = Array.isArray(v) ? v.at(-1) : v;
      if (typeof last === 'string') query[k] = last;
    }
    const z = zone();
    return {
      req, res, deps, lang, principal,
      t: (w) => say(lang, w),
      authEnabled: auth.settings().enabled,
      csrfToken: session?.csrfToken ?? null,
      sessionExpiresAt: session?.expiresAt ?? null,
      zone: z,
      now: now(),
      here: hereOf(req),
      params: { ...(req.params as Record<string, string>) },
      query,
      queryAll: (key) => {
        const v = req.query[key];
        return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
      },
      time: (at) => (at === null || at === undefined ? '—' : say(lang, formatTime(at, z))),
      can: (access) => allows(access, principal.role),
    };
  };

  const navFor = (principal: Principal): NavItem[] => nav.filter((p) => allows(p.access, principal.role)).map((p) => ({ path: p.path, label: p.nav!.label }));

  const errorPage = (ctx: ConsoleContext, status: number, title: string, body: SafeHtml): void => {
    send(ctx.res, status, frame(ctx, { title, body }, navFor(ctx.principal)));
  };

  const forbidden = (ctx: ConsoleContext, access: RouteAccess): void => {
    const roles = ACCESS_ROLES[access].map((r) => ctx.t(ROLE_WORDS[r])).join(ctx.lang === 'en' ? ', ' : '、');
    errorPage(ctx, 403, ctx.t(ERROR_WORDS.forbidden), html`<p>${ctx.t(ERROR_WORDS.forbiddenText)} ${roles}. ${ctx.t(ERROR_WORDS.yourRole)} ${ctx.t(ROLE_WORDS[ctx.principal.role])}.</p><p><a href="/">${ctx.t(ERROR_WORDS.home)}</a></p>`);
  };

  const failed = (ctx: ConsoleContext, err: unknown): void => {
    if (err instanceof ConsoleError) {
      const link = err.link !== undefined ? html`<a href="${err.link.href}">${ctx.t(err.link.label)}</a> · ` : '';
      errorPage(ctx, err.status, ctx.t(err.status === 404 ? ERROR_WORDS.notFound : ERROR_WORDS.failed), html`${notice('error', ctx.t(err.words))}<p>${link}<a href="/">${ctx.t(ERROR_WORDS.home)}</a></p>`);
      return;
    }
    const id = typeof ctx.res.locals['requestId'] === 'string' ? ctx.res.locals['requestId'] : randomUUID();
    deps.logger?.error({ requestId: id, path: ctx.req.path, err: errorMessage(err) }, 'console page failed');
    errorPage(ctx, 500, ctx.t(ERROR_WORDS.failed), html`<p>${ctx.t(ERROR_WORDS.failedText)} <code>${id}</code></p>`);
  };

  /** Resolves the caller; answers the login redirect or 429 itself and returns null then. */
  const guard = async (req: Request, res: Response): Promise<{ principal: Principal; session: SessionRecord | null } | null> => {
    const who = await whoIs(req, auth);
    if (who.kind === 'principal') return who;
    if (who.kind === 'blocked') {
      res.setHeader('Retry-After', String(Math.ceil(who.waitMs / 1000)));
      const lang = langOf(req.headers);
      const [, body] = loginPage(lang, hereOf(req), '/', notice('error', say(lang, LOGIN_WORDS.tooMany)));
      send(res, 429, body);
      return null;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      redirect(res, `/login?next=${encodeURIComponent(hereOf(req))}${who.expired ? '&expired=1' : ''}`);
      return null;
    }
    redirect(res, `/login${who.expired ? '?expired=1' : ''}`);
    return null;
  };

  // --- the console's own files
  router.get('/assets/:name', (req, res) => {
    const a = assets.get(req.params['name']);
    if (a === undefined) {
      res.status(404).setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.send('no such asset');
      return;
    }
    res.setHeader('Content-Type', a.type);
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.send(a.body);
  });

  // --- language: a preference, not a secret; comes back to where it was asked
  router.get('/lang/:lang', (req, res) => {
    const lang = req.params['lang'];
    if (isLang(lang)) res.setHeader('Set-Cookie', langCookie(lang, auth.settings().secureCookies));
    redirect(res, localPath(req.query['next']));
  });

  // --- login and logout
  router.get('/login', (req, res) => {
    const lang = langOf(req.headers);
    const n = req.query['expired'] === '1' ? notice('info', say(lang, LOGIN_WORDS.expired)) : req.query['out'] === '1' ? notice('info', say(lang, LOGIN_WORDS.loggedOut)) : null;
    const [status, body] = loginPage(lang, hereOf(req), localPath(req.query['next']), n);
    send(res, status, body);
  });
  router.post('/login', (req, res, next) => {
    (async () => {
      const lang = langOf(req.headers);
      const form = formOf(req);
      const target = localPath(form.get('next'));
      const address = clientAddress(req.socket.remoteAddress);
      const settings = auth.settings();
      const refuse = (status: number, text: string): void => {
        const [, body] = loginPage(lang, hereOf(req), target, notice('error', text), status);
        send(res, status, body);
      };
      if (!settings.enabled) { redirect(res, target); return; }
      const wait = auth.limiter.blockedFor(address, auth.now());
      if (wait > 0) {
        res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
        refuse(429, say(lang, LOGIN_WORDS.tooMany));
        return;
      }
      // a cross-site page must not log a browser in under its own token (login CSRF)
      if (originProblem(req.headers, settings.secureCookies) !== null) { refuse(403, say(lang, LOGIN_WORDS.origin)); return; }
      const opened = await openSession(auth.authenticator, auth.store, form.get('token') ?? '', auth.now(), settings.sessionHours);
      if ('reason' in opened) {
        auth.limiter.fail(address, auth.now());
        refuse(401, say(lang, LOGIN_WORDS.refused));
        return;
      }
      res.setHeader('Set-Cookie', sessionCookie(opened.cookieValue, { secure: settings.secureCookies, maxAgeSeconds: (opened.expiresAt - auth.now()) / 1000 }));
      redirect(res, target);
    })().catch(next);
  });
  router.post('/logout', (req, res, next) => {
    (async () => {
      const who = await whoIs(req, auth);
      if (who.kind === 'principal' && who.session !== null) {
        const problem = csrfProblem('POST', req.headers, who.session, auth.settings().secureCookies, { csrf: formOf(req).get('_csrf') });
        if (problem === null) await auth.store.deleteSession(who.session.hash);
        else { redirect(res, '/'); return; }
      }
      res.setHeader('Set-Cookie', sessionCookie(null, { secure: auth.settings().secureCookies }));
      redirect(res, '/login?out=1');
    })().catch(next);
  });

  // --- pages
  for (const page of parts.pages) {
    const handler: RequestHandler = (req, res, next) => {
      (async () => {
        const who = await guard(req, res);
        if (who === null) return;
        const ctx = contextOf(req, res, who.principal, who.session);
        if (!allows(page.access, who.principal.role)) { forbidden(ctx, page.access); return; }
        try {
          const out = await page.render(ctx);
          send(res, out.status ?? 200, frame(ctx, out, navFor(who.principal)));
        } catch (err) {
          failed(ctx, err);
        }
      })().catch(next);
    };
    router.get(page.path, handler);
  }

  // --- form actions
  for (const action of parts.actions) {
    router.post(action.path, (req, res, next) => {
      (async () => {
        const who = await guard(req, res);
        if (who === null) return;
        const ctx = contextOf(req, res, who.principal, who.session);
        const form = formOf(req);
        if (who.session !== null) {
          const problem = csrfProblem('POST', req.headers, who.session, auth.settings().secureCookies, { csrf: form.get('_csrf') });
          if (problem !== null) {
            errorPage(ctx, 403, ctx.t(ERROR_WORDS.csrf), html`${notice('error', problem)}<p><a href="/">${ctx.t(ERROR_WORDS.home)}</a></p>`);
            return;
          }
        }
        if (!allows(action.access, who.principal.role)) { forbidden(ctx, action.access); return; }
        try {
          const out = await action.handle(ctx, form);
          if ('page' in out) send(res, out.page.status ?? 422, frame(ctx, out.page, navFor(who.principal)));
          else redirect(res, localPath(out.redirect));
        } catch (err) {
          failed(ctx, err);
        }
      })().catch(next);
    });
  }
  return router;
}
