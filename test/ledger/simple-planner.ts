/**
 * A small, deliberately plain reconciliation planner and data builders for the ledger store's
 * contract suite and benchmark. It is not the product's planner (src/ledger/reconcile.ts): it
 * only exercises every part of a ReconcilePlan the store must write — new and changed findings,
 * gone findings, opened, reopened and auto-verified hazards, events and audit entries.
 */
import type { Colour, Finding, FindingState, SubjectKind } from '../../src/analysis/finding.js';
import type { ProtectionClass } from '../../src/config/schema.js';
import type { LedgerState, PassInput, ReconcilePlan } from '../../src/ledger/port.js';
import {
  DEFAULT_LEDGER_POLICY, type AuditEntry, type FindingChange, type FindingRecord, type Hazard, type HazardEvent, type LedgerPolicy,
} from '../../src/ledger/types.js';

const DAY = 86_400_000;

/** What a test finding may set; the rest takes defaults. */
export interface FindingSpec {
  readonly rule?: string;
  readonly kind?: SubjectKind;
  readonly id: string;
  readonly state: FindingState;
  readonly colour?: Colour | null;
  readonly site?: string | null;
  readonly sites?: readonly string[];
  readonly class?: ProtectionClass;
}

/** A finding as the analysis would give it (fingerprint `<rule>:<kind>:<id>`). */
export function testFinding(s: FindingSpec): Finding {
  const rule = s.rule ?? 'PWR-001';
  const kind = s.kind ?? 'device';
  const failing = s.state !== 'protected';
  const colour = s.colour === undefined ? (failing ? 'orange' : null) : s.colour;
  const site = s.site === undefined ? 'site-a' : s.site;
  return {
    fingerprint: `${rule}:${kind}:${s.id}`,
    rule, subject: { kind, id: s.id }, state: s.state, colour,
    riskLevel: null, risk: null, severity: failing ? 'spof' : null,
    class: s.class ?? 'PC-CORE', site, sites: s.sites ?? (site === null ? [] : [site]), measure: 'multiplePower',
    labels: { measure: { en: 'multiple power', zh: '多路电源' }, state: { en: s.state, zh: s.state } },
    clause: 'MIIT-2023-46/2.3', clauses: [{ id: 'MIIT-2023-46/2.3', cite: { en: 'MIIT Notice No. 46 [2023], section 2(3)', zh: '工信厅通信函〔2023〕46号 二、（三）' } }],
    basis: [], suggestedHazardGrade: failing ? '一般隐患' : null, fault: s.state === 'down',
    evidence: [{ what: 'psu-1', value: failing ? 'failed' : 'ok', observedAt: null }],
    explanation: { en: `${s.id} is ${s.state}`, zh: `${s.id} ${s.state}` },
  };
}

/** A hazard with every field set; `patch` overrides any. Id `<rule>:<kind>:<id>:<foundAt ISO>`. */
export function testHazard(patch: Partial<Hazard> & { readonly subjectId: string; readonly foundAt: number }): Hazard {
  const { subjectId, ...rest } = patch;
  const rule = patch.rule ?? 'PWR-001';
  const colour = patch.colour ?? 'orange';
  const base: Hazard = {
    id: `${rule}:device:${subjectId}:${new Date(patch.foundAt).toISOString()}`,
    version: 1, fingerprint: `${rule}:device:${subjectId}`, rule, subject: { kind: 'device', id: subjectId },
    location: { siteId: 'site-a', sites: ['site-a'] }, protectionClass: 'PC-CORE', measure: 'multiplePower', category: '供电',
    description: { en: `${subjectId} has one power supply`, zh: `${subjectId} 单电源` },
    basis: [{ id: 'MIIT-2023-46/2.3', cite: { en: 'MIIT Notice No. 46 [2023], section 2(3)', zh: '工信厅通信函〔2023〕46号 二、（三）' } }],
    colour, suggestedGrade: '一般隐患', grade: null, foundAt: patch.foundAt, foundBy: 'daemon', foundByMethod: 'auto-rule',
    reportingOrg: null, potentialConsequence: null, interimControls: null, remediationPlan: null, governancePlan: null,
    regulatorReport: null, supervised: false, ownerOrg: null, ownerPerson: null, contractorOrg: null, contractorPerson: null,
    funding: null, deadline: patch.foundAt + DEFAULT_LEDGER_POLICY.deadlineDays[colour] * DAY, status: 'open',
    findingState: 'unprotected', lastMeasuredAt: patch.foundAt, protectedPasses: 0, fixedAt: null, verification: null,
    closedAt: null, reopenCount: 0, createdAt: patch.foundAt, updatedAt: patch.foundAt,
  };
  return { ...base, ...rest };
}

function failing(state: FindingState): boolean {
  return state === 'degraded' || state === 'unprotected';
}

/** A hazard opened from a failing finding at `at`. */
function openedHazard(f: Finding, at: number, policy: LedgerPolicy): Hazard {
  const colour = f.colour ?? 'blue';
  return testHazard({
    subjectId: f.subject.id, foundAt: at, rule: f.rule, fingerprint: f.fingerprint, subject: f.subject, colour,
    location: { siteId: f.site, sites: f.sites }, protectionClass: f.class, measure: f.measure,
    description: f.explanation, deadline: at + policy.deadlineDays[colour] * DAY, findingState: f.state,
  });
}

/**
 * The planner: stores new and changed findings with a change each, marks absent ones gone, opens
 * a hazard for a failing finding that has none, reopens a closed one when it fails again, and
 * moves a hazard to pendingVerification after `verifyPasses` protected passes in a row.
 */
export function simplePlanner(policy: LedgerPolicy = DEFAULT_LEDGER_POLICY) {
  return (state: LedgerState, pass: PassInput): ReconcilePlan => {
    const at = pass.at;
    const findings: FindingRecord[] = [];
    const findingChanges: FindingChange[] = [];
    const hazards: Hazard[] = [];
    const events: Omit<HazardEvent, 'seq'>[] = [];
    const audit: AuditEntry[] = [];
    const present = new Set<string>();
    const writeHazard = (before: Hazard | null, after: Hazard, event: Omit<HazardEvent, 'seq' | 'hazardId' | 'at' | 'actor'>, action: string): void => {
      hazards.push(after);
      events.push({ ...event, hazardId: after.id, at, actor: 'daemon' });
      audit.push({ at, actor: 'daemon', action, target: `hazard:${after.id}`, before: before === null ? null : { status: before.status, version: before.version }, after: { status: after.status, version: after.version } });
    };
    for (const f of pass.findings) {
      present.add(f.fingerprint);
      const rec = state.findings.get(f.fingerprint);
      if (rec === undefined || rec.state !== f.state || rec.colour !== f.colour) {
        findings.push({
          fingerprint: f.fingerprint, rule: f.rule, subject: f.subject, state: f.state, colour: f.colour,
          firstSeen: rec?.firstSeen ?? at, lastSeen: at, since: at, policyHash: pass.policyHash,
        });
        findingChanges.push({ fingerprint: f.fingerprint, at, from: rec?.state ?? null, to: f.state, colour: f.colour, evidence: f.evidence, explanation: f.explanation, policyHash: pass.policyHash });
      }
      const h = state.hazards.get(f.fingerprint) ?? null;
      if (failing(f.state)) {
        if (h === null) {
          writeHazard(null, openedHazard(f, at, policy), { kind: 'opened', to: 'open' }, 'hazard.open');
        } else if (h.status === 'closed') {
          const after: Hazard = { ...h, version: h.version + 1, status: 'reopened', reopenCount: h.reopenCount + 1, protectedPasses: 0, fixedAt: null, findingState: f.state, lastMeasuredAt: at, updatedAt: at };
          writeHazard(h, after, { kind: 'status', from: 'closed', to: 'reopened' }, 'hazard.reopen');
        } else if (h.protectedPasses > 0) {
          const after: Hazard = { ...h, version: h.version + 1, protectedPasses: 0, findingState: f.state, lastMeasuredAt: at, updatedAt: at };
          writeHazard(h, after, { kind: 'measured', text: 'failing again' }, 'hazard.measured');
        }
      } else if (f.state === 'protected' && h !== null && h.status !== 'closed' && h.status !== 'pendingVerification') {
        const passes = h.protectedPasses + 1;
        const verified = passes >= policy.verifyPasses;
        const after: Hazard = {
          ...h, version: h.version + 1, protectedPasses: passes, findingState: f.state, lastMeasuredAt: at, updatedAt: at,
          ...(verified ? { status: 'pendingVerification' as const, fixedAt: at } : {}),
        };
        writeHazard(h, after, verified ? { kind: 'status', from: h.status, to: 'pendingVerification' } : { kind: 'measured', text: `protected ${passes}` }, verified ? 'hazard.transition' : 'hazard.measured');
      }
    }
    const goneFindings: string[] = [];
    for (const [fp, rec] of state.findings) {
      if (present.has(fp)) continue;
      goneFindings.push(fp);
      findingChanges.push({ fingerprint: fp, at, from: rec.state, to: 'gone', colour: null, evidence: [], explanation: null, policyHash: pass.policyHash });
    }
    return { findings, goneFindings, findingChanges, hazards, events, audit };
  };
}
