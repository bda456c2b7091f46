/**
 * The daemon's side of the network families: it names its hook for the setup, keeps the bytes
 * of the latest good outcome (ignoring other hooks' outcomes and failures), and a scrape is the
 * registry's text followed by those bytes; the hook refuses options and a pass without a snapshot.
 */
import { describe, expect, it } from 'vitest';
import type { AfterPassOutcome } from '../analysis/worker/after-pass.js';
import { createAfterPass } from './exposition-hook.js';
import { createNetworkExposition, EXPOSITION_HOOK_MODULE, scrape } from './network-exposition.js';
import { createMetrics } from './registry.js';

const bytesOf = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('network exposition holder', () => {
  it('keeps the latest good outcome of its own hook only', () => {
    const metrics = createMetrics({ processMetrics: false });
    const net = createNetworkExposition(metrics);
    expect(net.spec()).toEqual({ module: EXPOSITION_HOOK_MODULE, options: null });
    expect(net.bytes()).toBeNull();
    const ok = (module: string, text: string): AfterPassOutcome => ({ module, at: 1, ok: true, result: { bytes: bytesOf(text), at: 1, ms: 12 }, ms: 12 });
    net.onAfterPass(ok(EXPOSITION_HOOK_MODULE, 'a 1\n'));
    net.onAfterPass(ok('file:///other-hook.js', 'b 1\n'));
    net.onAfterPass({ module: EXPOSITION_HOOK_MODULE, at: 2, ok: false, error: 'boom', ms: 1 });
    expect(new TextDecoder().decode(net.bytes())).toBe('a 1\n');
  });

  it('scrapes the registry, then the network bytes', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.ready.set(1);
    const { contentType, parts } = await scrape(metrics.registry, bytesOf('redline_device_up{device="cr1"} 1\n'));
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = parts.map((p) => (typeof p === 'string' ? p : new TextDecoder().decode(p))).join('');
    expect(text).toMatch(/redline_ready 1\n[\s\S]*redline_device_up\{device="cr1"\} 1\n$/);
    expect((await scrape(metrics.registry, null)).parts).toHaveLength(1);
  });

  it('the hook refuses options and a pass that carries no snapshot', async () => {
    expect(() => createAfterPass({ x: 1 })).toThrow(/takes no options/);
    const hook = createAfterPass(null);
    await expect(hook({ at: 1, findings: [], policyHash: 'p' })).rejects.toThrow(/no snapshot/);
  });
});
