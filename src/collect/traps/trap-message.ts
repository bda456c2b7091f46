/**
 * A received notification read into a plain, bounded shape. Whatever a sender put in the
 * datagram is hostile input: the notification OID must be a dotted OID, at most
 * TRAP_MAX_VARBINDS varbinds are kept, and every value becomes text capped at
 * TRAP_TEXT_CAP_BYTES with control and bidi characters made visible (src/common/text.ts), so that
 * nothing a device sends can forge a log line or a console row.
 */
import { capText, neutralise } from '../../common/text.js';

/** Most varbinds of one trap kept (the rest are counted in `droppedVarbinds`). */
export const TRAP_MAX_VARBINDS = 32;
/** Most bytes (UTF-8) of one varbind value kept as text. */
export const TRAP_TEXT_CAP_BYTES = 256;
/** Longest OID accepted (characters): real notification OIDs are far shorter. */
const MAX_OID_CHARS = 256;

/** snmpTrapOID.0: the second varbind of a v2c/v3 notification names it (RFC 3416 §4.2.6). */
export const SNMP_TRAP_OID = '1.3.6.1.6.3.1.1.4.1.0';
/** The generic traps' OIDs (RFC 3584 §3.1: v1 generic-trap n becomes snmpTraps.(n+1)). */
const SNMP_TRAPS = '1.3.6.1.6.3.1.1.5';

/** PDU types as net-snmp numbers them (RFC 3416 tags). */
const PDU_TRAP_V1 = 164;
const PDU_INFORM = 166;
const PDU_TRAP_V2 = 167;

/** One varbind as text, safe to show. */
export interface TrapVarbind {
  readonly oid: string;
  readonly value: string;
}

/** A notification as redline keeps it. `community` and `user` say how it authenticated (never logged). */
export interface ReceivedTrap {
  readonly source: string;
  readonly pdu: 'trap' | 'trapv2' | 'inform';
  readonly community?: string;
  readonly user?: string;
  readonly trapOid: string;
  readonly varbinds: readonly TrapVarbind[];
  readonly droppedVarbinds: number;
}

const OID = /^\d+(\.\d+){1,127}$/;

function isOid(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_OID_CHARS && OID.test(v);
}

/** A value as capped, neutralised text: octet strings that are valid UTF-8 as text, others in hex. */
export function varbindText(value: unknown): string {
  let text: string;
  if (Buffer.isBuffer(value)) {
    // valid UTF-8 is text (neutralised below); anything else is binary, shown in hex
    const utf8 = value.toString('utf8');
    text = Buffer.from(utf8, 'utf8').equals(value) ? utf8 : `0x${value.subarray(0, TRAP_TEXT_CAP_BYTES / 2).toString('hex')}`;
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    text = String(value);
  } else if (value === null || value === undefined) {
    text = '';
  } else {
    text = '(unreadable value)';
  }
  const capped = capText(text, TRAP_TEXT_CAP_BYTES);
  return neutralise(capped.truncated ? `${capped.text}…` : capped.text);
}

/** Why a datagram that net-snmp decoded is still not a trap redline reads. */
export class TrapShapeError extends Error {}

function record(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
}

/**
 * Reads net-snmp's notification (`{ pdu, rinfo }`) into a ReceivedTrap. Throws TrapShapeError
 * (whose message holds no sender-supplied text) when it has no readable notification OID.
 */
export function readNotification(notification: unknown): ReceivedTrap {
  const n = record(notification);
  const pdu = record(n?.['pdu']);
  const rinfo = record(n?.['rinfo']);
  const source = rinfo?.['address'];
  if (pdu === null || typeof source !== 'string') throw new TrapShapeError('no PDU or no source address');
  const type = pdu['type'];
  const kind = type === PDU_TRAP_V1 ? 'trap' : type === PDU_TRAP_V2 ? 'trapv2' : type === PDU_INFORM ? 'inform' : null;
  if (kind === null) throw new TrapShapeError('not a trap or inform PDU');
  const raw = Array.isArray(pdu['varbinds']) ? (pdu['varbinds'] as unknown[]) : [];
  let trapOid: unknown;
  if (kind === 'trap') {
    const generic = pdu['generic'];
    const specific = pdu['specific'];
    const enterprise = pdu['enterprise'];
    if (typeof generic !== 'number' || !Number.isInteger(generic) || generic < 0) throw new TrapShapeError('v1 trap without a generic-trap number');
    trapOid = generic < 6 ? `${SNMP_TRAPS}.${generic + 1}` : isOid(enterprise) && typeof specific === 'number' ? `${enterprise}.0.${specific}` : undefined;
  } else {
    trapOid = record(raw.find((vb) => record(vb)?.['oid'] === SNMP_TRAP_OID))?.['value'];
  }
  if (!isOid(trapOid)) throw new TrapShapeError('no readable notification OID (snmpTrapOID.0)');
  const varbinds: TrapVarbind[] = [];
  for (const vb of raw.slice(0, TRAP_MAX_VARBINDS)) {
    const r = record(vb);
    const oid = r?.['oid'];
    varbinds.push({ oid: isOid(oid) ? oid : '(unreadable OID)', value: varbindText(r?.['value']) });
  }
  const community = pdu['community'];
  const user = pdu['user'];
  return {
    source,
    pdu: kind,
    trapOid,
    varbinds,
    droppedVarbinds: Math.max(0, raw.length - TRAP_MAX_VARBINDS),
    ...(typeof community === 'string' ? { community } : {}),
    ...(typeof user === 'string' ? { user } : {}),
  };
}
