import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { SecretRegistry } from './secrets.js';
import { hasUnsafeText } from './text.js';

function capture(): { lines: () => Record<string, unknown>[]; raw: () => string; stream: Writable } {
  let text = '';
  const stream = new Writable({ write(chunk: Buffer, _enc, done) { text += chunk.toString('utf8'); done(); } });
  return { stream, raw: () => text, lines: () => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('logger: device text', () => {
  it('neutralises line breaks, controls and bidi overrides in fields and messages, and still redacts secrets', () => {
    const secrets = new SecretRegistry();
    secrets.add('canary-secret-4f1a');
    const out = capture();
    const log = createLogger(secrets, 'info', out.stream);
    const hostile = 'core\r\n{"level":60,"msg":"forged"}\u202e\u2066\u0085\u001b[2J';
    log.info({ device: 'cr1', sysName: hostile, nested: { names: [hostile] }, at: new Date(0), community: 'canary-secret-4f1a' }, `polled ${hostile}`);
    log.child({ sysDescr: hostile }).warn({}, 'child');
    log.error({ err: new Error(`bad value ${hostile}`) }, 'failed');
    const lines = out.lines();
    expect(lines).toHaveLength(3);
    const walk = (v: unknown): string[] => typeof v === 'string' ? [v] : typeof v === 'object' && v !== null ? Object.entries(v).flatMap(([k, x]) => [k, ...walk(x)]) : [];
    for (const line of lines) {
      for (const s of walk(line)) {
        // a stack keeps its own line breaks; nothing else carries any unsafe character
        const parts = s.includes('\n    at ') ? s.split('\n') : [s];
        for (const p of parts) expect(hasUnsafeText(p), p).toBe(false);
      }
    }
    expect(lines[0]!['sysName']).toBe('core\\x0d\\x0a{"level":60,"msg":"forged"}\\u202e\\u2066\\x85\\x1b[2J');
    expect(lines[0]!['msg']).toMatch(/^polled core\\x0d\\x0a/);
    expect(lines[0]!['at']).toBe('1970-01-01T00:00:00.000Z');
    expect(lines[1]!['sysDescr']).toMatch(/\\u202e/);
    expect((lines[2]!['err'] as { message: string }).message).toMatch(/^bad value core\\x0d\\x0a/);
    expect(out.raw()).not.toContain('canary-secret-4f1a');
    expect(out.raw()).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u0085]/);
  });
});
