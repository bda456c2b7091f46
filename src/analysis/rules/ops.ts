/**
 * OPS — changes and cutovers (割接/扩容/升级), against the records of src/records/.
 *
 * OPS-003: a change redline observed on a protected device — a reboot (sysUpTime went back, or a
 *          coldStart/warmStart trap), a routing adjacency (BGP, OSPF, IS-IS) or a VRRP/HSRP role
 *          that changed — is covered by an approved cutover plan: the device is among its affected
 *          elements (named, at a named site, at the end of a named link or of a link carrying a
 *          named shared risk) and the change falls in its window (± `graceMinutes`, a change is
 *          seen at the next poll), approved before the change (an emergency change may be approved
 *          after). An uncovered change in the last `lookbackHours` is a finding. Adjacencies an
 *          operator shut (adminDown) and first sightings are not changes. Config-change signals
 *          are not collected yet; when they are, they join the same check.
 * OPS-004: protection is restored after a cutover window: a finding on the cutover's elements
 *          whose failing state began in the window (the ledger's history, read by the daemon when
 *          the window ended) and still fails now, up to `watchDays` after the window, is reported
 *          on that finding's subject. The affected devices whose findings all cleared are protected.
 */
import { z } from 'zod';
import { devicesOf } from '../../records/elements.js';
import type { CutoverWindow, DeviceChange } from '../../snapshot/types.js';
import { fact, type Finding } from '../finding.js';
import { changeLabel, OPS_WORDS as W } from './ops-words.js';
import { defineRule } from './types.js';
import { formatTime } from './words.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The state-store subjects OPS-003 reads: these, or starting with these (`bgp:…`). */
export const CHECKED_SUBJECTS: readonly string[] = ['reboot', 'trap:restart', 'bgp:', 'ospf:', 'isis:', 'fhrp:'];

/** The state-store subjects that are changes OPS-003 checks (one rule for the daemon's read and the rule). */
export function isCheckedChange(c: DeviceChange & { readonly adminDown?: true }): boolean {
  if (c.adminDown === true) return false;
  if (c.subject === 'reboot' || c.subject === 'trap:restart') return true;
  return c.from !== null && /^(bgp|ospf|isis|fhrp):/.test(c.subject);
}

/** How far back the daemon reads changes for OPS-003 (the largest `lookbackHours` allowed). */
export const CHANGE_LOOKBACK_MS = 7 * DAY;

/** Cutovers approved at some point and not cancelled: the ones that cover a change. */
const COVERING = new Set(['approved', 'in_progress', 'done', 'rolled_back']);

export const ops003 = defineRule({
  id: 'OPS-003',
  family: 'OPS',
  thresholds: z.strictObject({
    lookbackHours: z.number().int().min(1).max(CHANGE_LOOKBACK_MS / HOUR).default(72),
    graceMinutes: z.number().int().min(0).max(720).default(30),
  }),
  evaluate(ctx) {
    const { changes, cutovers = [] } = ctx.snapshot.evidence;
    const inventory = ctx.snapshot.inventory;
    const windows = cutovers.filter((c) => COVERING.has(c.status) && c.approvedAt !== null).map((c) => ({ c, devices: devicesOf(c.affected, inventory) }));
    const byDevice = new Map<string, DeviceChange[]>();
    for (const ch of changes ?? []) if (isCheckedChange(ch)) byDevice.set(ch.deviceId, [...(byDevice.get(ch.deviceId) ?? []), ch]);
    for (const d of inventory.devices.values()) {
      if (d.poll === undefined) continue;
      const sites = [d.site];
      if (!ctx.applies(d.class, sites)) continue;
      if (changes === undefined) {
        ctx.skip('no state history read (changes unknown)', 'no_data');
        continue;
      }
      const { lookbackHours, graceMinutes } = ctx.thresholds(d.class, sites);
      const grace = graceMinutes * 60_000;
      const recent = (byDevice.get(d.id) ?? []).filter((ch) => ch.at > ctx.now - lookbackHours * HOUR && ch.at <= ctx.now);
      const base = { subject: { kind: 'device' as const, id: d.id }, class: d.class, site: d.site, sites };
      const covering = (ch: DeviceChange): CutoverWindow | undefined => windows.find(({ c, devices }) => devices.has(d.id)
        && ch.at >= c.start - grace && ch.at <= c.end + grace && (c.emergency || c.approvedAt! <= ch.at))?.c;
      const uncovered: DeviceChange[] = [];
      const refs = new Set<string>();
      for (const ch of recent) {
        const c = covering(ch);
        if (c === undefined) uncovered.push(ch);
        else refs.add(c.ref);
      }
      const evidence = [
        ...recent.slice(-20).map((ch) => fact(changeLabel(ch.subject, ch.from, ch.to), covering(ch)?.ref ?? 'no approved plan', ch.at)),
        fact('lookback (h)', lookbackHours),
      ];
      if (uncovered.length > 0) {
        ctx.emit({
          ...base, state: 'degraded', severity: 'degraded', evidence,
          explanation: W.unplanned(d.id, uncovered.map((ch) => `${changeLabel(ch.subject, ch.from, ch.to)} @ ${formatTime(ch.at, ctx.timeZone).en}`)),
        });
      } else {
        ctx.emit({ ...base, state: 'protected', evidence, explanation: recent.length === 0 ? W.quiet(d.id, lookbackHours) : W.covered(d.id, recent.length, [...refs]) });
      }
    }
  },
});

const FAILING = new Set(['down', 'unprotected', 'degraded']);

/** Whether a finding concerns a cutover's elements (its devices, links or sites; a pair `a+b` by its members). */
function onElements(f: Finding, c: CutoverWindow, devices: ReadonlySet<string>): boolean {
  const s = f.subject;
  if (s.kind === 'device' && devices.has(s.id)) return true;
  if (s.kind === 'link' && c.affected.links.includes(s.id)) return true;
  if (s.kind === 'pair' && s.id.split('+').some((x) => devices.has(x))) return true;
  return f.sites.some((x) => c.affected.sites.includes(x));
}

export const ops004 = defineRule({
  id: 'OPS-004',
  family: 'OPS',
  thresholds: z.strictObject({ watchDays: z.number().int().min(1).max(90).default(7) }),
  evaluate(ctx) {
    const cutovers = ctx.snapshot.evidence.cutovers;
    if (cutovers === undefined || ctx.earlier === undefined) {
      ctx.skip('no cutover records kept', 'no_register_configured');
      return;
    }
    const earlier = ctx.earlier().filter((f) => !f.rule.startsWith('OPS-') && FAILING.has(f.state));
    const inventory = ctx.snapshot.inventory;
    const reported = new Set<string>();
    const ended = cutovers.filter((c) => c.appeared !== null && c.status !== 'cancelled' && c.status !== 'draft' && c.end <= ctx.now)
      .map((c) => ({ c, devices: devicesOf(c.affected, inventory), window: `${formatTime(c.start, ctx.timeZone).en} – ${formatTime(c.end, ctx.timeZone).en}` }));
    // what is still failing first (a device restored after one cutover may be failing after another)
    for (const { c, devices, window } of ended) {
      const appeared = new Set(c.appeared);
      const failing = new Map<string, Finding[]>();
      for (const f of earlier) {
        if (!appeared.has(f.fingerprint) || !onElements(f, c, devices)) continue;
        const key = `${f.subject.kind}\u0000${f.subject.id}`;
        failing.set(key, [...(failing.get(key) ?? []), f]);
      }
      for (const fs of failing.values()) {
        const f = fs[0]!;
        const key = `${f.subject.kind}\u0000${f.subject.id}`;
        if (reported.has(key) || !ctx.applies(f.class, f.sites)) continue;
        const { watchDays } = ctx.thresholds(f.class, f.sites);
        if (ctx.now - c.end > watchDays * DAY) continue;
        reported.add(key);
        ctx.emit({
          subject: f.subject, class: f.class, site: f.site, sites: f.sites, state: 'degraded', severity: 'degraded',
          evidence: [fact('cutover', `${c.ref} ${c.title}`), fact('window', window), ...fs.map((x) => fact(`${x.rule} ${x.subject.id}`, x.state))],
          explanation: W.notRestored(f.subject.id, c.ref, fs.map((x) => `${x.rule} ${x.labels.state.en}`)),
        });
      }
    }
    for (const { c, devices, window } of ended) {
      for (const id of [...devices].sort()) {
        const d = inventory.devices.get(id);
        if (d === undefined || reported.has(`device\u0000${id}`) || !ctx.applies(d.class, [d.site])) continue;
        if (ctx.now - c.end > ctx.thresholds(d.class, [d.site]).watchDays * DAY) continue;
        reported.add(`device\u0000${id}`);
        ctx.emit({ subject: { kind: 'device', id }, class: d.class, site: d.site, state: 'protected', evidence: [fact('cutover', `${c.ref} ${c.title}`), fact('window', window)], explanation: W.restored(id, c.ref) });
      }
    }
  },
});
