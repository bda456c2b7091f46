/**
 * Draft inventories written by discovery and the importers: checked exactly as `check-config`
 * checks a file (schema, then cross-references), rendered as commented YAML, and merged into an
 * existing configuration without touching what the operator already wrote.
 */
import { stringify } from 'yaml';
import type { z } from 'zod';
import { configSchema, type RedlineConfig } from '../config/schema.js';
import { formatPath, validateReferences, type ConfigIssue } from '../config/validate.js';

/** A configuration as written (before defaults): what drafts are built as. */
export type ConfigInput = z.input<typeof configSchema>;

/** The inventory sections a draft may fill, in file order. */
export const INVENTORY_SECTIONS = ['sites', 'devices', 'links', 'power', 'services', 'health'] as const;
export type InventorySection = (typeof INVENTORY_SECTIONS)[number];

/** Every problem `check-config --skip-secrets` would report for this draft. */
export function checkDraft(draft: ConfigInput): ConfigIssue[] {
  const parsed = configSchema.safeParse(draft);
  if (!parsed.success) return parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  return validateReferences(parsed.data);
}

/** The draft parsed with defaults applied; throws with every issue when it is not valid. */
export function parseDraft(draft: ConfigInput): RedlineConfig {
  const issues = checkDraft(draft);
  if (issues.length > 0) throw new Error(`draft is not a valid configuration:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
  return configSchema.parse(draft);
}

/** YAML text of a draft with `header` lines as comments on top. */
export function renderDraft(draft: ConfigInput, header: readonly string[]): string {
  const comments = header.map((h) => (h === '' ? '#' : `# ${h}`)).join('\n');
  return `${comments}${comments === '' ? '' : '\n'}${stringify(draft, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

type Entry = { readonly id: string };

/**
 * `proposed` merged into `existing`: every section keeps the existing entries as they are and
 * gains the proposed entries whose id it does not have yet; settings and credentials stay the
 * existing file's, plus credentials it lacks.
 */
export function mergeDrafts(existing: ConfigInput, proposed: ConfigInput): ConfigInput {
  const out: Record<string, unknown> = { ...existing };
  for (const section of INVENTORY_SECTIONS) {
    const have = (existing[section] ?? []) as readonly Entry[];
    const ids = new Set(have.map((e) => e.id));
    const add = ((proposed[section] ?? []) as readonly Entry[]).filter((e) => !ids.has(e.id));
    if (have.length + add.length > 0) out[section] = [...have, ...add];
  }
  const creds = { ...(proposed.credentials ?? {}), ...(existing.credentials ?? {}) };
  if (Object.keys(creds).length > 0) out.credentials = creds;
  return out as ConfigInput;
}

function fieldChanges(before: unknown, after: unknown, path: string, out: string[]): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      fieldChanges(before[k], after[k], path === '' ? k : `${path}.${k}`, out);
    }
    return;
  }
  const show = (v: unknown): string => (v === undefined ? '(none)' : JSON.stringify(v));
  out.push(`${path}: ${show(before)} → ${show(after)}`);
}

/** One line per added, removed or changed entry (by section and id), changed fields named. Empty when equal. */
export function diffDrafts(before: ConfigInput, after: ConfigInput): string[] {
  const lines: string[] = [];
  for (const section of INVENTORY_SECTIONS) {
    const a = new Map(((before[section] ?? []) as readonly Entry[]).map((e) => [e.id, e]));
    const b = new Map(((after[section] ?? []) as readonly Entry[]).map((e) => [e.id, e]));
    for (const [id, e] of b) {
      const old = a.get(id);
      if (old === undefined) {
        lines.push(`+ ${section} ${id}`);
        continue;
      }
      const changes: string[] = [];
      fieldChanges(old, e, '', changes);
      for (const c of changes) lines.push(`~ ${section} ${id}: ${c}`);
    }
    for (const id of a.keys()) if (!b.has(id)) lines.push(`- ${section} ${id}`);
  }
  const credsBefore = Object.keys(before.credentials ?? {});
  for (const k of Object.keys(after.credentials ?? {})) if (!credsBefore.includes(k)) lines.push(`+ credentials ${k}`);
  return lines;
}
