/**
 * What discovery guesses and says it guessed: a device's role (from the profiles that answered,
 * its sysObjectID and its name, as data tables), its site and room (from sysLocation when it
 * follows a form redline reads), and a site's protection class from the roles in it.
 */
import type { ProtectionClass } from '../config/schema.js';

/** A guess and the evidence it rests on. */
export interface Guess {
  readonly value: string;
  readonly why: string;
}

/** Profiles whose answer says what the device is. */
const BY_PROFILE: readonly (readonly [string, string])[] = [
  ['ups-mib', 'ups'], ['apc-powernet-mib', 'ups'], ['eaton-xups-mib', 'ups'], ['mge-ups-mib', 'ups'],
];

/** Enterprise numbers (sysObjectID under 1.3.6.1.4.1.N) whose products are one kind of device. */
const BY_ENTERPRISE: Readonly<Record<string, string>> = {
  318: 'ups', 534: 'ups', 705: 'ups', 12356: 'firewall', 30065: 'switch', 40310: 'switch',
};

/** Name patterns operators use, first match wins. */
const BY_NAME: readonly (readonly [RegExp, string])[] = [
  [/(^|[-_.])(cr|core|pe|p)\d*([-_.]|$)/i, 'core-router'],
  [/(^|[-_.])(agg|ar|bras|mse)\d*([-_.]|$)/i, 'aggregation-router'],
  [/(^|[-_.])(otn|wdm|oadm|ptn|sdh)\d*([-_.]|$)/i, 'otn'],
  [/(^|[-_.])(fw|firewall)\d*([-_.]|$)/i, 'firewall'],
  [/(^|[-_.])(ups)\d*([-_.]|$)/i, 'ups'],
  [/(^|[-_.])(acc|asw|sw|tor|leaf|spine)\d*([-_.]|$)/i, 'access-switch'],
];

/** The role of a discovered device, or `unknown` with the reason. */
export function guessRole(name: string | null, objectId: string | null, profiles: readonly string[], hasRouting: boolean): Guess {
  for (const [p, role] of BY_PROFILE) if (profiles.includes(p)) return { value: role, why: `answered ${p}` };
  if (name !== null) for (const [re, role] of BY_NAME) if (re.test(name)) return { value: role, why: `name ${name}` };
  const ent = /^1\.3\.6\.1\.4\.1\.(\d+)(\.|$)/.exec(objectId ?? '')?.[1];
  const byEnt = ent === undefined ? undefined : BY_ENTERPRISE[ent];
  if (byEnt !== undefined) return { value: byEnt, why: `sysObjectID ${objectId ?? ''}` };
  if (hasRouting) return { value: 'router', why: 'runs BGP, OSPF or IS-IS' };
  return { value: 'unknown', why: 'no profile, name pattern or sysObjectID said what it is' };
}

/** Classes a role suggests for its site, strongest first. */
const CLASS_OF_ROLE: Readonly<Record<string, ProtectionClass>> = {
  'core-router': 'PC-CORE', otn: 'PC-TRUNK', 'aggregation-router': 'PC-AGG', router: 'PC-AGG',
};
const CLASS_ORDER: readonly ProtectionClass[] = ['PC-CORE', 'PC-DC', 'PC-NE', 'PC-SMS', 'PC-TRUNK', 'PC-AGG', 'PC-ACC'];

/** The protection class a site probably has, from the roles of its devices (PC-ACC when none says more). */
export function guessSiteClass(roles: readonly string[]): ProtectionClass {
  const classes = roles.map((r) => CLASS_OF_ROLE[r] ?? 'PC-ACC');
  return CLASS_ORDER.find((c) => classes.includes(c)) ?? 'PC-ACC';
}

/** Site (and room) read from sysLocation. */
export interface ParsedLocation {
  readonly site: string;
  readonly room: string | null;
}

/**
 * Reads sysLocation in the forms redline documents: `site=BJ-CORE;room=A` (keys site/room or
 * 站点/机房, separated by ; , or |) or `SITE/ROOM`. Anything else (free text such as
 * "Building 3, 2nd floor") is null: discovery reports it instead of guessing.
 */
export function parseLocation(text: string | null): ParsedLocation | null {
  if (text === null) return null;
  const t = text.trim();
  if (t === '') return null;
  if (/[=＝]/.test(t)) {
    const kv = new Map<string, string>();
    for (const part of t.split(/[;,|；，]/)) {
      const m = /^\s*([^=＝]+?)\s*[=＝]\s*(.+?)\s*$/.exec(part);
      if (m !== null) kv.set(m[1]!.toLowerCase(), m[2]!);
    }
    const site = kv.get('site') ?? kv.get('站点');
    if (site === undefined) return null;
    return { site, room: kv.get('room') ?? kv.get('机房') ?? null };
  }
  const slash = /^([^\s/]{1,64})\/([^\s/]{1,64})$/.exec(t);
  if (slash !== null) return { site: slash[1]!, room: slash[2]! };
  return null;
}
