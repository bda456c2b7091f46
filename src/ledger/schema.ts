/**
 * The SQLite schema of the hazard ledger (component `ledger` in `schema_migrations`), as an
 * append-only list: migration k takes the ledger from version k to k + 1. Version 1 held the
 * findings history, hazards, their events and waivers; version 2 added evidence attachments
 * (with their bytes); version 3 the record of each analysis pass. Never edit a released
 * migration: append one, and add its upgrade path to test/ledger/migrations.test.ts.
 *
 * Hazards and waivers are stored whole as JSON, beside the columns that queries filter and sort
 * on; those columns are written from the JSON on every write, so they never disagree with it.
 */

/** The `schema_migrations` component name of the ledger's tables. */
export const LEDGER_COMPONENT = 'ledger';

/** The ledger's migrations, in order. */
export const LEDGER_MIGRATIONS: readonly string[] = [
  // 1: findings history, hazards and their events, waivers.
  `
  -- The current state of every finding redline has judged; gone = 1 once it left the analysis.
  CREATE TABLE ledger_finding (
    fingerprint  TEXT PRIMARY KEY,
    rule         TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    state        TEXT NOT NULL,
    colour       TEXT,
    first_seen   INTEGER NOT NULL,
    last_seen    INTEGER NOT NULL,
    since        INTEGER NOT NULL,
    policy_hash  TEXT NOT NULL,
    gone         INTEGER NOT NULL DEFAULT 0
  );
  -- Each stored change of a finding's state (to_state 'gone' when it left the analysis).
  CREATE TABLE finding_change (
    seq              INTEGER PRIMARY KEY,
    fingerprint      TEXT NOT NULL,
    at               INTEGER NOT NULL,
    from_state       TEXT,
    to_state         TEXT NOT NULL,
    colour           TEXT,
    evidence_json    TEXT NOT NULL,
    explanation_json TEXT,
    policy_hash      TEXT NOT NULL
  );
  -- "what was this finding at t" is one seek on (fingerprint, at); "what changed since t" a range on at.
  CREATE INDEX finding_change_by_fingerprint ON finding_change (fingerprint, at, seq);
  CREATE INDEX finding_change_by_time ON finding_change (at);
  -- colour_rank: 0 red … 3 blue, so that "most severe first, then nearest deadline" is an index order.
  CREATE TABLE hazard (
    id               TEXT PRIMARY KEY,
    fingerprint      TEXT,
    status           TEXT NOT NULL,
    colour           TEXT NOT NULL,
    colour_rank      INTEGER NOT NULL,
    site             TEXT,
    protection_class TEXT NOT NULL,
    owner_person     TEXT,
    rule             TEXT,
    deadline         INTEGER NOT NULL,
    fixed_at         INTEGER,
    closed_at        INTEGER,
    version          INTEGER NOT NULL,
    found_at         INTEGER NOT NULL,
    json             TEXT NOT NULL
  );
  -- status and fixed_at ride along so that the overdue test is answered from the index alone
  CREATE INDEX hazard_by_order ON hazard (colour_rank, deadline, id, status, fixed_at);
  CREATE INDEX hazard_by_status ON hazard (status, colour_rank, deadline, id);
  CREATE INDEX hazard_by_class ON hazard (protection_class, colour_rank, deadline, id);
  CREATE INDEX hazard_by_owner ON hazard (owner_person, colour_rank, deadline, id);
  CREATE INDEX hazard_by_rule ON hazard (rule, colour_rank, deadline, id);
  CREATE INDEX hazard_by_fingerprint ON hazard (fingerprint, found_at);
  -- Overdue is computed (status != closed and coalesce(fixed_at, now) > deadline), never stored:
  -- hazard_by_order carries the columns it needs.
  -- Every site a hazard touches (a pair or a route spans several), for the site filter.
  CREATE TABLE hazard_site (
    site      TEXT NOT NULL,
    hazard_id TEXT NOT NULL REFERENCES hazard (id),
    PRIMARY KEY (site, hazard_id)
  ) WITHOUT ROWID;
  CREATE INDEX hazard_site_by_hazard ON hazard_site (hazard_id);
  CREATE TABLE hazard_event (
    hazard_id TEXT NOT NULL REFERENCES hazard (id),
    seq       INTEGER NOT NULL,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    kind      TEXT NOT NULL,
    json      TEXT NOT NULL,
    PRIMARY KEY (hazard_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE waiver (
    id           TEXT PRIMARY KEY,
    version      INTEGER NOT NULL,
    rule         TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    until        INTEGER NOT NULL,
    revoked_at   INTEGER,
    json         TEXT NOT NULL
  );
  CREATE INDEX waiver_by_until ON waiver (until);
  `,
  // 2: evidence (佐证材料) attached to hazards: comments, links and small files with their bytes.
  `
  CREATE TABLE attachment (
    id        TEXT PRIMARY KEY,
    hazard_id TEXT NOT NULL REFERENCES hazard (id),
    at        INTEGER NOT NULL,
    json      TEXT NOT NULL,
    bytes     BLOB
  );
  CREATE INDEX attachment_by_hazard ON attachment (hazard_id, at, id);
  `,
  // 3: each analysis pass the ledger reconciled: when, under which policy, what it did.
  `
  CREATE TABLE ledger_pass (
    seq          INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    policy_hash  TEXT NOT NULL,
    findings     INTEGER NOT NULL,
    counts_json  TEXT NOT NULL
  );
  CREATE INDEX ledger_pass_by_time ON ledger_pass (at);
  `,
];
