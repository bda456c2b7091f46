/**
 * Test-data builders for the hazard ledger's pure code: a finding as the analysis emits it, a
 * stored hazard at any status, a pass, and a ledger state built from records and hazards.
 */
import { UNWORKED_HAZARD } from '../../src/ledger/hazard-patch.js';
import type { Colour, Finding, FindingState, Subject } from '../../src/analysis/finding.js';
import { RISK_LEVEL_ZH } from '../../src/analysis/finding.js';
import type { LedgerState, PassInput } from '../../src/ledger/port.js';
import type { FindingRecord, Hazard } from '../../src/ledger/types.js';

/** An instant from an ISO text. */
export const T = (iso: string): number => Date.parse(iso);

/** A finding of NODE-001 on device `cr1` (or the subject given), failing unprotected and red unless told otherwise. */
export function finding(over: Partial<Finding> & { readonly state?: FindingState; readonly subject?: Subject } = {}): Finding {
  const subject = over.subject ?? { kind: 'device', id: 'cr1' };
  const rule = over.rule ?? 'NODE-001';
  const state = over.state ?? 'unprotected';
  const colour: Colour | null = 'colour' in over ? over.colour ?? null : state === 'protected' || state === 'unknown' ? null : 'red';
  return {
    fingerprint: `${rule}|${subject.kind}|${subject.id}`,
    rule,
    subject,
    state,
    colour,
    riskLevel: colour === null ? null : RISK_LEVEL_ZH[colour],
    risk: null,
    severity: colour === null ? null : 'spof',
    class: 'PC-CORE',
    site: 'sh-core',
    sites: ['sh-core'],
    measure: 'multipleNodes',
    labels: { measure: { zh: '多重节点', en: 'multiple nodes' }, state: { zh: state, en: state } },
    clause: 'MIIT-2023-46/2.3',
    clauses: [{ id: 'MIIT-2023-46/2.3', cite: { zh: '工信厅通信函〔2023〕46号 二、（三）', en: 'MIIT Notice No. 46 [2023], section 2(3)' } }],
    basis: ['GB 51194'],
    suggestedHazardGrade: state === 'unprotected' || state === 'degraded' ? '重大隐患' : null,
    fault: state === 'down',
    evidence: [{ what: 'psu.ok', value: 1, observedAt: null }],
    explanation: { zh: `${subject.id} 只有一个电源`, en: `${subject.id} has one PSU` },
    ...over,
  };
}

/** A pass at `at` with these findings. */
export function pass(at: number, findings: readonly Finding[], policyHash = 'p1'): PassInput {
  return { at, policyHash, findings };
}

/** A ledger state holding these records and hazards (keyed by fingerprint). */
export function ledgerState(records: readonly FindingRecord[] = [], hazards: readonly Hazard[] = []): LedgerState {
  return {
    findings: new Map(records.map((r) => [r.fingerprint, r])),
    hazards: new Map(hazards.filter((h) => h.fingerprint !== null).map((h) => [h.fingerprint!, h])),
  };
}

/** A stored hazard of NODE-001 on cr1, open and red since 2026-12-01, with any field overridden. */
export function hazard(over: Partial<Hazard> = {}): Hazard {
  const at = T('2026-12-01T00:00:00Z');
  return {
    id: 'NODE-001:device:cr1:2026-12-01T00:00:00.000Z',
    version: 1,
    fingerprint: 'NODE-001|device|cr1',
    rule: 'NODE-001',
    subject: { kind: 'device', id: 'cr1' },
    location: { siteId: 'sh-core', sites: ['sh-core'], neId: 'cr1' },
    protectionClass: 'PC-CORE',
    measure: 'multipleNodes',
    category: '网络架构-节点',
    description: { zh: 'cr1 只有一个电源', en: 'cr1 has one PSU' },
    basis: [],
    colour: 'red',
    suggestedGrade: '重大隐患',
    foundAt: at,
    foundBy: 'daemon',
    foundByMethod: 'auto-rule',
    reportingOrg: null,
    potentialConsequence: null,
    interimControls: null,
    ...UNWORKED_HAZARD,
    deadline: at + 7 * 86_400_000,
    findingState: 'unprotected',
    lastMeasuredAt: at,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}
