/**
 * What the analysis says about one subject under one rule: the `Finding`, its states, risk
 * colours and evidence. These shapes are the JSON contract of `GET /api/v1/findings`: change
 * them only additively.
 */
import type { ProtectionClass } from '../config/schema.js';

/** The four risk colours of the 双重预防 mechanism, lowest first (protection-policy.md §4). */
export const COLOURS = ['blue', 'yellow', 'orange', 'red'] as const;
/** A risk colour: red 重大, orange 较大, yellow 一般, blue 低. */
export type Colour = (typeof COLOURS)[number];

/** The risk level (风险等级) of each colour, in full: 重大风险 / 较大风险 / 一般风险 / 低风险. */
export const RISK_LEVEL_ZH = { red: '重大风险', orange: '较大风险', yellow: '一般风险', blue: '低风险' } as const satisfies Record<Colour, string>;
/** One of the four risk levels (风险等级) of the 双重预防 mechanism. */
export type RiskLevel = (typeof RISK_LEVEL_ZH)[Colour];

/** Raises a colour by `steps` (blue→yellow→orange→red), never past red. */
export function raiseColour(c: Colour, steps: number): Colour {
  return COLOURS[Math.min(COLOURS.length - 1, COLOURS.indexOf(c) + Math.max(0, steps))]!;
}

/** Lowers a colour by `steps`, never below blue. */
export function lowerColour(c: Colour, steps: number): Colour {
  return COLOURS[Math.max(0, COLOURS.indexOf(c) - Math.max(0, steps))]!;
}

/**
 * The protection state of a subject. `protected`: meets the rule. `degraded`: redundancy is there
 * but below the minimum (one member failed, evidence stale). `unprotected`: up, but one failure
 * from an outage. `down`: the protected thing is not working. `unknown`: the data needed is stale
 * or missing, so redline does not guess.
 */
export const FINDING_STATES = ['protected', 'degraded', 'unprotected', 'down', 'unknown'] as const;
/** One of FINDING_STATES. */
export type FindingState = (typeof FINDING_STATES)[number];

/**
 * How bad a failure is, which picks its colour from the policy's risk mapping: a true single
 * point of failure, a degraded redundancy (one level lower), or an evidence gap (nothing known
 * broken, but the proof is stale or missing).
 */
export const SEVERITIES = ['spof', 'degraded', 'evidenceGap'] as const;
/** One of SEVERITIES. */
export type Severity = (typeof SEVERITIES)[number];

/** The six protection measures of MIIT-2023-46 §2.3. */
export const MEASURES = ['multipleNodes', 'multipleRoutes', 'loadSharing', 'automaticSwitchover', 'redundantConfiguration', 'multiplePower'] as const;
/** One of MEASURES. */
export type Measure = (typeof MEASURES)[number];

/** What kind of thing a finding is about. */
export const SUBJECT_KINDS = [
  'device', 'pair', 'service', 'site', 'link', 'protectionGroup', 'lag', 'loadSet', 'fhrpGroup', 'adjacency', 'redundancy',
] as const;
/** One of SUBJECT_KINDS. */
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** The subject of a finding: stable across runs (the ledger keys hazards by rule + subject). */
export interface Subject {
  readonly kind: SubjectKind;
  readonly id: string;
}

/** One fact behind a verdict. */
export interface Evidence {
  readonly what: string;
  readonly value: string | number | boolean | null;
  /** When the fact was observed (ISO 8601), null for inventory facts. */
  readonly observedAt: string | null;
}

/** A sentence in each language. */
export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

/** One rule's verdict on one subject. */
export interface Finding {
  /** Stable: derived from rule and subject only. */
  readonly fingerprint: string;
  readonly rule: string;
  readonly subject: Subject;
  readonly state: FindingState;
  /** Risk colour of the failure (a 双重预防 risk level, not an emergency-warning colour); null when protected. */
  readonly colour: Colour | null;
  /** The risk level (风险等级) in full: 重大风险 / 较大风险 / 一般风险 / 低风险; null when protected. */
  readonly riskLevel: RiskLevel | null;
  /** The risk level and its colour labelled in both languages; null when protected. */
  readonly risk: { readonly level: Bilingual; readonly colour: Bilingual } | null;
  readonly severity: Severity | null;
  readonly class: ProtectionClass;
  /** The subject's site; null when it spans several (see `sites`). */
  readonly site: string | null;
  readonly sites: readonly string[];
  readonly measure: Measure;
  /** The measure and the state in both languages (多重节点 …, 已保护 …). */
  readonly labels: { readonly measure: Bilingual; readonly state: Bilingual };
  /** The stable machine id of the notice clause the rule enforces, e.g. `MIIT-2023-46/2.3`. */
  readonly clause: string;
  /** Every clause the rule rests on (the main one first), each with its citation in both languages. */
  readonly clauses: readonly { readonly id: string; readonly cite: Bilingual }[];
  readonly basis: readonly string[];
  /**
   * The hazard grade (隐患等级) the rule suggests for a failing state, for a person to confirm in
   * the ledger; null when protected or unknown, and when down (a fault, 故障, not a hazard).
   */
  readonly suggestedHazardGrade: '一般隐患' | '重大隐患' | null;
  /** True when the subject is down: an incident to handle as a fault (故障), not a hazard. */
  readonly fault: boolean;
  /** Why the state is unknown, as a stable code (`no_data`, `stale_data`, `no_bfd_table` …); only on unknown. */
  readonly reason?: string;
  readonly evidence: readonly Evidence[];
  readonly explanation: Bilingual;
  /** The special period (§5) that raised the colour. */
  readonly period?: { readonly id: string; readonly name: string };
  /** An active waiver: the finding stands, but is accepted until `until`. */
  readonly waived?: { readonly reason: string; readonly until: string };
}

/** A fact at a time, as evidence. */
export function fact(what: string, value: Evidence['value'], at: number | null = null): Evidence {
  return { what, value, observedAt: at === null ? null : new Date(at).toISOString() };
}
