import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasUnsafeText } from '../common/text.js';
import { runWhatIf } from './whatif.js';

const dir = mkdtempSync(join(tmpdir(), 'redline-whatif-text-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

// ids as a hostile design file (or LLDP) could name them: line breaks, ESC, bidi overrides
const EVIL = 'agg\r\n  fake line\u001b[2J\u202egnp.exe';

describe('whatif text output', () => {
  it('shows hostile ids neutralised in the sweep table and the what-if, exact in --json', () => {
    const file = join(dir, 'topology.json');
    writeFileSync(file, JSON.stringify({
      nodes: [{ id: 'a' }, { id: EVIL }, { id: 'b' }],
      links: [{ id: 'l1', a: 'a', b: EVIL }, { id: 'l2', a: EVIL, b: 'b' }],
      services: [{ id: `svc\u2066x`, endpoints: ['a', 'b'], requiredPaths: 1 }],
    }));
    for (const args of [['--sweep'], ['--fail', 'l1']]) {
      let out = '';
      let err = '';
      const code = runWhatIf(['--topology', file, ...args], { out: (t) => { out += t; }, err: (t) => { err += t; } });
      expect(code, err).toBe(0);
      for (const line of out.split('\n')) expect(hasUnsafeText(line), JSON.stringify(line)).toBe(false);
      expect(out).toContain('svc\\u2066x');
    }
    let sweep = '';
    runWhatIf(['--topology', file, '--sweep'], { out: (t) => { sweep += t; }, err: () => undefined });
    expect(sweep).toContain('agg\\x0d\\x0a  fake line\\x1b[2J\\u202egnp.exe');
    let json = '';
    runWhatIf(['--topology', file, '--sweep', '--json'], { out: (t) => { json += t; }, err: () => undefined });
    expect(JSON.stringify(JSON.parse(json))).toContain(JSON.stringify(EVIL).slice(1, -1));
  });
});
