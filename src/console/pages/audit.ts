/**
 * `/audit`: the audit trail for an inspector (inspector and administrator only) — every write to
 * the ledger in chain order, filtered by actor, action, object (target prefix) and a time range
 * typed in the operator's zone, paged by sequence number; beside it, whether the records shown
 * hold together (each record's hash over its content, and on an unfiltered page each link to the
 * record before) and the latest signed checkpoint with its key's fingerprint, which the inspector
 * keeps for `redline verify-ledger --checkpoint` (the full offline verification).
 */
import { chainHash, GENESIS_HASH } from '../../ledger/audit-chain.js';
import type { AuditPage } from '../../ledger/port.js';
import { fingerprintOf } from '../../ledger/signing.js';
import type { AuditRecord } from '../../ledger/types.js';
import { field, localInputValue, zonedInstant } from '../forms.js';
import { deviceText, href, html, type SafeHtml } from '../html.js';
import { words } from '../i18n.js';
import { ConsoleError, type ConsoleContext, type ConsolePage } from '../page.js';
import { pager } from '../widgets.js';
import { ledgerOr404 } from './hazards-ledger.js';

const W = words({
  title: { zh: '审计日志', en: 'Audit log' },
  nav: { zh: '审计', en: 'Audit' },
  intro: { zh: '台账的每一次写入（人的操作与 redline 自动操作）按链顺序记录，每条记录的哈希链接到前一条；定期签名的检查点固定链的位置。', en: 'Every write to the ledger (people\'s and redline\'s own) in chain order; each record\'s hash links to the one before, and signed checkpoints pin the chain.' },
  actor: { zh: '操作人', en: 'Actor' },
  action: { zh: '操作', en: 'Action' },
  target: { zh: '对象（前缀）', en: 'Object (prefix)' },
  from: { zh: '起始时间', en: 'From' },
  until: { zh: '截止时间', en: 'Until' },
  apply: { zh: '筛选', en: 'Filter' },
  clear: { zh: '清除筛选', en: 'Clear filters' },
  seq: { zh: '序号', en: 'Seq' },
  at: { zh: '时间', en: 'Time' },
  object: { zh: '对象', en: 'Object' },
  change: { zh: '变更', en: 'Change' },
  hash: { zh: '哈希', en: 'Hash' },
  before: { zh: '变更前', en: 'Before' },
  after: { zh: '变更后', en: 'After' },
  none: { zh: '没有符合条件的审计记录。', en: 'No audit record matches.' },
  chain: { zh: '链校验（本页）', en: 'Chain check (this page)' },
  intact: { zh: '本页 {n} 条记录完整：内容与哈希一致', en: 'The {n} records on this page are intact: content matches hash' },
  linked: { zh: '，且逐条链接到前一条记录', en: ', and each links to the record before' },
  filteredNote: { zh: '（已筛选，链接关系请在未筛选的页面查看）', en: ' (filtered: links are checked on unfiltered pages)' },
  broken: { zh: '链在第 {seq} 条记录处断开：', en: 'The chain breaks at record {seq}: ' },
  edited: { zh: '记录内容与其哈希不一致（记录被修改）', en: 'its content does not match its hash (the record was edited)' },
  unlinked: { zh: '与前一条记录的链接不一致（之前的记录被修改、删除或调换）', en: 'its link to the record before does not match (a record before it was changed, removed or swapped)' },
  gap: { zh: '序号不连续（有记录缺失或重复）', en: 'the sequence has a gap or repeat (a record is missing or repeated)' },
  fullCheck: { zh: '完整的离线校验（全链、签名、检查点）：redline verify-ledger', en: 'Full offline verification (whole chain, signatures, checkpoints): redline verify-ledger' },
  checkpoint: { zh: '最近的签名检查点', en: 'Latest signed checkpoint' },
  noCheckpoint: { zh: '尚未签名检查点（首批审计记录之后及停机时写入）。', en: 'No checkpoint signed yet (one is written after the first audit records and at shutdown).' },
  cpSeq: { zh: '固定到记录', en: 'Pins record' },
  cpAt: { zh: '签名时间', en: 'Signed at' },
  cpKey: { zh: '签名密钥指纹', en: 'Signing key fingerprint' },
  cpHash: { zh: '链哈希', en: 'Chain hash' },
  cpDownload: { zh: '下载检查点文件（JSON，供检查员留存）', en: 'Download the checkpoint (JSON, for the inspector to keep)' },
  cpMatches: { zh: '与本页该记录的哈希一致', en: 'matches the hash of that record on this page' },
  cpDiffers: { zh: '与本页该记录的哈希不一致！', en: 'does NOT match the hash of that record on this page!' },
  badTime: { zh: '时间筛选不是有效的日期时间：', en: 'A time filter is not a valid date and time: ' },
  caption: { zh: '审计记录（链顺序）', en: 'Audit records (chain order)' },
});

/** Records per page. */
const PAGE = 100;

interface ExportedCheckpointView { readonly seq: number; readonly hash: string; readonly at: string; readonly keyId: string }

function isCheckpoint(v: unknown): v is ExportedCheckpointView {
  const c = v as Partial<ExportedCheckpointView> | null;
  return c !== null && typeof c === 'object' && typeof c.seq === 'number' && typeof c.hash === 'string' && typeof c.keyId === 'string' && typeof c.at === 'string';
}

/** The first break among `records` (a page in chain order), in the page's words; `prev` is the record before the page when the page is unfiltered. */
function chainState(ctx: ConsoleContext, records: readonly AuditRecord[], prev: { seq: number; hash: string } | null, linked: boolean): SafeHtml {
  // the page's first record links to `prev`, or to the genesis hash when it is record 1
  let last: { seq: number; hash: string } | null = prev ?? (records[0]?.seq === 1 ? { seq: 0, hash: GENESIS_HASH } : null);
  for (const r of records) {
    let why: string | null = null;
    if (linked && last !== null && r.seq !== last.seq + 1) why = ctx.t(W.gap);
    else if (linked && last !== null && r.prevHash !== last.hash) why = ctx.t(W.unlinked);
    else if (chainHash(r.prevHash, r.seq, r) !== r.hash) why = ctx.t(W.edited);
    if (why !== null) return html`<p class="notice error" role="alert">${ctx.t(W.broken).replace('{seq}', String(r.seq))}${why}</p>`;
    last = r;
  }
  return html`<p class="audit-ok">${ctx.t(W.intact).replace('{n}', String(records.length))}${linked ? ctx.t(W.linked) : ctx.t(W.filteredNote)}</p>`;
}

function short(v: unknown): string {
  if (v === null || v === undefined) return '—';
  const s = JSON.stringify(v);
  return s.length > 400 ? `${s.slice(0, 400)}…` : s;
}

function objectLink(target: string): SafeHtml {
  if (target.startsWith('hazard:')) return html`<a class="mono" href="${href(['hazards', target.slice('hazard:'.length)])}">${deviceText(target)}</a>`;
  if (target.startsWith('waiver:')) return html`<a class="mono" href="${href(['waivers', target.slice('waiver:'.length)])}">${deviceText(target)}</a>`;
  return html`<span class="mono">${deviceText(target)}</span>`;
}

const auditPage: ConsolePage = {
  path: '/audit',
  access: 'audit',
  nav: { label: W.nav, order: 90 },
  render: async (ctx) => {
    const ledger = ledgerOr404(ctx);
    const q = ctx.query;
    const actor = field(q, 'actor');
    const action = field(q, 'action');
    const target = field(q, 'target');
    const time = (name: 'from' | 'until'): number | undefined => {
      const v = field(q, name);
      if (v === undefined) return undefined;
      const at = zonedInstant(v, ctx.zone);
      if (at === null) throw new ConsoleError(400, { zh: `${W.badTime.zh}${v}`, en: `${W.badTime.en}${v}` });
      return at;
    };
    const from = time('from');
    const until = time('until');
    const afterSeq = Math.max(0, Math.floor(Number(q['afterSeq'] ?? 0)) || 0);
    const page: AuditPage = {
      limit: PAGE, afterSeq,
      ...(actor !== undefined ? { actor: actor.slice(0, 200) } : {}),
      ...(action !== undefined ? { action: action.slice(0, 200) } : {}),
      ...(target !== undefined ? { target: target.slice(0, 500) } : {}),
      ...(from !== undefined ? { from } : {}),
      ...(until !== undefined ? { until } : {}),
    };
    const filtered = actor !== undefined || action !== undefined || target !== undefined || from !== undefined || until !== undefined;
    const [records, before, cp] = await Promise.all([
      ledger.store.audit(page),
      !filtered && afterSeq > 0 ? ledger.store.audit({ limit: 1, afterSeq: afterSeq - 1 }) : Promise.resolve([]),
      ledger.latestCheckpoint(),
    ]);
    const prev = before[0] !== undefined && before[0].seq === afterSeq ? { seq: before[0].seq, hash: before[0].hash } : null;
    const next = records.length === PAGE ? String(records[records.length - 1]!.seq) : null;
    const value = (name: string, v: string | undefined): string => v ?? field(q, name) ?? '';
    const filters = html`<form class="filters" method="get" action="/audit">
<label for="au-actor">${ctx.t(W.actor)}<input id="au-actor" name="actor" type="text" value="${value('actor', actor)}" size="12"></label>
<label for="au-action">${ctx.t(W.action)}<input id="au-action" name="action" type="text" value="${value('action', action)}" size="14" placeholder="hazard.verify"></label>
<label for="au-target">${ctx.t(W.target)}<input id="au-target" name="target" type="text" value="${value('target', target)}" size="16" placeholder="hazard:"></label>
<label for="au-from">${ctx.t(W.from)} (${ctx.zone})<input id="au-from" name="from" type="datetime-local" value="${from !== undefined ? localInputValue(from, ctx.zone) : ''}"></label>
<label for="au-until">${ctx.t(W.until)} (${ctx.zone})<input id="au-until" name="until" type="datetime-local" value="${until !== undefined ? localInputValue(until, ctx.zone) : ''}"></label>
<button type="submit">${ctx.t(W.apply)}</button> <a href="/audit">${ctx.t(W.clear)}</a></form>`;
    const rows = records.map((r) => html`<tr>
<td class="num">${r.seq}</td><td>${ctx.time(r.at)}</td><td>${deviceText(r.actor)}</td><td class="mono">${deviceText(r.action)}</td><td>${objectLink(r.target)}</td>
<td><details><summary>${ctx.t(W.change)}</summary><p class="mono"><span class="muted">${ctx.t(W.before)}:</span> ${deviceText(short(r.before))}</p><p class="mono"><span class="muted">${ctx.t(W.after)}:</span> ${deviceText(short(r.after))}</p></details></td>
<td class="mono" title="${r.hash}">${r.hash.slice(0, 12)}…</td></tr>`);
    const table = records.length === 0 ? html`<p class="notice info" role="status">${ctx.t(W.none)}</p>` : html`<div class="table-wrap"><table class="audit">
<caption>${ctx.t(W.caption)}</caption>
<thead><tr><th scope="col" class="num">${ctx.t(W.seq)}</th><th scope="col">${ctx.t(W.at)}</th><th scope="col">${ctx.t(W.actor)}</th><th scope="col">${ctx.t(W.action)}</th><th scope="col">${ctx.t(W.object)}</th><th scope="col">${ctx.t(W.change)}</th><th scope="col">${ctx.t(W.hash)}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
    let checkpoint: SafeHtml;
    if (isCheckpoint(cp)) {
      const shown = records.find((r) => r.seq === cp.seq);
      const match = shown === undefined ? '' : shown.hash === cp.hash ? html` · <span class="audit-ok">${ctx.t(W.cpMatches)}</span>` : html` · <strong class="overdue">${ctx.t(W.cpDiffers)}</strong>`;
      checkpoint = html`<dl class="facts">
<dt>${ctx.t(W.cpSeq)}</dt><dd>${cp.seq}${match}</dd>
<dt>${ctx.t(W.cpAt)}</dt><dd>${ctx.time(cp.at)}</dd>
<dt>${ctx.t(W.cpKey)}</dt><dd class="mono">${fingerprintOf(cp.keyId)}</dd>
<dt>${ctx.t(W.cpHash)}</dt><dd class="mono">${cp.hash}</dd>
</dl><p><a href="/api/v1/audit/checkpoint" download="ledger-checkpoint.json">${ctx.t(W.cpDownload)}</a></p>`;
    } else {
      checkpoint = html`<p class="muted">${ctx.t(W.noCheckpoint)}</p>`;
    }
    return {
      title: W.title,
      body: html`<p class="muted">${ctx.t(W.intro)}</p>
<div class="cards">
<section class="card" aria-labelledby="au-chain"><h2 id="au-chain">${ctx.t(W.chain)}</h2>${records.length > 0 ? chainState(ctx, records, prev, !filtered) : ''}<p class="help">${ctx.t(W.fullCheck)}</p></section>
<section class="card" aria-labelledby="au-cp"><h2 id="au-cp">${ctx.t(W.checkpoint)}</h2>${checkpoint}</section>
</div>
${filters}
${table}
${pager(ctx, { next, cursorKey: 'afterSeq' })}`,
    };
  },
};

export const auditPages: ConsolePage[] = [auditPage];
