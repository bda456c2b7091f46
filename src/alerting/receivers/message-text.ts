/**
 * The words of a notification as people read them in chat and mail: a title and a body, zh-CN
 * first then English, times in the operator's zone with the zone named, the risk level (风险等级)
 * with its colour, a link to the hazard in the console and a signed link that acknowledges it
 * (ack-link.ts). Pure: everything comes in as arguments.
 */
import { RISK_LEVEL_ZH } from '../../analysis/finding.js';
import type { Alert, Notification } from '../types.js';
import type { ReceiverDeps } from './receiver-kit.js';

/** How times and links are shown. */
export interface TextOptions {
  readonly timeZone: string;
  readonly consoleUrl?: string;
  /** `markdown` for chat robots, `plain` for mail. */
  readonly style: 'markdown' | 'plain';
  /** The signed acknowledgement link for a hazard in this notification; none: no link. */
  readonly ackLink?: (hazardId: string) => string;
}

/** What of a receiver's deps the text reads. */
export type TextDeps = Pick<ReceiverDeps, 'timeZone' | 'consoleUrl' | 'ackLink'>;

/** The text options of a receiver for one notification (its zone, console and acknowledgement links). */
export function textOptions(deps: TextDeps, style: TextOptions['style'], n: Notification): TextOptions {
  const ack = deps.ackLink;
  return {
    style, timeZone: deps.timeZone,
    ...(deps.consoleUrl === undefined ? {} : { consoleUrl: deps.consoleUrl }),
    ...(ack === undefined ? {} : { ackLink: (id: string) => ack(id, n) }),
  };
}

const RISK_LEVEL_EN = { red: 'major risk (red)', orange: 'significant risk (orange)', yellow: 'general risk (yellow)', blue: 'low risk (blue)' } as const;
const KIND_ZH = { redundancyLost: '冗余丧失', serviceDown: '业务中断', meta: 'redline 自身' } as const;
const KIND_EN = { redundancyLost: 'redundancy lost', serviceDown: 'service down', meta: 'redline itself' } as const;

/** `2026-12-04 16:00:00 Asia/Shanghai`: a time shown to people, in their zone, zone named. */
export function formatInZone(ms: number, timeZone: string): string {
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).format(new Date(ms));
  return `${text} ${timeZone}`;
}

/** The status word in both languages. */
function statusWords(n: Notification): { zh: string; en: string } {
  return n.status === 'firing' ? { zh: '告警', en: 'FIRING' } : { zh: '已恢复', en: 'RESOLVED' };
}

/** One line title: `[告警 FIRING ×2] <first summary zh> / <en>`. */
export function notificationTitle(n: Notification): string {
  const s = statusWords(n);
  const first = n.alerts[0];
  const count = n.alerts.length > 1 ? ` ×${n.alerts.length}` : '';
  const head = `[${s.zh} ${s.en}${count}]`;
  return first === undefined ? head : `${head} ${first.summary.zh} / ${first.summary.en}`;
}

/** The link to an alert's hazard in the console, when both are known. */
export function hazardLink(a: Alert, consoleUrl: string | undefined): string | undefined {
  if (a.hazardId === undefined || consoleUrl === undefined) return undefined;
  return `${consoleUrl.replace(/\/+$/, '')}/hazards/${encodeURIComponent(a.hazardId)}`;
}

function labelLine(a: Alert): string {
  return Object.entries(a.labels).filter((e): e is [string, string] => e[0] !== 'alertname' && e[1] !== undefined).map(([k, v]) => `${k}=${v}`).join(', ');
}

function alertBlock(a: Alert, lang: 'zh' | 'en', opts: TextOptions): string[] {
  const bullet = opts.style === 'markdown' ? '- ' : '  ';
  const strong = (t: string): string => (opts.style === 'markdown' ? `**${t}**` : t);
  const zh = lang === 'zh';
  const lines = [`${opts.style === 'markdown' ? '#### ' : '* '}${strong(a.summary[lang])}`, `${bullet}${a.description[lang]}`];
  lines.push(`${bullet}${zh ? '类型' : 'Kind'}: ${zh ? KIND_ZH[a.kind] : KIND_EN[a.kind]}${a.colour === null ? '' : ` · ${zh ? '风险等级' : 'Risk level'}: ${zh ? RISK_LEVEL_ZH[a.colour] : RISK_LEVEL_EN[a.colour]}`}`);
  lines.push(`${bullet}${zh ? '开始' : 'Since'}: ${formatInZone(a.startsAt, opts.timeZone)}${a.endsAt === null ? '' : ` · ${zh ? '结束' : 'Ended'}: ${formatInZone(a.endsAt, opts.timeZone)}`}`);
  const labels = labelLine(a);
  if (labels !== '') lines.push(`${bullet}${zh ? '标签' : 'Labels'}: ${labels}`);
  const link = hazardLink(a, opts.consoleUrl);
  if (link !== undefined) lines.push(`${bullet}${zh ? '隐患' : 'Hazard'} ${a.hazardId ?? ''}: ${opts.style === 'markdown' ? `[${link}](${link})` : link}`);
  // a firing alert whose hazard nobody acknowledged yet: one click (and a confirmation) acknowledges it
  if (a.hazardId !== undefined && a.acknowledged !== true && a.endsAt === null && opts.ackLink !== undefined) {
    const ack = opts.ackLink(a.hazardId);
    const label = zh ? '确认隐患（停止重复通知）' : 'Acknowledge the hazard (stops re-notification)';
    lines.push(`${bullet}${opts.style === 'markdown' ? `[${label}](${ack})` : `${label}: ${ack}`}`);
  }
  return lines;
}

/** The body: every alert in zh-CN, then every alert in English, then the delivery id (to match duplicates). */
export function notificationBody(n: Notification, opts: TextOptions): string {
  const s = statusWords(n);
  const heading = (t: string): string => (opts.style === 'markdown' ? `### ${t}` : t);
  const zh = [heading(`${s.zh}：${n.alerts.length} 条`), ...n.alerts.flatMap((a) => alertBlock(a, 'zh', opts))];
  const en = [heading(`${s.en}: ${n.alerts.length} alert${n.alerts.length === 1 ? '' : 's'}`), ...n.alerts.flatMap((a) => alertBlock(a, 'en', opts))];
  return [...zh, '', ...en, '', `${opts.style === 'markdown' ? '> ' : ''}redline · ${formatInZone(n.at, opts.timeZone)} · delivery ${n.deliveryId}`].join('\n');
}
