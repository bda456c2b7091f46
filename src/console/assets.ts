/**
 * The files the console sends to browsers, all from this package: its own stylesheet and script
 * (web/) and, where a page needs one, a file of an npm package it depends on, resolved from
 * node_modules. Nothing comes from a CDN; a machine room without internet gets every byte from
 * redline. The list is fixed: `/assets/<name>` serves only what is named here.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Where the console's own browser files live (web/ at the package root, from src/ and dist/ alike). */
export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

/** One servable file: its media type and where it comes from. */
export interface AssetSource {
  readonly type: string;
  /** A file of web/ … */
  readonly web?: string;
  /** … or a module path resolved from node_modules (`pkg/dist/file.min.js`). */
  readonly module?: string;
}

/** Every file `/assets/` serves, by name. Script files count against the page script budget (docs/console.md). */
export const CONSOLE_ASSETS: Readonly<Record<string, AssetSource>> = {
  'console.css': { type: 'text/css; charset=utf-8', web: 'console.css' },
  'console.js': { type: 'text/javascript; charset=utf-8', web: 'console.js' },
  'favicon.svg': { type: 'image/svg+xml', web: 'favicon.svg' },
};

/** A loaded asset. */
export interface LoadedAsset {
  readonly type: string;
  readonly body: Buffer;
}

const require = createRequire(import.meta.url);

/** Reads every asset once (at start-up): a missing file is a packaging error, said at once. */
export function loadAssets(table: Readonly<Record<string, AssetSource>> = CONSOLE_ASSETS): ReadonlyMap<string, LoadedAsset> {
  const out = new Map<string, LoadedAsset>();
  for (const [name, src] of Object.entries(table)) {
    const path = src.web !== undefined ? `${WEB_DIR}${src.web}` : require.resolve(src.module ?? name);
    out.set(name, { type: src.type, body: readFileSync(path) });
  }
  return out;
}
