/**
 * `/account`: who is logged in, with which role, until when, and what that role may do here —
 * the answer to "why can't I close this hazard?" at 3 a.m.
 */
import { html } from '../html.js';
import { words } from '../i18n.js';
import { ROLE_WORDS } from '../layout.js';
import type { ConsolePage } from '../page.js';

const W = words({
  title: { zh: '我的账户', en: 'My account' },
  name: { zh: '名称', en: 'Name' },
  role: { zh: '角色', en: 'Role' },
  via: { zh: '认证方式', en: 'Signed in with' },
  session: { zh: '会话 Cookie', en: 'session cookie' },
  token: { zh: '访问令牌', en: 'access token' },
  sso: { zh: '单点登录', en: 'single sign-on' },
  until: { zh: '会话有效至', en: 'Session valid until' },
  may: { zh: '此角色可以', en: 'This role may' },
  read: { zh: '查看网络保护状态、检查结果、隐患、已接受风险和覆盖说明', en: 'read the protection state, findings, hazards, accepted risks and coverage' },
  audit: { zh: '查看审计日志并导出报告', en: 'read the audit log and take exports' },
  work: { zh: '处理隐患：确认、指派、制定计划、申请验证、评论', en: 'work hazards: acknowledge, assign, plan, request verification, comment' },
  admin: { zh: '管理令牌、已接受风险和设置', en: 'manage tokens, accepted risks and settings' },
  nothingElse: { zh: '不能修改任何内容（只读）', en: 'change nothing (read only)' },
});

export const accountPages: ConsolePage[] = [
  {
    path: '/account',
    access: 'read',
    render: (ctx) => {
      const via = ctx.principal.via === 'session' ? W.session : ctx.principal.via === 'token' ? W.token : W.sso;
      const may = [
        W.read,
        ...(ctx.can('audit') ? [W.audit] : []),
        ...(ctx.can('work') ? [W.work] : []),
        ...(ctx.can('admin') ? [W.admin] : []),
        ...(!ctx.can('work') && !ctx.can('admin') ? [W.nothingElse] : []),
      ];
      return {
        title: W.title,
        body: html`<section class="card"><dl class="facts">
<dt>${ctx.t(W.name)}</dt><dd>${ctx.principal.name}</dd>
<dt>${ctx.t(W.role)}</dt><dd>${ctx.t(ROLE_WORDS[ctx.principal.role])}</dd>
<dt>${ctx.t(W.via)}</dt><dd>${ctx.t(via)}</dd>
${ctx.sessionExpiresAt !== null ? html`<dt>${ctx.t(W.until)}</dt><dd>${ctx.time(ctx.sessionExpiresAt)}</dd>` : ''}
</dl>
<h2>${ctx.t(W.may)}</h2>
<ul>${may.map((m) => html`<li>${ctx.t(m)}</li>`)}</ul></section>`,
      };
    },
  },
];
