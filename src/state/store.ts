/**
 * The state store: the latest observation of each device and result of each health check, a
 * history of state transitions (not of polls), staleness, and a restart that resumes from disk.
 * `StateStore` is the port; `openSqliteStateStore` is the durable implementation on
 * better-sqlite3 (a real file in WAL mode) and `createMemoryStateStore` (memory-store.ts) the one
 * for unit tests of other code. Both run the same contract suite and the same pure planner (core.ts).
 */
import Database from 'better-sqlite3';
import { RedlineError, errorMessage } from '../common/errors.js';
import {
  DEFAULT_STALE_AFTER_MISSED, byCheckId, byDeviceId, checkLimit, checkQuery, checkTime, deviceStale, healthStale, planDevicePoll, planHealth,
  reviveObservation, statesFromJson, statesToJson, summaryOf, type DeviceBody, type DeviceHead, type HealthRecord,
} from './core.js';
import { MIGRATIONS } from './schema.js';
import { toTransition } from './transitions.js';
import {
  StateStoreError,
  type DevicePollOutcome, type DevicePollResult, type DevicePollWrite, type DeviceState, type DeviceSummary, type HealthResult, type HealthState, type HealthStatus,
  type StalenessClock, type StoredHealthTransition, type StoredTransition, type Transition, type TransitionQuery,
} from './types.js';

/** Where device and health-check state lives. Every method is synchronous and each write is atomic. */
export interface StateStore {
  /**
   * Records one device poll and returns the transitions it stored (oldest first). An unanswered
   * poll keeps the last observation, counts the failure and records `reachability` only once.
   */
  recordDevicePoll(deviceId: string, at: number, result: DevicePollResult): StoredTransition[];
  /**
   * Records several polls in one transaction, in order, each exactly as `recordDevicePoll` would
   * (the daemon's write-behind: one commit per batch instead of one per poll). A poll the store
   * refuses alone (a bad time) is rolled back by itself and reported in its outcome; when the
   * batch cannot commit (locked, disk full) this throws and none of it is stored.
   */
  recordDevicePolls(polls: readonly DevicePollWrite[]): DevicePollOutcome[];
  /** Records one health-check result and returns the up/down transition it stored, if any. */
  recordHealth(result: HealthResult): StoredHealthTransition[];
  /**
   * Records an event the device told of between polls (a trap: subject `trap:<kind>`, `to` the
   * notification's name) in its transitions, beside what polls found; the device's state is untouched.
   */
  recordDeviceEvent(event: Transition): StoredTransition;
  /** The latest state of a device (null if never polled or forgotten); pass a clock to judge staleness by time too. */
  latestDevice(deviceId: string, clock?: StalenessClock): DeviceState | null;
  /** The latest state of every device not forgotten, by device id. */
  latestDevices(clock?: StalenessClock): DeviceState[];
  /**
   * Like latestDevices without the observations (no observation is read or parsed); with `page`,
   * only the devices after `page.after` by id, at most `page.limit` (callers yield between pages).
   */
  deviceSummaries(clock?: StalenessClock, page?: SummaryPage): DeviceSummary[];
  /** The latest result of a health check (null if never run or forgotten). */
  latestHealth(checkId: string, clock?: StalenessClock): HealthState | null;
  /** The latest result of every health check not forgotten, by check id. */
  latestHealthAll(clock?: StalenessClock): HealthState[];
  /** A device's transitions, newest first (forgotten devices' history included). */
  transitions(deviceId: string, query: TransitionQuery): StoredTransition[];
  /** A health check's transitions, newest first. */
  healthTransitions(checkId: string, query: TransitionQuery): StoredHealthTransition[];
  /**
   * Every device's transitions at or after `since`, oldest first, at most `limit`, of the subjects
   * named (`reboot`) or starting with a prefix ending in `:` (`bgp:`), all when absent: one range
   * scan of the time index (OPS-003 reads a fleet's recent changes per pass).
   */
  transitionsSince(since: number, limit: number, subjects?: readonly string[]): StoredTransition[];
  /** A device left the inventory: its latest state is dropped, its history kept. Polling it again starts afresh. */
  forgetDevice(deviceId: string): void;
  /** A health check left the configuration: like forgetDevice. */
  forgetHealth(checkId: string): void;
  /**
   * Retention: deletes device and health transitions older than `olderThan` (ms), oldest first and
   * at most `limit` of each kind when given (callers yield between batches), and returns how many;
   * forgotten devices and checks last seen before then are dropped for good as well.
   */
  pruneTransitions(olderThan: number, limit?: number): number;
  /** Releases the store; later calls throw StateStoreError. Idempotent. */
  close(): void;
}

/** A page of device summaries in id order: the devices after `after` (exclusive; from the first without it), at most `limit`. */
export interface SummaryPage {
  readonly after?: string;
  readonly limit: number;
}

/** Options every implementation takes. */
export interface StateStoreOptions {
  /** Failed polls (or, given a clock, missed intervals) after which state is stale; default 3. */
  readonly staleAfterMissed?: number;
}

/** Options of the SQLite store. */
export interface SqliteStateStoreOptions extends StateStoreOptions {
  /**
   * `normal` (default): in WAL mode a commit survives the process being killed (kill -9, OOM
   * killer); only an OS crash or power cut can lose the last commits, never corrupt the file.
   * `full` also fsyncs the WAL on each commit, surviving power loss at the price of a disk flush per poll.
   */
  readonly synchronous?: 'normal' | 'full';
  /** How long a write waits for another process's lock before failing retryably; default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /**
   * The file never grows past this (SQLite's `max_page_count`): writes then fail with
   * SQLITE_FULL, loudly, instead of filling the disk that other services share. Default: no cap.
   */
  readonly maxSizeBytes?: number;
  /**
   * Opens an existing store for reading only (another connection, e.g. the analysis worker, reads
   * while the daemon writes; WAL lets both run at once). Nothing is migrated; writes throw.
   */
  readonly readOnly?: boolean;
}

interface HeadRow {
  removed: number;
  reachable: number;
  observed_at: number;
  last_success_at: number | null;
  consecutive_failures: number;
  digest: string | null;
  uptime_seconds: number | null;
}

interface LatestRow extends HeadRow {
  device_id: string;
  observation_json: string | null;
}

interface BodyRow {
  observation_json: string;
  states_json: string;
}

interface HealthRow {
  check_id: string;
  removed: number;
  result_json: string;
  observed_at: number;
  last_success_at: number | null;
  consecutive_failures: number;
}

interface TransitionRow {
  seq: number;
  device_id: string;
  at: number;
  subject: string;
  from_state: string | null;
  to_state: string;
  admin_down: number;
}

interface HealthTransitionRow {
  seq: number;
  check_id: string;
  at: number;
  from_state: string | null;
  to_state: string;
  reasons_json: string;
}

const RETRYABLE_CODES = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|INTERRUPT|NOMEM)/;

/** A typed error for a failure of `op`; SQLite's busy, locked, full-disk and I/O errors are retryable. */
function storeError(op: string, err: unknown): RedlineError {
  if (err instanceof RedlineError) return err;
  if (err instanceof Database.SqliteError) {
    return new StateStoreError(`state store: ${op}: ${err.message}`, { retryable: RETRYABLE_CODES.test(err.code), cause: err, code: err.code });
  }
  return new StateStoreError(`state store: ${op}: ${errorMessage(err)}`, { retryable: false, cause: err });
}

function headOf(r: HeadRow): DeviceHead {
  return {
    removed: r.removed === 1,
    reachable: r.reachable === 1,
    observedAt: r.observed_at,
    lastSuccessAt: r.last_success_at,
    consecutiveFailures: r.consecutive_failures,
    digest: r.digest,
    uptimeSeconds: r.uptime_seconds,
  };
}

function transitionOf(r: TransitionRow): StoredTransition {
  return {
    seq: r.seq,
    deviceId: r.device_id,
    at: r.at,
    subject: r.subject,
    from: r.from_state,
    to: r.to_state,
    ...(r.admin_down === 1 ? { adminDown: true as const } : {}),
  };
}

function healthTransitionOf(r: HealthTransitionRow): StoredHealthTransition {
  return {
    seq: r.seq,
    checkId: r.check_id,
    at: r.at,
    from: r.from_state as HealthStatus | null,
    to: r.to_state as HealthStatus,
    reasons: JSON.parse(r.reasons_json) as string[],
  };
}

/** Brings the database to the newest schema, in one transaction; refuses a file from a newer redline. */
function migrate(db: Database.Database, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new StateStoreError(`state store: ${path} has schema version ${version}, newer than this redline knows (${MIGRATIONS.length}); upgrade redline or use another state file`, { retryable: false });
  }
  if (version === MIGRATIONS.length) return;
  db.transaction(() => {
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

/** Opens (creating or migrating) the state store at `path`, a file on a local disk. */
export function openSqliteStateStore(path: string, opts: SqliteStateStoreOptions = {}): StateStore {
  const staleAfter = opts.staleAfterMissed ?? DEFAULT_STALE_AFTER_MISSED;
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: opts.busyTimeoutMs ?? 5000, ...(opts.readOnly === true ? { readonly: true, fileMustExist: true } : {}) });
  } catch (err) {
    throw storeError(`opening ${path}`, err);
  }
  if (opts.readOnly === true) {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== MIGRATIONS.length) {
      db.close();
      throw new StateStoreError(`state store: ${path} has schema version ${version}, this redline reads ${MIGRATIONS.length}`, { retryable: true });
    }
  } else {
    try {
      const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
      if (mode !== 'wal') throw new StateStoreError(`state store: ${path} cannot use WAL (journal_mode stayed "${mode}"); put it on a local disk`, { retryable: false });
      // WAL + NORMAL: a commit is appended to the WAL before it returns, so a killed process loses
      // nothing committed; the fsync happens at checkpoints, so only power loss can drop the tail
      // of the WAL (the database stays consistent). That keeps ~170 polls/s off the disk's flush rate.
      db.pragma(`synchronous = ${opts.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
      // Keep a long-idle WAL from staying at its peak size after a checkpoint.
      db.pragma('journal_size_limit = 67108864');
      migrate(db, path);
      if (opts.maxSizeBytes !== undefined) {
        const pageSize = db.pragma('page_size', { simple: true }) as number;
        db.pragma(`max_page_count = ${Math.max(1, Math.floor(opts.maxSizeBytes / pageSize))}`);
      }
    } catch (err) {
      db.close();
      throw storeError(`opening ${path}`, err);
    }
  }

  const q = {
    heads: db.prepare<[], HeadRow & { device_id: string }>('SELECT device_id, removed, reachable, observed_at, last_success_at, consecutive_failures, digest, uptime_seconds FROM device_head WHERE removed = 0 ORDER BY device_id'),
    headsAfter: db.prepare<[string, number], HeadRow & { device_id: string }>('SELECT device_id, removed, reachable, observed_at, last_success_at, consecutive_failures, digest, uptime_seconds FROM device_head WHERE removed = 0 AND device_id > ? ORDER BY device_id LIMIT ?'),
    head: db.prepare<[string], HeadRow>('SELECT removed, reachable, observed_at, last_success_at, consecutive_failures, digest, uptime_seconds FROM device_head WHERE device_id = ?'),
    body: db.prepare<[string], BodyRow>('SELECT observation_json, states_json FROM device_body WHERE device_id = ?'),
    putHead: db.prepare(`INSERT INTO device_head (device_id, removed, reachable, observed_at, last_success_at, consecutive_failures, digest, uptime_seconds)
      VALUES (@id, 0, @reachable, @observedAt, @lastSuccessAt, @failures, @digest, @uptime)
      ON CONFLICT (device_id) DO UPDATE SET removed = 0, reachable = excluded.reachable, observed_at = excluded.observed_at,
        last_success_at = excluded.last_success_at, consecutive_failures = excluded.consecutive_failures,
        digest = excluded.digest, uptime_seconds = excluded.uptime_seconds`),
    putBody: db.prepare(`INSERT INTO device_body (device_id, observation_json, states_json) VALUES (?, ?, ?)
      ON CONFLICT (device_id) DO UPDATE SET observation_json = excluded.observation_json, states_json = excluded.states_json`),
    addTransition: db.prepare('INSERT INTO device_transition (device_id, at, subject, from_state, to_state, admin_down) VALUES (?, ?, ?, ?, ?, ?)'),
    latest: db.prepare<[string], LatestRow>(`SELECT h.device_id, h.removed, h.reachable, h.observed_at, h.last_success_at, h.consecutive_failures, h.digest, h.uptime_seconds, b.observation_json
      FROM device_head h LEFT JOIN device_body b ON b.device_id = h.device_id WHERE h.device_id = ? AND h.removed = 0`),
    latestAll: db.prepare<[], LatestRow>(`SELECT h.device_id, h.removed, h.reachable, h.observed_at, h.last_success_at, h.consecutive_failures, h.digest, h.uptime_seconds, b.observation_json
      FROM device_head h LEFT JOIN device_body b ON b.device_id = h.device_id WHERE h.removed = 0`),
    forgetHead: db.prepare('UPDATE device_head SET removed = 1 WHERE device_id = ?'),
    forgetBody: db.prepare('DELETE FROM device_body WHERE device_id = ?'),
    health: db.prepare<[string], HealthRow>('SELECT check_id, removed, result_json, observed_at, last_success_at, consecutive_failures FROM health_state WHERE check_id = ?'),
    healthAll: db.prepare<[], HealthRow>('SELECT check_id, removed, result_json, observed_at, last_success_at, consecutive_failures FROM health_state WHERE removed = 0'),
    putHealth: db.prepare(`INSERT INTO health_state (check_id, removed, result_json, observed_at, last_success_at, consecutive_failures)
      VALUES (@id, 0, @json, @observedAt, @lastSuccessAt, @failures)
      ON CONFLICT (check_id) DO UPDATE SET removed = 0, result_json = excluded.result_json, observed_at = excluded.observed_at,
        last_success_at = excluded.last_success_at, consecutive_failures = excluded.consecutive_failures`),
    addHealthTransition: db.prepare('INSERT INTO health_transition (check_id, at, from_state, to_state, reasons_json) VALUES (?, ?, ?, ?, ?)'),
    forgetHealth: db.prepare('UPDATE health_state SET removed = 1 WHERE check_id = ?'),
    pruneDevice: db.prepare('DELETE FROM device_transition WHERE at < ?'),
    pruneHealth: db.prepare('DELETE FROM health_transition WHERE at < ?'),
    pruneDeviceSome: db.prepare('DELETE FROM device_transition WHERE seq IN (SELECT seq FROM device_transition WHERE at < ? ORDER BY at LIMIT ?)'),
    pruneHealthSome: db.prepare('DELETE FROM health_transition WHERE seq IN (SELECT seq FROM health_transition WHERE at < ? ORDER BY at LIMIT ?)'),
    pruneForgottenDevices: db.prepare('DELETE FROM device_head WHERE removed = 1 AND observed_at < ?'),
    pruneForgottenHealth: db.prepare('DELETE FROM health_state WHERE removed = 1 AND observed_at < ?'),
  };

  // One statement per combination of page bounds, prepared on first use, so that each can use
  // the (id, at, seq) index as a range rather than filtering row by row.
  const pageStatements = new Map<string, Database.Statement>();
  const sinceStatements = new Map<string, Database.Statement>();
  const pageOf = (table: 'device_transition' | 'health_transition', query: TransitionQuery): Database.Statement => {
    const key = `${table}|${query.since !== undefined}|${query.before !== undefined}|${query.beforeSeq !== undefined}`;
    let st = pageStatements.get(key);
    if (st === undefined) {
      const idColumn = table === 'device_transition' ? 'device_id' : 'check_id';
      const where = [`${idColumn} = @id`];
      if (query.since !== undefined) where.push('at >= @since');
      if (query.beforeSeq !== undefined) where.push('(at, seq) < (@before, @beforeSeq)');
      else if (query.before !== undefined) where.push('at < @before');
      st = db.prepare(`SELECT * FROM ${table} WHERE ${where.join(' AND ')} ORDER BY at DESC, seq DESC LIMIT @limit`);
      pageStatements.set(key, st);
    }
    return st;
  };
  const pageParams = (id: string, query: TransitionQuery): Record<string, string | number> => ({
    id,
    limit: query.limit,
    ...(query.since !== undefined ? { since: query.since } : {}),
    ...(query.before !== undefined ? { before: query.before } : {}),
    ...(query.beforeSeq !== undefined ? { beforeSeq: query.beforeSeq } : {}),
  });

  const recordPoll = db.transaction((deviceId: string, at: number, result: DevicePollResult): StoredTransition[] => {
    const headRow = q.head.get(deviceId);
    const loadBody = (): DeviceBody | null => {
      const b = q.body.get(deviceId);
      return b === undefined ? null : { observation: reviveObservation(b.observation_json, null), states: statesFromJson(b.states_json) };
    };
    const plan = planDevicePoll(headRow === undefined ? null : headOf(headRow), loadBody, at, result);
    const h = plan.head;
    q.putHead.run({
      id: deviceId,
      reachable: h.reachable ? 1 : 0,
      observedAt: h.observedAt,
      lastSuccessAt: h.lastSuccessAt,
      failures: h.consecutiveFailures,
      digest: h.digest,
      uptime: h.uptimeSeconds,
    });
    if (plan.body !== null) q.putBody.run(deviceId, plan.body.json, statesToJson(plan.body.states));
    return plan.changes.map((c) => {
      const t = toTransition(deviceId, at, c);
      const info = q.addTransition.run(deviceId, at, t.subject, t.from, t.to, c.adminDown ? 1 : 0);
      return { ...t, seq: Number(info.lastInsertRowid) };
    });
  });

  // each poll in a savepoint of its own (a transaction inside a transaction), so one refused poll
  // is rolled back alone while the rest of the batch commits together
  const recordPollsTx = db.transaction((polls: readonly DevicePollWrite[]): DevicePollOutcome[] => polls.map((p) => {
    try {
      checkTime(p.at);
      return { ok: true, transitions: recordPoll(p.deviceId, p.at, p.result) };
    } catch (err) {
      return { ok: false, error: storeError('recordDevicePoll', err) };
    }
  }));

  const recordHealthTx = db.transaction((result: HealthResult): StoredHealthTransition[] => {
    const row = q.health.get(result.checkId);
    const prev: HealthRecord | null = row === undefined ? null : healthRecordOf(row);
    const plan = planHealth(prev, result);
    const r = plan.record;
    q.putHealth.run({ id: result.checkId, json: JSON.stringify(r.result), observedAt: r.observedAt, lastSuccessAt: r.lastSuccessAt, failures: r.consecutiveFailures });
    return plan.transitions.map((t) => {
      const info = q.addHealthTransition.run(t.checkId, t.at, t.from, t.to, JSON.stringify(t.reasons));
      return { ...t, seq: Number(info.lastInsertRowid) };
    });
  });

  const forgetDeviceTx = db.transaction((deviceId: string) => {
    q.forgetHead.run(deviceId);
    q.forgetBody.run(deviceId);
  });
  const pruneTx = db.transaction((olderThan: number, limit: number | undefined): number => {
    q.pruneForgottenDevices.run(olderThan);
    q.pruneForgottenHealth.run(olderThan);
    if (limit === undefined) return q.pruneDevice.run(olderThan).changes + q.pruneHealth.run(olderThan).changes;
    return q.pruneDeviceSome.run(olderThan, limit).changes + q.pruneHealthSome.run(olderThan, limit).changes;
  });

  const deviceStateOf = (r: LatestRow, clock: StalenessClock | undefined): DeviceState => {
    const head = headOf(r);
    return {
      deviceId: r.device_id,
      observation: r.observation_json === null ? null : reviveObservation(r.observation_json, head.uptimeSeconds),
      observedAt: head.observedAt,
      lastSuccessAt: head.lastSuccessAt,
      consecutiveFailures: head.consecutiveFailures,
      reachable: head.reachable,
      stale: deviceStale(r.device_id, head, staleAfter, clock),
    };
  };
  const healthStateOf = (r: HealthRow, clock: StalenessClock | undefined): HealthState => {
    const rec = healthRecordOf(r);
    return {
      checkId: r.check_id,
      result: rec.result,
      observedAt: rec.observedAt,
      lastSuccessAt: rec.lastSuccessAt,
      consecutiveFailures: rec.consecutiveFailures,
      stale: healthStale(r.check_id, rec.observedAt, staleAfter, clock),
    };
  };

  let closed = false;
  /** Runs `fn` on the open database, turning every failure into a typed error. */
  const guard = <T>(op: string, fn: () => T): T => {
    if (closed) throw new StateStoreError(`state store: ${op}: the store is closed`, { retryable: false });
    try {
      return fn();
    } catch (err) {
      throw storeError(op, err);
    }
  };

  return {
    recordDevicePoll: (deviceId, at, result) => guard('recordDevicePoll', () => {
      checkTime(at);
      // IMMEDIATE: take the write lock before reading the head, so that two processes writing the
      // same file cannot both plan from the same previous state.
      return recordPoll.immediate(deviceId, at, result);
    }),
    recordDevicePolls: (polls) => guard('recordDevicePoll', () => (polls.length === 0 ? [] : recordPollsTx.immediate(polls))),
    recordHealth: (result) => guard('recordHealth', () => recordHealthTx.immediate(result)),
    recordDeviceEvent: (e) => guard('recordDeviceEvent', () => {
      checkTime(e.at);
      const info = q.addTransition.run(e.deviceId, e.at, e.subject, e.from, e.to, e.adminDown === true ? 1 : 0);
      return { ...e, seq: Number(info.lastInsertRowid) };
    }),
    latestDevice: (deviceId, clock) => guard('latestDevice', () => {
      const r = q.latest.get(deviceId);
      return r === undefined ? null : deviceStateOf(r, clock);
    }),
    deviceSummaries: (clock, page) => guard('deviceSummaries', () => {
      if (page !== undefined) checkLimit(page.limit);
      const rows = page === undefined ? q.heads.all() : q.headsAfter.all(page.after ?? '', page.limit);
      return rows.map((r) => summaryOf(r.device_id, headOf(r), staleAfter, clock));
    }),
    latestDevices: (clock) => guard('latestDevices', () => q.latestAll.all().map((r) => deviceStateOf(r, clock)).sort(byDeviceId)),
    latestHealth: (checkId, clock) => guard('latestHealth', () => {
      const r = q.health.get(checkId);
      return r === undefined || r.removed === 1 ? null : healthStateOf(r, clock);
    }),
    latestHealthAll: (clock) => guard('latestHealthAll', () => q.healthAll.all().map((r) => healthStateOf(r, clock)).sort(byCheckId)),
    transitions: (deviceId, query) => guard('transitions', () => {
      checkQuery(query);
      return (pageOf('device_transition', query).all(pageParams(deviceId, query)) as TransitionRow[]).map(transitionOf);
    }),
    transitionsSince: (since, limit, subjects) => guard('transitionsSince', () => {
      checkQuery({ limit, since });
      const key = subjects === undefined ? '*' : `=${subjects.join('\u0000')}`;
      let st = sinceStatements.get(key);
      if (st === undefined) {
        const match = subjects === undefined ? '' : ` AND (${subjects.length === 0 ? '0' : subjects.map(() => '(subject = ? OR (substr(?, -1) = \':\' AND substr(subject, 1, length(?)) = ?))').join(' OR ')})`;
        st = db.prepare(`SELECT * FROM device_transition WHERE at >= ?${match} ORDER BY at, seq LIMIT ?`);
        sinceStatements.set(key, st);
      }
      const params = (subjects ?? []).flatMap((x) => [x, x, x, x]);
      return (st.all(since, ...params, limit) as TransitionRow[]).map(transitionOf);
    }),
    healthTransitions: (checkId, query) => guard('healthTransitions', () => {
      checkQuery(query);
      return (pageOf('health_transition', query).all(pageParams(checkId, query)) as HealthTransitionRow[]).map(healthTransitionOf);
    }),
    forgetDevice: (deviceId) => { guard('forgetDevice', () => { forgetDeviceTx.immediate(deviceId); }); },
    forgetHealth: (checkId) => { guard('forgetHealth', () => { q.forgetHealth.run(checkId); }); },
    pruneTransitions: (olderThan, limit) => guard('pruneTransitions', () => {
      checkTime(olderThan, 'olderThan');
      checkLimit(limit);
      return pruneTx.immediate(olderThan, limit);
    }),
    close: () => {
      if (closed) return;
      closed = true;
      try {
        db.close();
      } catch (err) {
        throw storeError('close', err);
      }
    },
  };
}

function healthRecordOf(r: HealthRow): HealthRecord {
  return {
    result: JSON.parse(r.result_json) as HealthResult,
    removed: r.removed === 1,
    observedAt: r.observed_at,
    lastSuccessAt: r.last_success_at,
    consecutiveFailures: r.consecutive_failures,
  };
}
