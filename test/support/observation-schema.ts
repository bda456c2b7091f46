/**
 * A validator for `DeviceObservation` JSON built from `src/collect/observation.ts` itself: the
 * interfaces and literal-union type aliases there are parsed, so the CLI contract test checks
 * exactly the keys and types the source declares, and follows it when fields are added.
 * It understands what that file uses: `string`, `number`, `boolean`, `null`, string literals,
 * unions, `T[]`, and references to its own interfaces and aliases. Anything else is an error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './shared.js';

type TypeExpr =
  | { kind: 'prim'; name: 'string' | 'number' | 'boolean' | 'null' }
  | { kind: 'literal'; value: string }
  | { kind: 'ref'; name: string }
  | { kind: 'array'; of: TypeExpr }
  | { kind: 'union'; of: TypeExpr[] };

interface Field {
  readonly name: string;
  readonly optional: boolean;
  readonly type: TypeExpr;
}

/** The declarations of observation.ts. */
export interface ObservationSchema {
  readonly interfaces: ReadonlyMap<string, readonly Field[]>;
  readonly aliases: ReadonlyMap<string, TypeExpr>;
}

function parseType(text: string): TypeExpr {
  const t = text.trim();
  const parts = splitTop(t, '|');
  if (parts.length > 1) return { kind: 'union', of: parts.map(parseType) };
  if (t.endsWith('[]')) return { kind: 'array', of: parseType(t.slice(0, -2)) };
  if (t.startsWith('(') && t.endsWith(')')) return parseType(t.slice(1, -1));
  if (/^'[^']*'$/.test(t)) return { kind: 'literal', value: t.slice(1, -1) };
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'null') return { kind: 'prim', name: t };
  if (/^[A-Z]\w*$/.test(t)) return { kind: 'ref', name: t };
  throw new Error(`observation-schema: cannot read the type "${t}"; teach test/support/observation-schema.ts`);
}

function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(' || ch === '<' || ch === '{') depth++;
    if (ch === ')' || ch === '>' || ch === '}') depth--;
    if (ch === sep && depth === 0) {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Reads and parses src/collect/observation.ts. */
export function loadObservationSchema(): ObservationSchema {
  const source = readFileSync(join(REPO_ROOT, 'src', 'collect', 'observation.ts'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
  const interfaces = new Map<string, Field[]>();
  for (const m of source.matchAll(/export\s+interface\s+(\w+)\s*\{([^}]*)\}/g)) {
    const fields: Field[] = [];
    for (const raw of m[2]!.split(';')) {
      const line = raw.trim();
      if (line === '') continue;
      const f = /^(?:readonly\s+)?(\w+)(\??)\s*:\s*([\s\S]+)$/.exec(line);
      if (f === null) throw new Error(`observation-schema: cannot read the field "${line}" of ${m[1]}`);
      fields.push({ name: f[1]!, optional: f[2] === '?', type: parseType(f[3]!) });
    }
    interfaces.set(m[1]!, fields);
  }
  const aliases = new Map<string, TypeExpr>();
  for (const m of source.matchAll(/export\s+type\s+(\w+)\s*=\s*([^;]+);/g)) aliases.set(m[1]!, parseType(m[2]!));
  return { interfaces, aliases };
}

/** Problems of `value` against interface `name` (empty when it conforms). Extra keys are problems. */
export function validate(schema: ObservationSchema, name: string, value: unknown, path = name): string[] {
  const fields = schema.interfaces.get(name);
  if (fields === undefined) return [`${path}: unknown interface ${name}`];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected an object, got ${JSON.stringify(value)}`];
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  const known = new Set(fields.map((f) => f.name));
  for (const k of Object.keys(record)) if (!known.has(k)) problems.push(`${path}.${k}: not in ${name}`);
  for (const f of fields) {
    if (!(f.name in record)) {
      if (!f.optional) problems.push(`${path}.${f.name}: missing`);
      continue;
    }
    problems.push(...check(schema, f.type, record[f.name], `${path}.${f.name}`));
  }
  return problems;
}

function check(schema: ObservationSchema, t: TypeExpr, v: unknown, path: string): string[] {
  switch (t.kind) {
    case 'prim':
      if (t.name === 'null') return v === null ? [] : [`${path}: expected null, got ${JSON.stringify(v)}`];
      if (t.name === 'number') return typeof v === 'number' && Number.isFinite(v) ? [] : [`${path}: expected a finite number, got ${JSON.stringify(v)}`];
      return typeof v === t.name ? [] : [`${path}: expected ${t.name}, got ${JSON.stringify(v)}`];
    case 'literal':
      return v === t.value ? [] : [`${path}: expected '${t.value}', got ${JSON.stringify(v)}`];
    case 'array':
      if (!Array.isArray(v)) return [`${path}: expected an array, got ${JSON.stringify(v)}`];
      return v.flatMap((item, k) => check(schema, t.of, item, `${path}[${k}]`));
    case 'union': {
      const results = t.of.map((alt) => check(schema, alt, v, path));
      return results.some((r) => r.length === 0) ? [] : [`${path}: ${JSON.stringify(v)} matches none of the alternatives (${results.map((r) => r[0]).join('; ')})`];
    }
    case 'ref': {
      if (schema.interfaces.has(t.name)) return validate(schema, t.name, v, path);
      const alias = schema.aliases.get(t.name);
      if (alias === undefined) return [`${path}: unknown type ${t.name}`];
      return check(schema, alias, v, path);
    }
  }
}
