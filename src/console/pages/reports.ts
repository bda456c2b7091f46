/**
 * `/reports` (audit access): forms that download the signed redundancy audit (冗余保护审计报告),
 * the ledger export (隐患台账) and the half-year / annual safety summary (安全生产工作总结) from the API's own endpoints (`/api/v1/reports/<kind>`) with
 * the scope, time, language and format chosen, the signing key's id and fingerprint, and how an
 * inspector checks a download with `redline verify-report`. Plain GET forms: no script needed.
 */
import { REPORT_KINDS, type ReportKind } from '../../reports/index.js';
import { href, html } from '../html.js';
import { words } from '../i18n.js';
import { ConsoleError, type ConsolePage } from '../page.js';

const W = words({
  title: { zh: '报告与导出', en: 'Reports and exports' },
  nav: { zh: '报告', en: 'Reports' },
  off: { zh: '本实例未启用签名报告（需要隐患台账与签名密钥）。', en: 'Signed reports are not enabled on this instance (they need the ledger and its signing key).' },
  audit: { zh: '冗余保护审计报告与风险清单', en: 'Redundancy audit and risk list' },
  ledger: { zh: '隐患台账导出', en: 'Hazard ledger export' },
  summary: { zh: '上半年/全年安全生产工作总结', en: 'Half-year and annual safety summary' },
  period: { zh: '期间', en: 'Period' },
  periodHint: { zh: '2026-H1（上半年）、2026-H2（下半年）或 2026（全年）；留空为当前半年。到期的总结亦按计划自动生成（summaries 配置）。', en: '2026-H1 (first half), 2026-H2 (second half) or 2026 (the year); empty for the half year under way. Summaries are also made on schedule at their deadlines (the summaries settings).' },
  scope: { zh: '范围', en: 'Scope' },
  scopeHint: { zh: 'all，或 province=<省>、site=<站点>、class=<PC-…>，逗号分隔', en: 'all, or province=<name>, site=<id>, class=<PC-…>, comma-separated' },
  at: { zh: '时点（ISO 8601，留空为现在）', en: 'As of (ISO 8601, empty for now)' },
  atHint: { zh: '例如 2026-06-30T23:59:59+08:00', en: 'e.g. 2026-06-30T23:59:59+08:00' },
  lang: { zh: '语言', en: 'Language' },
  format: { zh: '格式', en: 'Format' },
  archive: { zh: '签名归档 .tar（HTML、CSV、XLSX、JSON 与签名）', en: 'signed archive .tar (HTML, CSV, XLSX, JSON and signature)' },
  download: { zh: '下载', en: 'Download' },
  key: { zh: '签名密钥', en: 'Signing key' },
  keyId: { zh: '密钥编号', en: 'Key id' },
  fingerprint: { zh: '指纹', en: 'Fingerprint' },
  verify: { zh: '核验方法：取得公钥（redline ledger-key），然后运行', en: 'To verify: obtain the public key (redline ledger-key), then run' },
  verifyTail: { zh: '只有签名归档带签名；单一格式的文件不签名。详见 docs/reports.md。', en: 'Only the signed archive carries a signature; a single-format file is not signed. See docs/reports.md.' },
});

const FORMATS = ['', 'html', 'pdf', 'csv', 'xlsx', 'json'] as const;

export const reportsPages: ConsolePage[] = [
  {
    path: '/reports',
    access: 'audit',
    nav: { label: W.nav, order: 80 },
    render: (ctx) => {
      const reports = ctx.deps.reports;
      if (reports === undefined || ctx.deps.ledger === undefined) throw new ConsoleError(404, W.off);
      const when = (kind: ReportKind) => (kind === 'summary'
        ? html`<label>${ctx.t(W.period)} <input name="period" aria-describedby="period-${kind}"></label><p class="help" id="period-${kind}">${ctx.t(W.periodHint)}</p>`
        : html`<label>${ctx.t(W.at)} <input name="at" aria-describedby="at-${kind}"></label><p class="help" id="at-${kind}">${ctx.t(W.atHint)}</p>`);
      const form = (kind: ReportKind) => html`<section class="card" aria-labelledby="h-${kind}"><h2 id="h-${kind}">${ctx.t(W[kind])}</h2>
<form method="get" action="${href(['api', 'v1', 'reports', kind])}" class="stack">
<label>${ctx.t(W.scope)} <input name="scope" value="all" aria-describedby="scope-${kind}"></label><p class="help" id="scope-${kind}">${ctx.t(W.scopeHint)}</p>
${when(kind)}
<label>${ctx.t(W.lang)} <select name="lang"><option value="zh-CN"${ctx.lang === 'zh-CN' ? html` selected` : ''}>中文</option><option value="en"${ctx.lang === 'en' ? html` selected` : ''}>English</option></select></label>
<label>${ctx.t(W.format)} <select name="format">${FORMATS.map((f) => html`<option value="${f}">${f === '' ? ctx.t(W.archive) : f.toUpperCase()}</option>`)}</select></label>
<button type="submit">${ctx.t(W.download)}</button></form></section>`;
      return {
        title: W.title,
        body: html`<section class="card" aria-labelledby="h-key"><h2 id="h-key">${ctx.t(W.key)}</h2><dl class="facts">
<dt>${ctx.t(W.keyId)}</dt><dd><code>${reports.signer.keyId}</code></dd><dt>${ctx.t(W.fingerprint)}</dt><dd><code>${reports.signer.fingerprint}</code></dd></dl>
<p>${ctx.t(W.verify)} <code>redline verify-report &lt;file.tar&gt; --key ledger-public.pem</code></p><p class="help">${ctx.t(W.verifyTail)}</p></section>
${REPORT_KINDS.map(form)}`,
      };
    },
  },
];
