import { describe, expect, it } from 'vitest';
import { observeTable } from '../../../../test/support/probe-table.js';
import { ciscoStackwiseProfile } from './cisco-stackwise.js';
import { systemProfile } from './system.js';

const PROFILES = [systemProfile, ciscoStackwiseProfile];
const CISCO = `
1.3.6.1.2.1.1.1.0|4|Cisco IOS Software
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.9.1.1208
1.3.6.1.2.1.1.3.0|67|100
1.3.6.1.2.1.1.5.0|4|stack-1
`;
const RING = '1.3.6.1.4.1.9.9.500.1.1.3.0';
const PORT = '1.3.6.1.4.1.9.9.500.1.2.2.1.1';

describe('cisco-stackwise: cswRingRedundant', () => {
  it.each([
    [1, 'redundant'], // true: the stack cables form a ring
    [2, 'nonRedundant'], // false: the ring is open, one more failure splits the stack
    [42, 'unknown'],
  ] as const)('%i with a stack port up → %s', async (raw, want) => {
    const o = await observeTable(`${CISCO}
${RING}|2|${raw}
${PORT}.5180|2|1
${PORT}.5181|2|2
`, PROFILES);
    expect(o.redundancy).toEqual([{ subject: 'stack', name: 'stack ring', state: want, configured: null, source: 'cisco-stackwise' }]);
  });

  it('says nothing without a stack port (a StackWise Virtual pair reports false)', async () => {
    const o = await observeTable(`${CISCO}
${RING}|2|2
`, PROFILES);
    expect(o.redundancy).toEqual([]);
  });

  it('says nothing for a standalone switch whose stack ports are all down', async () => {
    const o = await observeTable(`${CISCO}
${RING}|2|2
${PORT}.5180|2|2
${PORT}.5181|2|3
`, PROFILES);
    expect(o.redundancy).toEqual([]);
  });
});
