/**
 * The daemon's side of the network families: names the worker's metrics hook for the analysis
 * setup, keeps the latest bytes the hook answered (a failed pass or render keeps the previous
 * ones), and writes a scrape as prom-client's own small registry followed by those bytes, so
 * the daemon's thread never formats the 100,000+ series of a large network.
 */
import type { AfterPassOutcome, AfterPassSpec } from '../analysis/worker/after-pass.js';
import type { Registry } from 'prom-client';
import type { RedlineMetrics } from './registry.js';

/** The hook module, beside this one in the same language (dist JS, or TS under tsx/vitest). */
export const EXPOSITION_HOOK_MODULE = new URL(`./exposition-hook${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/** The latest network families and where they come from. */
export interface NetworkExposition {
  /** The after-pass hook to name in the analysis setup. */
  spec(): AfterPassSpec;
  /** Takes a hook outcome (others' outcomes are ignored). */
  onAfterPass(outcome: AfterPassOutcome): void;
  /** The latest pass's families as Prometheus text bytes; null before the first. */
  bytes(): Uint8Array | null;
}

/** Creates the holder; the render time and size of each accepted pass go to `metrics`. */
export function createNetworkExposition(metrics: Pick<RedlineMetrics, 'networkRenderSeconds' | 'networkBytes'>): NetworkExposition {
  let latest: Uint8Array | null = null;
  return {
    spec: () => ({ module: EXPOSITION_HOOK_MODULE, options: null }),
    onAfterPass: (o) => {
      if (o.module !== EXPOSITION_HOOK_MODULE || !o.ok) return;
      const r = o.result as { bytes?: unknown; ms?: unknown } | null;
      if (!(r?.bytes instanceof Uint8Array)) return;
      latest = r.bytes;
      metrics.networkBytes.set(r.bytes.byteLength);
      if (typeof r.ms === 'number') metrics.networkRenderSeconds.set(r.ms / 1000);
    },
    bytes: () => latest,
  };
}

/** One scrape: the registry's text, then the network families (each part ends with a line feed). */
export async function scrape(registry: Registry, network: Uint8Array | null): Promise<{ contentType: string; parts: (string | Uint8Array)[] }> {
  const own = await registry.metrics();
  const parts: (string | Uint8Array)[] = [own.endsWith('\n') || own === '' ? own : `${own}\n`];
  if (network !== null && network.byteLength > 0) parts.push(network);
  return { contentType: registry.contentType, parts };
}
