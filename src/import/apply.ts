/**
 * Applying an import to a configuration directory: the imported sites, devices, links and
 * power replace those sections of `redline.yaml` (settings, credentials, services and health
 * checks stay the operator's), the result must pass check-config as a whole, and the diff is
 * shown before anything is written (`--dry-run` writes nothing).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import type { ConfigIssue } from '../config/validate.js';
import { checkDraft, diffDrafts, renderDraft, type ConfigInput } from './draft.js';

/** Sections an import owns. */
export const IMPORTED_SECTIONS = ['sites', 'devices', 'links', 'power'] as const;

/** What an import would do to a configuration directory. */
export interface ImportPlan {
  readonly file: string;
  readonly exists: boolean;
  readonly next: ConfigInput;
  readonly diff: string[];
  readonly issues: ConfigIssue[];
}

/** Plans replacing the imported sections of `<dir>/redline.yaml` (or creating it). */
export function planImport(dir: string, imported: ConfigInput): ImportPlan {
  const file = join(dir, 'redline.yaml');
  const exists = existsSync(file);
  const current = exists ? (parseDocument(readFileSync(file, 'utf8')).toJS() ?? { version: 1 }) as ConfigInput : ({ version: 1 } as ConfigInput);
  const next: Record<string, unknown> = { ...current };
  for (const s of IMPORTED_SECTIONS) next[s] = imported[s] ?? [];
  const creds = { ...(imported.credentials ?? {}), ...(current.credentials ?? {}) };
  if (Object.keys(creds).length > 0) next.credentials = creds;
  const plan = next as ConfigInput;
  return { file, exists, next: plan, diff: diffDrafts(exists ? current : { version: 1 }, plan), issues: checkDraft(plan) };
}

/** Writes the plan (atomically: a temporary file renamed over the old one). */
export function writePlan(plan: ImportPlan, source: string): void {
  mkdirSync(dirname(plan.file), { recursive: true });
  const tmp = `${plan.file}.import-${process.pid}.tmp`;
  writeFileSync(tmp, renderDraft(plan.next, [
    `redline configuration; sites, devices, links and power imported from ${source}.`,
    'Re-running the import replaces those four sections; keep hand edits in the source system.',
  ]));
  renameSync(tmp, plan.file);
}
