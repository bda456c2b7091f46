/**
 * The PostgreSQL schema of the hazard ledger and its audit trail: the same tables, columns and
 * indexes as the SQLite schema (schema.ts, sqlite-db.ts), in PostgreSQL's types (BIGINT times in
 * ms, BYTEA for attachment bytes, identity columns for the sequence numbers, byte-order "C"
 * collation on text so ids sort as they do in SQLite). Components and
 * versions match SQLite's, so one redline version means one schema on either store. Never edit a
 * released migration: append one.
 */

/** The audit trail on PostgreSQL (component `audit`). */
export const PG_AUDIT_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE audit (
    seq       BIGINT PRIMARY KEY,
    at        BIGINT NOT NULL,
    actor     TEXT COLLATE "C" NOT NULL,
    action    TEXT COLLATE "C" NOT NULL,
    target    TEXT COLLATE "C" NOT NULL,
    before    TEXT COLLATE "C",
    after     TEXT COLLATE "C",
    prev_hash TEXT COLLATE "C" NOT NULL,
    hash      TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX audit_by_actor ON audit (actor, seq);
  CREATE INDEX audit_by_action ON audit (action, seq);
  CREATE FUNCTION redline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
  CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION redline_append_only();
  CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION redline_append_only();
  CREATE TABLE audit_checkpoint (
    seq        BIGINT PRIMARY KEY,
    hash       TEXT COLLATE "C" NOT NULL,
    at         BIGINT NOT NULL,
    key_id     TEXT COLLATE "C" NOT NULL,
    signature  TEXT COLLATE "C" NOT NULL
  );
  `,
  `
  CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE OR DELETE ON audit_checkpoint FOR EACH ROW EXECUTE FUNCTION redline_append_only();
  `,
];

/** The ledger on PostgreSQL (component `ledger`). */
export const PG_LEDGER_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE ledger_finding (
    fingerprint  TEXT COLLATE "C" PRIMARY KEY,
    rule         TEXT COLLATE "C" NOT NULL,
    subject_kind TEXT COLLATE "C" NOT NULL,
    subject_id   TEXT COLLATE "C" NOT NULL,
    state        TEXT COLLATE "C" NOT NULL,
    colour       TEXT COLLATE "C",
    first_seen   BIGINT NOT NULL,
    last_seen    BIGINT NOT NULL,
    since        BIGINT NOT NULL,
    policy_hash  TEXT COLLATE "C" NOT NULL,
    gone         SMALLINT NOT NULL DEFAULT 0
  );
  CREATE TABLE finding_change (
    seq              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fingerprint      TEXT COLLATE "C" NOT NULL,
    at               BIGINT NOT NULL,
    from_state       TEXT COLLATE "C",
    to_state         TEXT COLLATE "C" NOT NULL,
    colour           TEXT COLLATE "C",
    evidence_json    TEXT COLLATE "C" NOT NULL,
    explanation_json TEXT COLLATE "C",
    policy_hash      TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX finding_change_by_fingerprint ON finding_change (fingerprint, at, seq);
  CREATE INDEX finding_change_by_time ON finding_change (at);
  CREATE TABLE hazard (
    id               TEXT COLLATE "C" PRIMARY KEY,
    fingerprint      TEXT COLLATE "C",
    status           TEXT COLLATE "C" NOT NULL,
    colour           TEXT COLLATE "C" NOT NULL,
    colour_rank      INTEGER NOT NULL,
    site             TEXT COLLATE "C",
    protection_class TEXT COLLATE "C" NOT NULL,
    owner_person     TEXT COLLATE "C",
    rule             TEXT COLLATE "C",
    deadline         BIGINT NOT NULL,
    fixed_at         BIGINT,
    closed_at        BIGINT,
    version          INTEGER NOT NULL,
    found_at         BIGINT NOT NULL,
    json             TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX hazard_by_order ON hazard (colour_rank, deadline, id, status, fixed_at);
  CREATE INDEX hazard_by_status ON hazard (status, colour_rank, deadline, id);
  CREATE INDEX hazard_by_class ON hazard (protection_class, colour_rank, deadline, id);
  CREATE INDEX hazard_by_owner ON hazard (owner_person, colour_rank, deadline, id);
  CREATE INDEX hazard_by_rule ON hazard (rule, colour_rank, deadline, id);
  CREATE INDEX hazard_by_fingerprint ON hazard (fingerprint, found_at);
  CREATE TABLE hazard_site (
    site      TEXT COLLATE "C" NOT NULL,
    hazard_id TEXT COLLATE "C" NOT NULL REFERENCES hazard (id),
    PRIMARY KEY (site, hazard_id)
  );
  CREATE INDEX hazard_site_by_hazard ON hazard_site (hazard_id);
  CREATE TABLE hazard_event (
    hazard_id TEXT COLLATE "C" NOT NULL REFERENCES hazard (id),
    seq       INTEGER NOT NULL,
    at        BIGINT NOT NULL,
    actor     TEXT COLLATE "C" NOT NULL,
    kind      TEXT COLLATE "C" NOT NULL,
    json      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (hazard_id, seq)
  );
  CREATE TABLE waiver (
    id           TEXT COLLATE "C" PRIMARY KEY,
    version      INTEGER NOT NULL,
    rule         TEXT COLLATE "C" NOT NULL,
    subject_kind TEXT COLLATE "C" NOT NULL,
    subject_id   TEXT COLLATE "C" NOT NULL,
    created_at   BIGINT NOT NULL,
    until        BIGINT NOT NULL,
    revoked_at   BIGINT,
    json         TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX waiver_by_until ON waiver (until);
  `,
  `
  CREATE TABLE attachment (
    id        TEXT COLLATE "C" PRIMARY KEY,
    hazard_id TEXT COLLATE "C" NOT NULL REFERENCES hazard (id),
    at        BIGINT NOT NULL,
    json      TEXT COLLATE "C" NOT NULL,
    bytes     BYTEA
  );
  CREATE INDEX attachment_by_hazard ON attachment (hazard_id, at, id);
  `,
  `
  CREATE TABLE ledger_pass (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           BIGINT NOT NULL,
    policy_hash  TEXT COLLATE "C" NOT NULL,
    findings     INTEGER NOT NULL,
    counts_json  TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX ledger_pass_by_time ON ledger_pass (at);
  `,
];
