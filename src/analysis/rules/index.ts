/**
 * The registration list of protection rules: adding a rule means adding its module's export
 * here and its catalogue entry in config/policy.yaml (the policy refuses a registered rule
 * without one, and an entry without a registered rule). `index.test.ts` walks this list.
 */
import { cfg002 } from './cfg.js';
import { load001, load002, load004 } from './load.js';
import { node001, node002, node003, node005 } from './node.js';
import { pwr001, pwr001b, pwr002, pwr004, pwr005 } from './pwr.js';
import { pwr003 } from './pwr-dc.js';
import { ops003, ops004 } from './ops.js';
import { rte001, rte001a, rte002, rte005 } from './rte.js';
import { swo002, swo003, swo004, swo005, swo006 } from './swo.js';
import { topo001, topo002, topo003 } from './topo.js';
import type { RegisteredRule } from './types.js';

/** Every rule, in report order. */
export const RULES: readonly RegisteredRule[] = [
  node001, node002, node003, node005,
  rte001, rte001a, rte002, rte005,
  load001, load002, load004,
  swo002, swo003, swo004, swo005, swo006,
  cfg002,
  pwr001, pwr001b, pwr002, pwr003, pwr004, pwr005,
  topo001, topo002, topo003,
  // last: OPS-004 reads the findings of the rules before it
  ops003, ops004,
];
