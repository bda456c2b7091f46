/**
 * The ledger schema upgrades from every earlier version: for each version k (0 = a new file, or
 * a file holding only the audit trail), a database is built with the migrations up to k and
 * filled with rows written the way that version's code wrote them (plain SQL against that
 * version's tables), then opened with the current code: everything must read back intact, and
 * every write must work on it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstChainBreak } from '../../src/ledger/audit-chain.js';
import { LEDGER_COMPONENT, LEDGER_MIGRATIONS } from '../../src/ledger/schema.js';
import { appendAuditSync, migrate, openLedgerDb, schemaVersion, type LedgerDb } from '../../src/ledger/sqlite-db.js';
import { openSqliteLedgerStore, type SqliteLedgerStore } from '../../src/ledger/sqlite-store.js';
import type { Hazard, LedgerWaiver } from '../../src/ledger/types.js';
import { simplePlanner, testFinding, testHazard } from './simple-planner.js';
import { allAudit } from './store-contract.js';

const T0 = Date.UTC(2026, 9, 1, 8);
const MIN = 60_000;
const POLICY = 'b'.repeat(64);

const H1: Hazard = testHazard({ subjectId: 'dev-1', foundAt: T0, ownerPerson: 'bob', status: 'acknowledged', version: 2, location: { siteId: null, sites: ['site-a', 'site-b'] } });
const W1: LedgerWaiver = {
  id: 'w1', version: 1, rule: 'PWR-001', subject: { kind: 'device', id: 'dev-9' }, reason: 'imported from policy.yaml', approvedBy: 'ops-lead',
  scope: [], createdAt: T0, until: T0 + 30 * 86_400_000, revokedAt: null, source: 'policy.yaml',
};
const FILE_BYTES = Buffer.from('signed work order, version 1 of the ledger era\n');

/** Rows as version 1 of the ledger wrote them: findings (one gone), their changes, a hazard with its sites and events, a waiver, audit records. */
function seedV1(db: LedgerDb): void {
  const finding = db.prepare('INSERT INTO ledger_finding (fingerprint, rule, subject_kind, subject_id, state, colour, first_seen, last_seen, since, policy_hash, gone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  finding.run('PWR-001:device:dev-1', 'PWR-001', 'device', 'dev-1', 'unprotected', 'orange', T0, T0 + MIN, T0, POLICY, 0);
  finding.run('PWR-001:device:dev-2', 'PWR-001', 'device', 'dev-2', 'protected', null, T0, T0 + MIN, T0, POLICY, 0);
  finding.run('PWR-001:device:dev-3', 'PWR-001', 'device', 'dev-3', 'degraded', 'yellow', T0, T0, T0, POLICY, 1);
  const change = db.prepare('INSERT INTO finding_change (fingerprint, at, from_state, to_state, colour, evidence_json, explanation_json, policy_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  change.run('PWR-001:device:dev-1', T0, null, 'unprotected', 'orange', '[{"what":"psu-1","value":"failed","observedAt":null}]', '{"en":"dev-1 is unprotected","zh":"dev-1 unprotected"}', POLICY);
  change.run('PWR-001:device:dev-2', T0, null, 'protected', null, '[]', '{"en":"dev-2 is protected","zh":"dev-2 protected"}', POLICY);
  change.run('PWR-001:device:dev-3', T0, null, 'degraded', 'yellow', '[]', '{"en":"dev-3 is degraded","zh":"dev-3 degraded"}', POLICY);
  change.run('PWR-001:device:dev-3', T0 + MIN, 'degraded', 'gone', null, '[]', null, POLICY);
  db.prepare(`INSERT INTO hazard (id, fingerprint, status, colour, colour_rank, site, protection_class, owner_person, rule, deadline, fixed_at, closed_at, version, found_at, json)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(H1.id, H1.fingerprint, H1.status, H1.colour, 1, null, H1.protectionClass, H1.ownerPerson, H1.rule, H1.deadline, null, null, H1.version, H1.foundAt, JSON.stringify(H1));
  db.prepare('INSERT INTO hazard_site (site, hazard_id) VALUES (?, ?), (?, ?)').run('site-a', H1.id, 'site-b', H1.id);
  const event = db.prepare('INSERT INTO hazard_event (hazard_id, seq, at, actor, kind, json) VALUES (?, ?, ?, ?, ?, ?)');
  event.run(H1.id, 1, T0, 'daemon', 'opened', JSON.stringify({ hazardId: H1.id, seq: 1, at: T0, actor: 'daemon', kind: 'opened', to: 'open' }));
  event.run(H1.id, 2, T0 + MIN, 'bob', 'status', JSON.stringify({ hazardId: H1.id, seq: 2, at: T0 + MIN, actor: 'bob', kind: 'status', from: 'open', to: 'acknowledged' }));
  db.prepare('INSERT INTO waiver (id, version, rule, subject_kind, subject_id, created_at, until, revoked_at, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(W1.id, 1, W1.rule, 'device', 'dev-9', W1.createdAt, W1.until, null, JSON.stringify(W1));
  appendAuditSync(db, [
    { at: T0, actor: 'daemon', action: 'hazard.open', target: `hazard:${H1.id}`, before: null, after: { status: 'open' } },
    { at: T0 + MIN, actor: 'bob', action: 'hazard.transition', target: `hazard:${H1.id}`, before: { status: 'open' }, after: { status: 'acknowledged' } },
    { at: T0 + MIN, actor: 'cli:root', action: 'waiver.import', target: 'waiver:w1', before: null, after: { until: W1.until } },
  ]);
}

/** Rows as version 2 wrote them: a file attached to the hazard, with its bytes. */
function seedV2(db: LedgerDb): void {
  const a = { id: 'a1', hazardId: H1.id, at: T0 + MIN, by: 'bob', kind: 'file', text: 'work order', ref: 'order.txt', mediaType: 'text/plain', size: FILE_BYTES.length, sha256: 'x' };
  db.prepare('INSERT INTO attachment (id, hazard_id, at, json, bytes) VALUES (?, ?, ?, ?, ?)').run(a.id, a.hazardId, a.at, JSON.stringify(a), FILE_BYTES);
  appendAuditSync(db, [{ at: T0 + MIN, actor: 'bob', action: 'hazard.evidence', target: `hazard:${H1.id}`, before: null, after: { attachment: 'a1' } }]);
}

/** Rows as version 3 wrote them: the passes. */
function seedV3(db: LedgerDb): void {
  const p = db.prepare('INSERT INTO ledger_pass (at, policy_hash, findings, counts_json) VALUES (?, ?, ?, ?)');
  p.run(T0, POLICY, 3, '{}');
  p.run(T0 + MIN, POLICY, 2, '{}');
}

const SEEDS = [seedV1, seedV2, seedV3];

describe('ledger schema upgrades', () => {
  let dir = '';
  let file = '';
  const open: SqliteLedgerStore[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'redline-ledger-migrate-'));
    file = join(dir, 'ledger.db');
  });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const openCurrent = (): SqliteLedgerStore => {
    const s = openSqliteLedgerStore(file);
    open.push(s);
    return s;
  };

  it('every version has a seed here, so a new migration cannot go untested', () => {
    expect(SEEDS.length).toBe(LEDGER_MIGRATIONS.length);
  });

  /** Every kind of write, on whatever the upgrade left. */
  async function expectWritable(store: SqliteLedgerStore, seeded: boolean): Promise<void> {
    const at = T0 + 10 * MIN;
    let seenFindings: readonly string[] = [];
    const planner = simplePlanner();
    await store.applyPass({ at, policyHash: POLICY, findings: [testFinding({ id: 'dev-1', state: 'protected' }), testFinding({ id: 'dev-2', state: 'protected' }), testFinding({ id: 'dev-4', state: 'unprotected' })] }, (state, p) => {
      seenFindings = [...state.findings.keys()].sort();
      return planner(state, p);
    });
    expect(seenFindings).toEqual(seeded ? ['PWR-001:device:dev-1', 'PWR-001:device:dev-2'] : []);
    const now = await store.findingsAt(at, { limit: 10, offset: 0 });
    expect(now.items.map((f) => [f.subject.id, f.state])).toEqual([['dev-1', 'protected'], ['dev-2', 'protected'], ['dev-4', 'unprotected']]);
    const filed = testHazard({ subjectId: 'ups-1', foundAt: at, fingerprint: null, foundByMethod: 'patrol', foundBy: 'pat' });
    await store.createHazard(filed, { at, actor: 'pat', action: 'hazard.create', target: `hazard:${filed.id}`, before: null, after: null });
    await store.addAttachment({ id: 'a2', hazardId: filed.id, at, by: 'pat', kind: 'file', text: 'photo', ref: 'p.jpg' }, Buffer.from('jpeg'), { at, actor: 'pat', action: 'hazard.evidence', target: `hazard:${filed.id}`, before: null, after: null });
    await store.createWaiver({ ...W1, id: 'w2', createdAt: at, until: at + 86_400_000, source: 'api' }, { at, actor: 'admin', action: 'waiver.create', target: 'waiver:w2', before: null, after: null });
    await store.updateHazard(filed.id, 1, (h) => ({
      hazard: { ...h, version: 2, ownerPerson: 'pat', status: 'acknowledged' },
      event: { hazardId: h.id, at, actor: 'pat', kind: 'status', from: 'open', to: 'acknowledged' },
      audit: { at, actor: 'pat', action: 'hazard.transition', target: `hazard:${h.id}`, before: null, after: null },
    }));
    expect((await store.attachmentBytes('a2'))?.toString()).toBe('jpeg');
    expect(firstChainBreak(await allAudit(store))).toBeNull();
  }

  it('from version 0, a new file: creates the schema and works', async () => {
    const store = openCurrent();
    expect(schemaVersion(store.db, LEDGER_COMPONENT)).toBe(LEDGER_MIGRATIONS.length);
    await expectWritable(store, false);
  });

  it('from version 0, a file that holds only the audit trail: keeps its records and works', async () => {
    const db = openLedgerDb(file);
    appendAuditSync(db, [{ at: T0, actor: 'cli:root', action: 'token.create', target: 'token:ops', before: null, after: { role: 'operator' } }]);
    db.close();
    const store = openCurrent();
    expect((await store.audit({ limit: 10 })).map((r) => r.action)).toEqual(['token.create']);
    await expectWritable(store, false);
  });

  it.each(LEDGER_MIGRATIONS.map((_, i) => i + 1))('from version %i: every row intact and usable', async (version) => {
    const db = openLedgerDb(file);
    migrate(db, LEDGER_COMPONENT, LEDGER_MIGRATIONS.slice(0, version));
    expect(schemaVersion(db, LEDGER_COMPONENT)).toBe(version);
    db.transaction(() => { for (const seed of SEEDS.slice(0, version)) seed(db); })();
    const auditBefore = [...db.prepare('SELECT * FROM audit ORDER BY seq').all()];
    db.close();

    const store = openCurrent();
    expect(schemaVersion(store.db, LEDGER_COMPONENT)).toBe(LEDGER_MIGRATIONS.length);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect([...store.db.prepare('SELECT * FROM audit ORDER BY seq').all()]).toEqual(auditBefore);
    expect(firstChainBreak(await allAudit(store))).toBeNull();

    expect(await store.hazard(H1.id)).toEqual(H1);
    for (const site of ['site-a', 'site-b']) expect((await store.hazards({ now: T0, site: [site], limit: 10, offset: 0 })).items).toEqual([H1]);
    expect((await store.hazards({ now: T0, owner: ['bob'], status: ['acknowledged'], colour: ['orange'], limit: 10, offset: 0 })).total).toBe(1);
    expect((await store.hazardEvents(H1.id, { limit: 10 })).map((e) => [e.seq, e.kind, e.actor])).toEqual([[1, 'opened', 'daemon'], [2, 'status', 'bob']]);
    expect(await store.waivers({ activeAt: T0 + MIN })).toEqual([W1]);
    const then = await store.findingsAt(T0, { limit: 10, offset: 0 });
    expect(then.items.map((f) => [f.subject.id, f.state, f.lastSeen])).toEqual([['dev-1', 'unprotected', T0], ['dev-2', 'protected', T0], ['dev-3', 'degraded', T0]]);
    const later = await store.findingsAt(T0 + MIN, { limit: 10, offset: 0 });
    expect(later.items.map((f) => [f.subject.id, f.state, f.lastSeen])).toEqual([['dev-1', 'unprotected', T0 + MIN], ['dev-2', 'protected', T0 + MIN]]);
    expect((await store.findingChanges('PWR-001:device:dev-3', { limit: 10 })).map((c) => c.to)).toEqual(['gone', 'degraded']);
    if (version >= 2) {
      expect((await store.attachments(H1.id)).map((a) => a.id)).toEqual(['a1']);
      expect((await store.attachmentBytes('a1'))?.equals(FILE_BYTES)).toBe(true);
    } else {
      expect(await store.attachments(H1.id)).toEqual([]);
    }

    await expectWritable(store, true);
    // the upgraded hazard takes part in the pass: dev-1 protected once more
    expect(await store.hazard(H1.id)).toMatchObject({ version: 3, protectedPasses: 1, status: 'acknowledged' });
  });
});
