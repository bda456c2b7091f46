/** The SNMPv2-MIB system group: name, description, sysObjectID and an uptime unwrapped past 497 days. */
import type { SystemInfo } from '../../observation.js';
import { valueToNumber } from '../decode.js';
import { textOf } from '../extract.js';
import { defineKind } from './kind.js';

/** SNMPv2-MIB system group. */
export interface SystemExtractor {
  readonly kind: 'system';
  readonly name: string;
  readonly descr: string;
  readonly objectId: string;
  readonly uptime: string;
  /** snmpEngineTime (seconds, no 497-day wrap), used to unwrap sysUpTime. */
  readonly engineTime?: string;
}

const WRAP_SECONDS = 2 ** 32 / 100; // sysUpTime (TimeTicks) wraps after ~497 days

/** The system kind. */
export const systemKind = defineKind({
  kind: 'system',
  fields: ['system'],
  refs: () => [],
  start: (): { info: SystemInfo | null } => ({ info: null }),
  run(ex: SystemExtractor, _p, view, _ctx, state) {
    const up = view.scalars.get(ex.uptime);
    const engine = ex.engineTime === undefined ? undefined : view.scalars.get(ex.engineTime);
    let uptimeSeconds: number | null = up === undefined ? null : (valueToNumber(up) ?? 0) / 100;
    const engineSeconds = engine === undefined ? null : valueToNumber(engine);
    if (uptimeSeconds !== null && engineSeconds !== null && engineSeconds > uptimeSeconds + WRAP_SECONDS / 2) {
      // sysUpTime wrapped (every ~497 days); snmpEngineTime counts seconds and does not.
      const wraps = Math.round((engineSeconds - uptimeSeconds) / WRAP_SECONDS);
      uptimeSeconds += wraps * WRAP_SECONDS;
    }
    const text = (k: string): string | null => textOf(view.scalars.get(k));
    state.info = { name: text(ex.name), descr: text(ex.descr), objectId: text(ex.objectId), uptimeSeconds };
    return 1;
  },
  finish: (state, ctx) => ({ system: state.info ?? { name: null, descr: null, objectId: ctx.objectId, uptimeSeconds: null } }),
  empty: () => ({ system: { name: null, descr: null, objectId: null, uptimeSeconds: null } }),
});
