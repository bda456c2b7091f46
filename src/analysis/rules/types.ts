/**
 * The rule plug-in: a rule has a stable id, a family, the schema of its thresholds (the policy
 * validates `config/policy.yaml` against it) and an `evaluate` that reads the snapshot and emits
 * one outcome per subject. Clause, classes, colours and waivers come from the policy and are
 * applied by `analyze.ts`, so a rule only says what it saw.
 */
import type { z } from 'zod';
import type { ProtectionClass } from '../../config/schema.js';
import type { Snapshot } from '../../snapshot/types.js';
import type { Bilingual, Evidence, Finding, FindingState, Severity, Subject } from '../finding.js';
import type { Derived } from '../snapshot-views.js';

/** The rule families (ids are `<FAMILY>-<nnn>`). */
export type RuleFamily = 'NODE' | 'RTE' | 'LOAD' | 'SWO' | 'CFG' | 'PWR' | 'TOPO' | 'OPS';

/**
 * Why a rule or a subject was not judged (coverage reason codes): the data is missing, the
 * evidence register is not configured, the rule is not implemented, the rule does not cover the
 * class, or the subject does not have the thing the rule checks (a fixed switch has no standby
 * supervisor to check).
 */
export const SKIP_REASONS = ['no_data', 'no_register_configured', 'not_implemented', 'not_applicable_to_class', 'not_applicable', 'disabled'] as const;
/** One of SKIP_REASONS. */
export type SkipReason = (typeof SKIP_REASONS)[number];

/** What a rule says about one subject. */
export interface Outcome {
  readonly subject: Subject;
  readonly class: ProtectionClass;
  /** The subject's site, or null when it spans several. */
  readonly site: string | null;
  /** Every site involved (for site filters, overrides and special periods); defaults to [site]. */
  readonly sites?: readonly string[];
  readonly state: FindingState;
  /** Defaults: unprotected and down → spof, degraded → degraded, unknown → evidenceGap. */
  readonly severity?: Severity;
  readonly evidence: readonly Evidence[];
  readonly explanation: Bilingual;
  /** On `unknown`: why, as a stable code counted in coverage (`no_data`, `stale_data`, `no_bfd_table` …). */
  readonly reason?: string;
}

/** What a rule is given. */
export interface RuleContext<T> {
  readonly snapshot: Snapshot;
  readonly now: number;
  /** The operator's IANA time zone: dates and times shown to people are in it, zone named. */
  readonly timeZone: string;
  /** Views of the snapshot shared by the rules (graph, classes, power chain), computed once. */
  readonly derived: Derived;
  /** Whether the rule applies to a subject of this class at these sites (policy classes, enabled, overrides). */
  applies(cls: ProtectionClass, sites: readonly (string | null)[]): boolean;
  /** The thresholds for a subject of this class at these sites (class, site and special-period overrides applied). */
  thresholds(cls: ProtectionClass, sites: readonly (string | null)[]): T;
  emit(outcome: Outcome): void;
  /**
   * A subject the rule could not judge (counted in the summary and the coverage, no finding):
   * `reason` says why in words, `code` as a coverage reason (default `no_data`).
   */
  skip(reason: string, code?: SkipReason): void;
  /** The findings of the rules run before this one in the same pass (OPS-004 compares them with a cutover's); absent outside a pass. */
  readonly earlier?: () => readonly Finding[];
}

/** A rule as its module defines it. */
export interface RuleDefinition<S extends z.ZodObject> {
  readonly id: string;
  readonly family: RuleFamily;
  /** The thresholds' schema: strict, every field with its default. */
  readonly thresholds: S;
  evaluate(ctx: RuleContext<z.output<S>>): void;
}

/** A rule in the registration list (its thresholds type erased). */
export interface RegisteredRule {
  readonly id: string;
  readonly family: RuleFamily;
  readonly thresholds: z.ZodObject;
  evaluate(ctx: RuleContext<Record<string, unknown>>): void;
}

/** Registers a rule definition (erases its thresholds type for the list). */
export function defineRule<S extends z.ZodObject>(def: RuleDefinition<S>): RegisteredRule {
  return def;
}
