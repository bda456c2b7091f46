/**
 * Fills a ledger with `count` new hazards for a benchmark, as the reconciliation would open them:
 * passes of 10,000 hazards, each with its `opened` event and `hazard.open` audit record, through
 * the store's own `applyPass`. `hazardAt(n)` makes the n-th hazard; pass k is dated `t0 + k·10,000`.
 */
import type { LedgerStore, ReconcilePlan } from '../src/ledger/port.js';
import type { AuditEntry, Hazard, HazardEvent } from '../src/ledger/types.js';

/** Hazards per pass. */
export const FILL_BATCH = 10_000;

export async function fillHazards(store: LedgerStore, count: number, hazardAt: (n: number) => Hazard, t0: number, policyHash: string): Promise<void> {
  for (let from = 0; from < count; from += FILL_BATCH) {
    const hazards: Hazard[] = [];
    const events: Omit<HazardEvent, 'seq'>[] = [];
    const audit: AuditEntry[] = [];
    for (let n = from; n < Math.min(count, from + FILL_BATCH); n++) {
      const h = hazardAt(n);
      hazards.push(h);
      events.push({ hazardId: h.id, at: h.foundAt, actor: 'daemon', kind: 'opened', to: 'open' });
      audit.push({ at: h.foundAt, actor: 'daemon', action: 'hazard.open', target: `hazard:${h.id}`, before: null, after: { status: h.status, colour: h.colour } });
    }
    const plan: ReconcilePlan = { findings: [], goneFindings: [], findingChanges: [], hazards, events, audit };
    await store.applyPass({ at: t0 + from, policyHash, findings: [] }, () => plan);
  }
}
