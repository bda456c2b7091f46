/**
 * The SQLite schema of the state store as an append-only list of migrations: migration k brings
 * a database from `user_version` k to k + 1. Never edit a released migration; add one.
 */

/** The migrations, in order. `user_version` is the number applied. */
export const MIGRATIONS: readonly string[] = [
  // 1: latest device state (hot head, cold body), device transitions, health state and transitions.
  `
  -- Rewritten on every poll: kept small so that an unchanged poll is a short row update.
  CREATE TABLE device_head (
    device_id            TEXT PRIMARY KEY,
    removed              INTEGER NOT NULL DEFAULT 0,
    reachable            INTEGER NOT NULL,
    observed_at          INTEGER NOT NULL,
    last_success_at      INTEGER,
    consecutive_failures INTEGER NOT NULL,
    digest               TEXT,
    uptime_seconds       REAL
  );
  -- Rewritten only when the observation changed (its uptime lives in device_head).
  CREATE TABLE device_body (
    device_id        TEXT PRIMARY KEY,
    observation_json TEXT NOT NULL,
    states_json      TEXT NOT NULL
  );
  CREATE TABLE device_transition (
    seq        INTEGER PRIMARY KEY,
    device_id  TEXT NOT NULL,
    at         INTEGER NOT NULL,
    subject    TEXT NOT NULL,
    from_state TEXT,
    to_state   TEXT NOT NULL,
    admin_down INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX device_transition_by_device ON device_transition (device_id, at, seq);
  CREATE INDEX device_transition_by_time ON device_transition (at);
  CREATE TABLE health_state (
    check_id             TEXT PRIMARY KEY,
    removed              INTEGER NOT NULL DEFAULT 0,
    result_json          TEXT NOT NULL,
    observed_at          INTEGER NOT NULL,
    last_success_at      INTEGER,
    consecutive_failures INTEGER NOT NULL
  );
  CREATE TABLE health_transition (
    seq          INTEGER PRIMARY KEY,
    check_id     TEXT NOT NULL,
    at           INTEGER NOT NULL,
    from_state   TEXT,
    to_state     TEXT NOT NULL,
    reasons_json TEXT NOT NULL
  );
  CREATE INDEX health_transition_by_check ON health_transition (check_id, at, seq);
  CREATE INDEX health_transition_by_time ON health_transition (at);
  `,
];
