/**
 * The frame around every page: the document head (the console's own stylesheet and script, no
 * inline script or style: the Content-Security-Policy forbids both), a skip link, the navigation
 * the principal's role may use, the language switch, who is logged in with a logout button, and
 * a footer naming the operator's zone and the notice.
 */
import { href, html, join, type SafeHtml } from './html.js';
import { say, words, type Lang, type Word } from './i18n.js';
import type { ConsoleContext, PageOut } from './page.js';

/** One entry of the top navigation. */
export interface NavItem {
  readonly path: string;
  readonly label: Word;
}

export const FRAME_WORDS = words({
  product: { zh: 'redline 冗余保护监测', en: 'redline protection monitor' },
  skip: { zh: '跳到正文', en: 'Skip to content' },
  nav: { zh: '主导航', en: 'Main navigation' },
  switchTo: { zh: 'English', en: '中文' },
  switchLabel: { zh: 'Switch to English', en: '切换到中文' },
  logout: { zh: '退出', en: 'Log out' },
  authOff: { zh: '未启用身份认证（任何人可操作）', en: 'authentication is off (anyone may act)' },
  zone: { zh: '时间均为', en: 'Times are in' },
  zoneTail: { zh: '时区', en: '' },
  notice: { zh: '依据：工信厅通信函〔2023〕46号 二、（三）', en: 'Basis: MIIT Notice No. 46 [2023], section 2(3)' },
  role: { zh: '角色', en: 'role' },
});

/** The role names as people read them. */
export const ROLE_WORDS = words({
  viewer: { zh: '查看员', en: 'viewer' },
  operator: { zh: '运维员', en: 'operator' },
  inspector: { zh: '检查员', en: 'inspector' },
  admin: { zh: '管理员', en: 'administrator' },
});

/** The hidden CSRF field every form of the console carries. */
export function csrfField(ctx: ConsoleContext): SafeHtml {
  return ctx.csrfToken === null ? html`` : html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">`;
}

function htmlLang(lang: Lang): string {
  return lang === 'en' ? 'en' : 'zh-CN';
}

/** The language switch: a link to `/lang/<other>` coming back here. */
function langSwitch(ctx: ConsoleContext): SafeHtml {
  const other: Lang = ctx.lang === 'en' ? 'zh-CN' : 'en';
  return html`<a class="lang" href="${href(['lang', other], { next: ctx.here })}" hreflang="${htmlLang(other)}" lang="${htmlLang(other)}" title="${ctx.t(FRAME_WORDS.switchLabel)}">${ctx.t(FRAME_WORDS.switchTo)}</a>`;
}

function who(ctx: ConsoleContext): SafeHtml {
  if (!ctx.authEnabled) return html`<span class="who warn">${ctx.t(FRAME_WORDS.authOff)}</span>`;
  const role = ROLE_WORDS[ctx.principal.role];
  const logout = ctx.principal.via === 'session'
    ? html`<form class="inline" method="post" action="/logout">${csrfField(ctx)}<button type="submit">${ctx.t(FRAME_WORDS.logout)}</button></form>`
    : html``;
  return html`<a class="who" href="/account">${ctx.principal.name} · ${ctx.t(FRAME_WORDS.role)} ${say(ctx.lang, role)}</a>${logout}`;
}

/** The whole document for a page (`nav`: the entries this principal may see, in order). */
export function frame(ctx: ConsoleContext, out: PageOut, nav: readonly NavItem[]): string {
  const title = typeof out.title === 'string' ? out.title : ctx.t(out.title);
  const current = ctx.req.path;
  const links = nav.map((n) => {
    const active = n.path === '/' ? current === '/' : current === n.path || current.startsWith(`${n.path}/`);
    return html`<li><a href="${n.path}"${active ? html` aria-current="page"` : ''}>${ctx.t(n.label)}</a></li>`;
  });
  const scripts = ['console.js', ...(out.scripts ?? [])].map((s) => html`<script src="${href(['assets', s])}" defer></script>`);
  const refresh = out.refreshSeconds !== undefined ? html`<meta http-equiv="refresh" content="${out.refreshSeconds}">` : '';
  const zoneLine = `${ctx.t(FRAME_WORDS.zone)} ${ctx.zone} ${ctx.t(FRAME_WORDS.zoneTail)}`.trim();
  return '<!doctype html>\n' + html`<html lang="${htmlLang(ctx.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refresh}
<title>${title} · redline</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/console.css">
${join(scripts)}
</head>
<body>
<a class="skip" href="#main">${ctx.t(FRAME_WORDS.skip)}</a>
<header class="top">
<a class="brand" href="/">${ctx.t(FRAME_WORDS.product)}</a>
<nav aria-label="${ctx.t(FRAME_WORDS.nav)}"><ul>${join(links)}</ul></nav>
<div class="session">${langSwitch(ctx)} ${who(ctx)}</div>
</header>
<main id="main" tabindex="-1">
<h1>${title}</h1>
${out.body}
</main>
<footer><p>${zoneLine} · ${ctx.t(FRAME_WORDS.notice)}</p></footer>
</body>
</html>
`.toString();
}

/** A page without the navigation (login, errors before a principal is known). */
export function bareFrame(lang: Lang, title: string, body: SafeHtml, here: string): string {
  const other: Lang = lang === 'en' ? 'zh-CN' : 'en';
  const t = (w: Word): string => say(lang, w);
  return '<!doctype html>\n' + html`<html lang="${htmlLang(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · redline</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/console.css">
<script src="/assets/console.js" defer></script>
</head>
<body class="bare">
<header class="top"><span class="brand">${t(FRAME_WORDS.product)}</span>
<div class="session"><a class="lang" href="${href(['lang', other], { next: here })}" lang="${htmlLang(other)}">${t(FRAME_WORDS.switchTo)}</a></div></header>
<main id="main" tabindex="-1">
<h1>${title}</h1>
${body}
</main>
<footer><p>${t(FRAME_WORDS.notice)}</p></footer>
</body>
</html>
`.toString();
}
