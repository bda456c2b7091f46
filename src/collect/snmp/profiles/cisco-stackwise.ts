/**
 * CISCO-STACKWISE-MIB: is the StackWise ring closed? cswRingRedundant
 * (1.3.6.1.4.1.9.9.500.1.1.3.0, TruthValue true(1) false(2)) is true when the stack cables form a
 * redundant ring: with it open, one more cable or member failure splits the stack.
 *
 * The value means something only while the switch has a stack port up
 * (cswStackPortOperStatus, ...500.1.2.2.1.1: up(1) down(2) forcedDown(3)). A standalone switch
 * and a StackWise Virtual pair (a 9500 SVL has no stack ring; its redundancy is the supervisor
 * redundancy of CISCO-RF-MIB) report false, which is no open ring: no state is reported for them.
 * Sources: oid-catalog.json (verified) and the compiled CISCO-STACKWISE-MIB (lextudio pysnmp).
 */
import type { Profile } from './types.js';

export const ciscoStackwiseProfile: Profile = {
  id: 'cisco-stackwise',
  mib: 'CISCO-STACKWISE-MIB',
  vendors: ['1.3.6.1.4.1.9'],
  scalars: {
    ringRedundant: { oid: '1.3.6.1.4.1.9.9.500.1.1.3.0', type: 'int' },
  },
  columns: {
    stackPortOper: { oid: '1.3.6.1.4.1.9.9.500.1.2.2.1.1', type: 'int' },
  },
  extract: [
    {
      kind: 'redundancy', subject: 'stack', scalar: 'ringRedundant',
      state: { column: 'ringRedundant', map: { 1: 'redundant', 2: 'nonRedundant' } },
      when: { column: 'stackPortOper', in: [1] },
      name: [{ literal: 'stack ring' }],
    },
  ],
};
