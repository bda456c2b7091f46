/**
 * Small pieces every page uses, so that a risk level, a protection state or a link to a device
 * looks and reads the same everywhere: a coloured mark always with its word (never colour alone).
 */
import type { Colour, FindingState, Measure } from '../analysis/finding.js';
import { MEASURE_LABELS, RISK_LEVELS, STATE_LABELS } from '../analysis/rules/words.js';
import { href, html, type SafeHtml } from './html.js';
import { words } from './i18n.js';
import type { ConsoleContext } from './page.js';

export const WIDGET_WORDS = words({
  unchecked: { zh: '未核查', en: 'not checked' },
  previous: { zh: '上一页', en: 'Previous' },
  next: { zh: '下一页', en: 'Next' },
  pages: { zh: '分页', en: 'Pages' },
  none: { zh: '无', en: 'none' },
});

/** A risk level (风险等级) as a coloured mark with its name: 重大风险 / major risk … */
export function riskBadge(ctx: ConsoleContext, colour: Colour): SafeHtml {
  return html`<span class="risk risk-${colour}">${ctx.t(RISK_LEVELS[colour].level)}</span>`;
}

/** A protection state as a coloured mark with its word; `unchecked` is 未核查 (not checked). */
export function stateBadge(ctx: ConsoleContext, state: FindingState | 'unchecked'): SafeHtml {
  const word = state === 'unchecked' ? WIDGET_WORDS.unchecked : STATE_LABELS[state];
  return html`<span class="state state-${state}">${ctx.t(word)}</span>`;
}

/** A protection measure's name (多重节点 / multiple nodes …). */
export function measureName(ctx: ConsoleContext, m: Measure): string {
  return ctx.t(MEASURE_LABELS[m]);
}

/** A link to a device's page; the label is the device's id unless given (escaped either way). */
export function deviceLink(id: string, label?: string): SafeHtml {
  return html`<a href="${href(['devices', id])}">${label ?? id}</a>`;
}

/** A link to a hazard's page. */
export function hazardLink(id: string, label?: string): SafeHtml {
  return html`<a href="${href(['hazards', id])}">${label ?? id}</a>`;
}

/**
 * Previous/next links for a cursor-paged list: `cursorKey` is the query parameter the page reads,
 * `next`/`previous` the cursors (null: no such page); the other query parameters are kept.
 */
export function pager(ctx: ConsoleContext, opts: { readonly next: string | null; readonly previous?: string | null; readonly cursorKey?: string }): SafeHtml {
  const key = opts.cursorKey ?? 'cursor';
  const link = (cursor: string, label: string, rel: string): SafeHtml => {
    const q: Record<string, string> = { ...ctx.query, [key]: cursor };
    return html`<a rel="${rel}" href="${href(ctx.req.path, q)}">${label}</a>`;
  };
  if (opts.next === null && (opts.previous ?? null) === null) return html``;
  return html`<nav class="pager" aria-label="${ctx.t(WIDGET_WORDS.pages)}">${opts.previous != null ? link(opts.previous, ctx.t(WIDGET_WORDS.previous), 'prev') : ''}${opts.next !== null ? link(opts.next, ctx.t(WIDGET_WORDS.next), 'next') : ''}</nav>`;
}

/** A device's polling status as the API's device list says it (pending, ok, unreachable, stale). */
export type DeviceStatusWord = 'pending' | 'ok' | 'unreachable' | 'stale';

export const DEVICE_STATUS_WORDS = words({
  pending: { zh: '尚未采集', en: 'not polled yet' },
  ok: { zh: '可达', en: 'reachable' },
  unreachable: { zh: '不可达', en: 'unreachable' },
  stale: { zh: '数据过期', en: 'stale' },
});

/** A device's polling status as a mark with its word. */
export function deviceStatusBadge(ctx: ConsoleContext, status: DeviceStatusWord): SafeHtml {
  return html`<span class="dstatus dstatus-${status}">${ctx.t(DEVICE_STATUS_WORDS[status])}</span>`;
}

/**
 * An offset-paged slice of a list too long to show whole: the offset from the query parameter
 * `key` (clamped to the list), and the pager for it (the other query parameters kept).
 */
export function offsetPage<T>(ctx: ConsoleContext, items: readonly T[], size: number, key = 'offset'): { readonly items: readonly T[]; readonly offset: number; readonly pager: SafeHtml } {
  const asked = Number.parseInt(ctx.query[key] ?? '0', 10);
  const last = Math.floor(Math.max(0, items.length - 1) / size) * size;
  const offset = Number.isFinite(asked) && asked > 0 ? Math.min(Math.floor(asked / size) * size, last) : 0;
  const next = offset + size < items.length ? String(offset + size) : null;
  const previous = offset > 0 ? String(Math.max(0, offset - size)) : null;
  return { items: items.slice(offset, offset + size), offset, pager: pager(ctx, { next, previous, cursorKey: key }) };
}
