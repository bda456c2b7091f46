/**
 * One change to a hazard, as both the pass (reconcile.ts) and people (lifecycle.ts) make it: the
 * fields changed, the version bumped, and the history event and audit record that carry the
 * changed fields only (before and after). Pure.
 */
import type { Evidence } from '../analysis/finding.js';
import type { AuditEntry, Hazard, HazardEvent, HazardEventKind, HazardStatus } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** Some fields of a hazard, to change. */
export type HazardPatch = Partial<Mutable<Hazard>>;

/** A hazard changed, with its event and audit record (the shape of `HazardChange`'s result). */
export interface HazardStep {
  readonly hazard: Hazard;
  readonly event: Omit<HazardEvent, 'seq'>;
  readonly audit: AuditEntry;
}

/**
 * The fields of a hazard nobody has worked on yet: no plan, no owner or contractor, no funding,
 * open, not fixed, not verified. Both a hazard redline opens and one a person files start so.
 */
export const UNWORKED_HAZARD = {
  grade: null,
  remediationPlan: null,
  governancePlan: null,
  regulatorReport: null,
  supervised: false,
  ownerOrg: null,
  ownerPerson: null,
  contractorOrg: null,
  contractorPerson: null,
  funding: null,
  status: 'open',
  protectedPasses: 0,
  fixedAt: null,
  verification: null,
  closedAt: null,
  reopenCount: 0,
} as const satisfies Partial<Hazard>;

/** What to write into the history and the audit trail about a change. */
export interface ChangeSpec {
  readonly actor: string;
  readonly kind: HazardEventKind;
  /** The audit action, e.g. `hazard.status`. */
  readonly action: string;
  readonly text?: string;
  readonly evidence?: readonly Evidence[];
}

/** Fields every change sets, not worth listing among the changes of an event or audit record. */
const BOOKKEEPING = new Set<string>(['version', 'updatedAt', 'lastMeasuredAt']);

/** Whether two field values are the same (plain data: primitives, arrays, objects). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields a patch really changes, each with its value before and after (bookkeeping left out). */
export function hazardDiff(h: Hazard, patch: HazardPatch): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(patch) as (keyof Hazard)[]) {
    if (BOOKKEEPING.has(key)) continue;
    const after = patch[key];
    if (!same(h[key], after)) out[key] = { before: h[key], after };
  }
  return out;
}

/** The hazard with the patch applied (version + 1, updatedAt), its event and its audit record. */
export function applyPatch(h: Hazard, patch: HazardPatch, at: number, spec: ChangeSpec): HazardStep {
  const changes = hazardDiff(h, patch);
  const hazard: Hazard = { ...h, ...patch, version: h.version + 1, updatedAt: at };
  const to: HazardStatus | undefined = patch.status !== undefined && patch.status !== h.status ? patch.status : undefined;
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(changes)) {
    before[k] = v.before;
    after[k] = v.after;
  }
  return {
    hazard,
    event: {
      hazardId: h.id, at, actor: spec.actor, kind: spec.kind, ...(to !== undefined ? { from: h.status, to } : {}),
      changes,
      ...(spec.text !== undefined ? { text: spec.text } : {}),
      ...(spec.evidence !== undefined ? { evidence: spec.evidence } : {}),
    },
    audit: { at, actor: spec.actor, action: spec.action, target: `hazard:${h.id}`, before, after },
  };
}
