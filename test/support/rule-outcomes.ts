/**
 * One rule's raw outcomes on a snapshot (what it emits before analyze.ts turns outcomes into
 * findings), with the shipped policy's classes and thresholds: for tests of fields the findings
 * may not carry through yet, such as an unknown verdict's reason code.
 */
import { DEFAULT_POLICY_FILE, loadPolicy, ruleApplies, ruleThresholds } from '../../src/analysis/policy.js';
import { RULES } from '../../src/analysis/rules/index.js';
import type { Outcome } from '../../src/analysis/rules/types.js';
import { DEFAULT_TIME_ZONE } from '../../src/analysis/rules/words.js';
import { derive } from '../../src/analysis/snapshot-views.js';
import type { Snapshot } from '../../src/snapshot/types.js';

const policy = loadPolicy(DEFAULT_POLICY_FILE);

/** The outcomes rule `id` emits on `snapshot` at `snapshot.at`. */
export function outcomesOf(id: string, snapshot: Snapshot): Outcome[] {
  const rule = RULES.find((r) => r.id === id);
  if (rule === undefined) throw new Error(`no rule ${id}`);
  const out: Outcome[] = [];
  rule.evaluate({
    snapshot,
    now: snapshot.at,
    timeZone: snapshot.inventory.timeZone ?? DEFAULT_TIME_ZONE,
    derived: derive(snapshot),
    applies: (cls, sites) => ruleApplies(policy, id, cls, sites),
    thresholds: (cls, sites) => ruleThresholds(policy, id, cls, sites, false),
    emit: (o) => { out.push(o); },
    skip: () => undefined,
  });
  return out;
}
