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
type DeviceEntry = Entry & { readonly name?: string; readonly snmp?: { readonly host: string; readonly port?: number } };
type LinkEntry = Entry & { readonly a: { device: string; interface: string }; readonly b: { device: string; interface: string } };

const norm = (s: string): string => s.trim().toLowerCase();

/**
 * `proposed` merged into `existing`: every section keeps the existing entries as they are and
 * gains the proposed entries it does not have yet. A proposed device is the existing one when it
 * has the same id, the same SNMP address and port, or the same name; links are re-pointed to
 * the existing device ids and a link already declared between the same two ports is not added
 * again. Settings and credentials stay the existing file's, plus credentials it lacks.
 */
export function mergeDrafts(existing: ConfigInput, proposed: ConfigInput): ConfigInput {
  const out: Record<string, unknown> = { ...existing };
  const haveDevices = (existing.devices ?? []) as readonly DeviceEntry[];
  const alias = new Map<string, string>();
  for (const p of (proposed.devices ?? []) as readonly DeviceEntry[]) {
    const same = haveDevices.find((e) => e.id === p.id ||
      (e.snmp !== undefined && p.snmp !== undefined && e.snmp.host === p.snmp.host && (e.snmp.port ?? 161) === (p.snmp.port ?? 161)) ||
      (e.name !== undefined && norm(e.name) === norm(p.name ?? p.id)) || norm(e.id) === norm(p.name ?? p.id));
    if (same !== undefined) alias.set(p.id, same.id);
  }
  const end = (x: { device: string; interface: string }): string => `${alias.get(x.device) ?? x.device}|${norm(x.interface)}`;
  const pair = (l: LinkEntry): string => [end(l.a), end(l.b)].sort().join('~');
  const haveLinks = new Set(((existing.links ?? []) as readonly LinkEntry[]).map(pair));
  const proposedLinks = ((proposed.links ?? []) as readonly LinkEntry[])
    .filter((l) => !haveLinks.has(pair(l)))
    .map((l) => ({ ...l, a: { ...l.a, device: alias.get(l.a.device) ?? l.a.device }, b: { ...l.b, device: alias.get(l.b.device) ?? l.b.device } }));
  const fresh: Record<string, readonly Entry[]> = {
    devices: ((proposed.devices ?? []) as readonly DeviceEntry[]).filter((d) => !alias.has(d.id)),
    links: proposedLinks,
  };
  for (const section of INVENTORY_SECTIONS) {
    const have = (existing[section] ?? []) as readonly Entry[];
    const ids = new Set(have.map((e) => e.id));
    const add = (fresh[section] ?? ((proposed[section] ?? []) as readonly Entry[])).filter((e) => !ids.has(e.id));
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
