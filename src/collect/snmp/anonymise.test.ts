import { describe, expect, it } from 'vitest';
import { anonymise } from './anonymise.js';
import { formatSnmprec, parseSnmprec } from './snmprec.js';

const REC = `1.3.6.1.2.1.1.1.0|4|core-bj-01 router at 192.0.2.7
1.3.6.1.2.1.1.4.0|4|Zhang Wei <zw@example.cn>
1.3.6.1.2.1.1.5.0|4|core-bj-01
1.3.6.1.2.1.15.3.1.7.192.0.2.7|64|192.0.2.7
1.3.6.1.2.1.15.3.1.2.192.0.2.7|2|6
1.3.6.1.2.1.4.20.1.3.192.0.2.9|64|255.255.255.0
1.3.6.1.2.1.47.1.1.1.1.11.7|4|FOC1234X0AB
1.3.6.1.2.1.2.2.1.6.1|4x|0011223344ff
`;

describe('snmprec', () => {
  it('reads and writes the same rows (text, hex, addresses, integers)', () => {
    const { rows, skipped } = parseSnmprec(REC);
    expect(skipped).toBe(0);
    expect(parseSnmprec(formatSnmprec(rows)).rows).toEqual(rows);
  });

  it('counts lines it cannot read', () => {
    expect(parseSnmprec('1.3.6.1.2.1.1.5.0|99|x\nnot a row\n').skipped).toBe(2);
  });
});

describe('anonymise', () => {
  const out = formatSnmprec(anonymise(parseSnmprec(REC).rows));

  it.each(['core-bj-01', '192.0.2.7', '192.0.2.9', 'Zhang Wei', 'FOC1234X0AB'])('leaves no trace of %s', (original) => {
    expect(out).not.toContain(original);
  });

  it('replaces consistently: the name inside sysDescr and the address in values and indexes', () => {
    expect(out).toContain('1.3.6.1.2.1.1.1.0|4|host-1 router at 10.0.0.1');
    expect(out).toContain('1.3.6.1.2.1.15.3.1.7.10.0.0.1|64|10.0.0.1');
    expect(out).toContain('1.3.6.1.2.1.15.3.1.2.10.0.0.1|2|6');
    expect(out).toContain('|SN000001');
  });

  it('keeps masks and binary values', () => {
    expect(out).toContain('|64|255.255.255.0');
    expect(out).toContain('1.3.6.1.2.1.2.2.1.6.1|4x|0011223344ff');
  });
});
