/**
 * A minimal, honest in-memory LedgerStore for route tests while the SQLite store is built
 * elsewhere: versions are checked, every write appends its audit records to a real hash chain,
 * filters and paging are computed, nothing is hard-coded. Not durable, not for production.
 */
import { nextRecord } from '../../src/ledger/audit-chain.js';
import { LedgerConflictError, LedgerNotFoundError } from '../../src/ledger/errors.js';
import type { HazardQuery, LedgerState, LedgerStore, Page, PassInput, PassOutcome, ReconcilePlan } from '../../src/ledger/port.js';
import type { Attachment, AuditEntry, AuditRecord, FindingChange, FindingRecord, Hazard, HazardEvent, LedgerWaiver } from '../../src/ledger/types.js';

/** Builds the in-memory store. */
export function memoryLedgerStore(): LedgerStore {
  const findings = new Map<string, FindingRecord>();
  const changes: FindingChange[] = [];
  const hazards = new Map<string, Hazard>();
  const events: HazardEvent[] = [];
  const attachments: Attachment[] = [];
  const bytes = new Map<string, Buffer>();
  const waivers = new Map<string, LedgerWaiver>();
  const audit: AuditRecord[] = [];

  const append = (entries: readonly AuditEntry[]): AuditRecord[] => entries.map((e) => {
    const rec = nextRecord(audit.at(-1) ?? null, JSON.parse(JSON.stringify(e)) as AuditEntry);
    audit.push(rec);
    return rec;
  });
  const addEvent = (e: Omit<HazardEvent, 'seq'>): void => {
    events.push({ ...e, seq: events.filter((x) => x.hazardId === e.hazardId).length + 1 });
  };
  const overdue = (h: Hazard, now: number): boolean => h.status !== 'closed' && h.status !== 'pendingVerification' && h.deadline < now;
  const keep = (h: Hazard, q: HazardQuery): boolean =>
    (q.status === undefined || q.status.includes(h.status)) &&
    (q.colour === undefined || q.colour.includes(h.colour)) &&
    (q.site === undefined || q.site.some((s) => h.location.siteId === s || h.location.sites.includes(s))) &&
    (q.protectionClass === undefined || q.protectionClass.includes(h.protectionClass)) &&
    (q.owner === undefined || q.owner.some((o) => h.ownerPerson === o || h.ownerOrg === o)) &&
    (q.rule === undefined || (h.rule !== null && q.rule.includes(h.rule))) &&
    (q.overdue === undefined || overdue(h, q.now) === q.overdue);
  const latestByFingerprint = (): Map<string, Hazard> => {
    const out = new Map<string, Hazard>();
    for (const h of hazards.values()) {
      if (h.fingerprint === null) continue;
      const prev = out.get(h.fingerprint);
      if (prev === undefined || prev.foundAt < h.foundAt) out.set(h.fingerprint, h);
    }
    return out;
  };

  return {
    applyPass: (pass: PassInput, plan: (state: LedgerState, pass: PassInput) => ReconcilePlan): Promise<PassOutcome> => {
      const p = plan({ findings: new Map(findings), hazards: latestByFingerprint() }, pass);
      const present = new Set(pass.findings.map((f) => f.fingerprint));
      for (const [fp, rec] of findings) if (present.has(fp)) findings.set(fp, { ...rec, lastSeen: pass.at });
      for (const f of p.findings) findings.set(f.fingerprint, f);
      for (const fp of p.goneFindings) findings.delete(fp);
      changes.push(...p.findingChanges);
      const before = new Map(hazards);
      for (const h of p.hazards) hazards.set(h.id, h);
      for (const e of p.events) addEvent(e);
      const recs = append(p.audit);
      const statusOf = (h: Hazard): string | undefined => before.get(h.id)?.status;
      return Promise.resolve({
        findingChanges: p.findingChanges.length,
        opened: p.hazards.filter((h) => !before.has(h.id)).length,
        reopened: p.hazards.filter((h) => h.status === 'reopened' && statusOf(h) !== 'reopened').length,
        pendingVerification: p.hazards.filter((h) => h.status === 'pendingVerification' && statusOf(h) !== 'pendingVerification').length,
        hazardsChanged: p.hazards.length,
        auditRecords: recs.length,
      });
    },
    findingsAt: (at, page) => {
      // replay every change up to `at`: the state each finding had then
      const state = new Map<string, FindingRecord>();
      for (const c of changes.filter((x) => x.at <= at).sort((a, b) => a.at - b.at)) {
        if (c.to === 'gone') { state.delete(c.fingerprint); continue; }
        const known = findings.get(c.fingerprint) ?? [...state.values()].find((r) => r.fingerprint === c.fingerprint);
        const prev = state.get(c.fingerprint);
        state.set(c.fingerprint, {
          fingerprint: c.fingerprint, rule: known?.rule ?? '', subject: known?.subject ?? { kind: 'device', id: '' },
          state: c.to, colour: c.colour, firstSeen: prev?.firstSeen ?? c.at, lastSeen: at, since: c.at, policyHash: c.policyHash,
        });
      }
      const all = [...state.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
      return Promise.resolve({ total: all.length, items: all.slice(page.offset, page.offset + page.limit) });
    },
    findingChanges: (fp, page) => Promise.resolve(changes.filter((c) => c.fingerprint === fp && (page.before === undefined || c.at < page.before)).reverse().slice(0, page.limit)),
    hazard: (id) => Promise.resolve(hazards.get(id) ?? null),
    hazards: (q): Promise<Page<Hazard>> => {
      const all = [...hazards.values()].filter((h) => keep(h, q)).sort((a, b) => b.foundAt - a.foundAt || a.id.localeCompare(b.id));
      return Promise.resolve({ total: all.length, items: all.slice(q.offset, q.offset + q.limit) });
    },
    hazardEvents: (id, page) => Promise.resolve(events.filter((e) => e.hazardId === id && e.seq > (page.afterSeq ?? 0)).slice(0, page.limit)),
    updateHazard: (id, expected, change) => {
      const h = hazards.get(id);
      if (h === undefined) return Promise.reject(new LedgerNotFoundError(`no hazard "${id}"`));
      if (h.version !== expected) return Promise.reject(new LedgerConflictError(`hazard "${id}" is at version ${h.version}, not ${expected}`, h.version));
      try {
        const c = change(h);
        const next = { ...c.hazard, version: h.version + 1 };
        hazards.set(id, next);
        addEvent(c.event);
        append([c.audit]);
        return Promise.resolve(next);
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
    createHazard: (h, a) => {
      if (hazards.has(h.id)) return Promise.reject(new LedgerConflictError(`hazard "${h.id}" exists`, hazards.get(h.id)!.version));
      hazards.set(h.id, h);
      addEvent({ hazardId: h.id, at: h.foundAt, actor: h.foundBy, kind: 'opened', to: h.status });
      append([a]);
      return Promise.resolve(h);
    },
    addAttachment: (a, b, entry) => {
      if (!hazards.has(a.hazardId)) return Promise.reject(new LedgerNotFoundError(`no hazard "${a.hazardId}"`));
      attachments.push(a);
      if (b !== null) bytes.set(a.id, Buffer.from(b));
      addEvent({ hazardId: a.hazardId, at: a.at, actor: a.by, kind: a.kind === 'comment' ? 'comment' : 'evidence', text: a.text });
      append([entry]);
      return Promise.resolve(a);
    },
    attachments: (id) => Promise.resolve(attachments.filter((a) => a.hazardId === id)),
    attachmentBytes: (id) => Promise.resolve(bytes.get(id) ?? null),
    waivers: (f) => Promise.resolve([...waivers.values()].filter((w) => f.activeAt === undefined || (w.revokedAt === null && f.activeAt <= w.until))),
    createWaiver: (w, a) => { waivers.set(w.id, w); append([a]); return Promise.resolve(w); },
    revokeWaiver: (id, expected, at, a) => {
      const w = waivers.get(id);
      if (w === undefined) return Promise.reject(new LedgerNotFoundError(`no waiver "${id}"`));
      if (w.version !== expected) return Promise.reject(new LedgerConflictError(`waiver "${id}" is at version ${w.version}, not ${expected}`, w.version));
      const next = { ...w, version: w.version + 1, revokedAt: at };
      waivers.set(id, next);
      append([a]);
      return Promise.resolve(next);
    },
    appendAudit: (e) => Promise.resolve(append([e])[0]!),
    audit: (page) => Promise.resolve(audit.filter((r) => r.seq > (page.afterSeq ?? 0) && (page.actor === undefined || r.actor === page.actor) && (page.action === undefined || r.action === page.action)).slice(0, page.limit)),
    close: () => Promise.resolve(),
  };
}
