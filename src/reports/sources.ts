/**
 * Where a report's data comes from: the ledger store (findings history, hazards and their
 * history, waivers), the inventory, the policy's rules and the latest coverage statement. The
 * finding states are the ledger's `findingsAt` — the same question `GET /api/v1/findings?at=`
 * answers — so an audit at a past time equals what the findings API said then. The daemon's API
 * and the offline `redline report` both read through here.
 */
import { CATALOGUE } from '../analysis/catalogue.js';
import type { Coverage } from '../analysis/coverage.js';
import type { Finding, FindingState, Subject } from '../analysis/finding.js';
import type { Policy } from '../analysis/policy.js';
import type { ProtectionClass } from '../config/schema.js';
import type { Inventory } from '../inventory/model.js';
import type { LedgerStore } from '../ledger/port.js';
import type { FindingRecord, Hazard, HazardEvent } from '../ledger/types.js';
import { worseState, type AuditFindingInput, type AuditInput, type ElementInput, type ReportScope, type ReportWindow, type RuleFacts } from './audit-model.js';
import type { LedgerInput } from './ledger-model.js';
import type { RecordsStore } from '../records/port.js';

/** What the reports read. */
export interface ReportSources {
  readonly store: LedgerStore;
  readonly inventory: Inventory;
  /** The policy in force (its rules' measures and clauses), when loaded. */
  readonly policy: Policy | null;
  /** sha256 of the policy text in force, when known. */
  readonly policyHash: string | null;
  readonly timeZone: string;
  /** The latest coverage statement, or null when no analysis has run. */
  readonly coverage: () => Promise<Coverage | null>;
  /** The latest findings' class and sites by fingerprint (describes subjects the inventory alone cannot place), or null. */
  readonly latestFindings: () => Promise<ReadonlyMap<string, Pick<Finding, 'class' | 'sites'>> | null>;
  readonly signingKey: { readonly keyId: string; readonly fingerprint: string } | null;
  /** Told as each part is read (a progress line). */
  readonly progress?: (what: string, done: number, total: number) => void;
  /** The records (cutovers, drills, incidents, checklists) kept in the ledger file; absent where none are kept. */
  readonly records?: RecordsStore;
}

/** The rules' facts: the catalogue's, overridden by the policy's (measure, main clause, classes, title). */
export function ruleFactsOf(policy: Policy | null): Map<string, RuleFacts> {
  const out = new Map<string, RuleFacts>(CATALOGUE.map((c) => [c.id, { measure: c.measure, clause: 'MIIT-2023-46/2.3', classes: c.classes, title: c.title }]));
  for (const [id, r] of policy?.rules ?? []) out.set(id, { measure: r.measure, clause: r.clause, classes: [...r.classes], title: r.title });
  return out;
}

/** Every finding present at `at`, all pages. */
export async function allFindingsAt(store: Pick<LedgerStore, 'findingsAt'>, at: number): Promise<FindingRecord[]> {
  const out: FindingRecord[] = [];
  for (let offset = 0; ; offset += 5000) {
    const page = await store.findingsAt(at, { limit: 5000, offset });
    out.push(...page.items);
    if (page.items.length < 5000 || out.length >= page.total) return out;
  }
}

/** Every hazard with its history. */
export async function allHazards(store: LedgerStore, now: number): Promise<{ hazard: Hazard; events: HazardEvent[] }[]> {
  const hazards: Hazard[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await store.hazards({ now, limit: 1000, offset });
    hazards.push(...page.items);
    if (page.items.length < 1000) break;
  }
  const out: { hazard: Hazard; events: HazardEvent[] }[] = [];
  for (const hazard of hazards) {
    const events: HazardEvent[] = [];
    for (let after = 0; ;) {
      const page = await store.hazardEvents(hazard.id, { limit: 1000, afterSeq: after });
      events.push(...page);
      if (page.length < 1000) break;
      after = page.at(-1)!.seq;
    }
    out.push({ hazard, events });
  }
  return out;
}

/** Site → province, from the inventory. */
export function provincesOf(inv: Inventory): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of inv.sites.values()) if (s.province !== undefined) out.set(s.id, s.province);
  return out;
}

/** The inventory's own elements: devices, services and sites. */
export function elementsOf(inv: Inventory): ElementInput[] {
  const out: ElementInput[] = [];
  for (const d of inv.devices.values()) out.push({ subject: { kind: 'device', id: d.id }, class: d.class, sites: [d.site] });
  for (const s of inv.services.values()) {
    const sites = [...new Set(s.endpoints.map((e) => inv.devices.get(e)?.site).filter((x): x is string => x !== undefined))].sort();
    out.push({ subject: { kind: 'service', id: s.id }, class: s.class, sites });
  }
  for (const s of inv.sites.values()) out.push({ subject: { kind: 'site', id: s.id }, class: s.class, sites: [s.id] });
  return out;
}

/** Places a subject: its class and sites, from the latest analysis, its hazard, the inventory, or the devices its id names. */
export function placer(inv: Inventory, latest: ReadonlyMap<string, Pick<Finding, 'class' | 'sites'>> | null, hazards: readonly { hazard: Hazard }[]): (fp: string, s: Subject) => { class: ProtectionClass | null; sites: readonly string[] } {
  const byFp = new Map(hazards.filter((h) => h.hazard.fingerprint !== null).map((h) => [h.hazard.fingerprint!, h.hazard]));
  const elements = new Map(elementsOf(inv).map((e) => [`${e.subject.kind}:${e.subject.id}`, e]));
  return (fp, s) => {
    const l = latest?.get(fp);
    if (l !== undefined) return { class: l.class, sites: l.sites };
    const h = byFp.get(fp);
    if (h !== undefined) return { class: h.protectionClass, sites: h.location.sites };
    const e = elements.get(`${s.kind}:${s.id}`);
    if (e !== undefined) return { class: e.class, sites: e.sites };
    // a pair, adjacency, LAG or group id names its devices (`cr1+cr2`, `cr1:bgp:…`): placed by them
    const devices = s.id.split(/[:+|/]/).map((x) => inv.devices.get(x)).filter((d) => d !== undefined);
    const first = devices[0];
    if (first !== undefined) return { class: first.class, sites: [...new Set(devices.map((d) => d.site))].sort() };
    return { class: null, sites: [] };
  };
}

/** The window's end and start (equal for an instant). */
export function windowEnds(w: ReportWindow): { start: number; end: number } {
  return 'at' in w ? { start: w.at, end: w.at } : { start: w.from, end: w.to };
}

/** The audit's input for a window and scope. */
export async function auditInputOf(src: ReportSources, q: { readonly window: ReportWindow; readonly scope: ReportScope; readonly createdAt: number }): Promise<AuditInput> {
  const { start, end } = windowEnds(q.window);
  src.progress?.('findings', 0, 1);
  const atEnd = await allFindingsAt(src.store, end);
  const atStart = start === end ? [] : await allFindingsAt(src.store, start);
  const hazards = await allHazards(src.store, q.createdAt);
  const place = placer(src.inventory, await src.latestFindings(), hazards);
  // over a range: the findings present at either end, each with the worst state it had in between
  const records = new Map<string, FindingRecord>(atStart.map((f) => [f.fingerprint, f]));
  for (const f of atEnd) records.set(f.fingerprint, f);
  const findings: AuditFindingInput[] = [];
  let done = 0;
  for (const f of records.values()) {
    const changes = await src.store.findingChanges(f.fingerprint, { limit: start === end ? 1 : 1000, before: end + 1 });
    const last = changes[0];
    let worst: FindingState = f.state;
    if (start !== end) {
      for (const c of changes) {
        if (c.at < start) break;
        if (c.to !== 'gone') worst = worseState(worst, c.to);
      }
    }
    const where = place(f.fingerprint, f.subject);
    findings.push({
      fingerprint: f.fingerprint, rule: f.rule, subject: f.subject, state: f.state, colour: f.colour, worst, since: f.since, policyHash: f.policyHash,
      class: where.class, sites: where.sites, explanation: last?.explanation ?? null, evidence: last?.evidence ?? [],
    });
    if (++done % 200 === 0) src.progress?.('findings', done, records.size);
  }
  src.progress?.('findings', records.size, records.size);
  return {
    createdAt: q.createdAt,
    window: q.window,
    scope: q.scope,
    timeZone: src.timeZone,
    provinces: provincesOf(src.inventory),
    rules: ruleFactsOf(src.policy),
    findings,
    elements: elementsOf(src.inventory),
    coverage: await src.coverage(),
    hazards,
    waivers: await src.store.waivers({}),
    policyHash: src.policyHash,
    signingKey: src.signingKey,
  };
}

/** The ledger export's input for a window and scope. */
export async function ledgerInputOf(src: ReportSources, q: { readonly window: ReportWindow; readonly scope: ReportScope; readonly createdAt: number }): Promise<LedgerInput> {
  src.progress?.('hazards', 0, 1);
  const hazards = await allHazards(src.store, q.createdAt);
  src.progress?.('hazards', 1, 1);
  return { createdAt: q.createdAt, window: q.window, scope: q.scope, timeZone: src.timeZone, provinces: provincesOf(src.inventory), hazards, signingKey: src.signingKey };
}
