/**
 * GML (Graph Modelling Language, Himsolt 1997; the Internet Topology Zoo's `.gml` files) into the
 * bare-topology shape of `topology.ts`. A small parser of our own: GML is a list of `key value`
 * pairs where a value is an integer, a real, a "string" (no escapes; characters such as quotes
 * arrive as XML/HTML character references, `&quot;`, `&#34;`) or a `[ … ]` list; `#` starts a
 * comment line.
 *
 * Mapping: `graph [ node [ id … ] edge [ source … target … ] ]`. A node's id becomes the node id
 * (`label` its name, `class` its class, `riskGroups` its groups); an edge's `id`, when present, the
 * link id (otherwise `L<index>` in edge order). `riskGroups` is a comma-separated string or a list
 * of strings. Every other key is ignored; `directed` too (physical links carry both directions).
 */
import { importResult, importedLink, type ImportResult, type TopologyIssue } from './import-result.js';

type GmlValue = number | string | GmlList;

interface GmlPair {
  readonly key: string;
  readonly value: GmlValue;
  readonly line: number;
}

interface GmlList {
  readonly pairs: readonly GmlPair[];
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML character references (`&amp;`, `&#34;`, `&#x22;`); unknown names are kept as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

class GmlSyntaxError extends Error {
  constructor(readonly line: number, readonly column: number, message: string) {
    super(message);
  }
}

const KEY = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;

function parseGml(text: string): GmlList {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const fail = (message: string): never => {
    throw new GmlSyntaxError(line, i - lineStart + 1, message);
  };
  const skip = (): void => {
    while (i < text.length) {
      const c = text[i]!;
      if (c === '\n') {
        line++;
        lineStart = ++i;
      } else if (c === ' ' || c === '\t' || c === '\r') i++;
      else if (c === '#') {
        while (i < text.length && text[i] !== '\n') i++;
      } else break;
    }
  };
  const list = (nested: boolean): GmlList => {
    const pairs: GmlPair[] = [];
    for (;;) {
      skip();
      if (i >= text.length) {
        if (nested) fail('unexpected end of file: a "[" is never closed');
        return { pairs };
      }
      if (text[i] === ']') {
        if (!nested) fail('unexpected "]"');
        i++;
        return { pairs };
      }
      KEY.lastIndex = i;
      const keyMatch = KEY.exec(text);
      if (keyMatch === null) fail(`expected a key, found "${text.slice(i, i + 12)}"`);
      const key = keyMatch![0];
      const keyLine = line;
      i += key.length;
      skip();
      pairs.push({ key, value: value(key), line: keyLine });
    }
  };
  const value = (key: string): GmlValue => {
    if (i >= text.length) fail(`key "${key}" has no value`);
    const c = text[i]!;
    if (c === '[') {
      i++;
      return list(true);
    }
    if (c === '"') {
      const start = ++i;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\n') {
          line++;
          lineStart = i + 1;
        }
        i++;
      }
      if (i >= text.length) fail(`the string of key "${key}" is never closed`);
      return decodeEntities(text.slice(start, i++));
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(text);
    if (num === null) fail(`key "${key}" has no valid value (expected a number, a "string" or a [ list ])`);
    i += num![0].length;
    if (i < text.length && !/[\s\]#]/.test(text[i]!)) fail(`unexpected "${text[i]!}" after the number of key "${key}"`);
    return Number(num![0]);
  };
  return list(false);
}

function isList(v: GmlValue | undefined): v is GmlList {
  return typeof v === 'object';
}

function scalar(v: GmlValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** A `riskGroups` value: "a, b" or a list of strings. */
function groupList(v: GmlValue): string[] | undefined {
  if (isList(v)) {
    const out: string[] = [];
    for (const p of v.pairs) {
      const s = scalar(p.value);
      if (s === undefined) return undefined;
      out.push(s);
    }
    return out;
  }
  const s = scalar(v);
  return s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter((x) => x !== '');
}

/** Imports GML text: a raw topology object (validated later by `validateTopology`), or every issue found. */
export function gmlToTopology(text: string): ImportResult {
  let root: GmlList;
  try {
    root = parseGml(text);
  } catch (err) {
    if (err instanceof GmlSyntaxError) return { ok: false, issues: [{ path: `line ${err.line}:${err.column}`, message: err.message }] };
    throw err;
  }
  const graphs = root.pairs.filter((p) => p.key === 'graph');
  const graph = graphs[0]?.value;
  if (graphs.length !== 1 || !isList(graph)) {
    return { ok: false, issues: [{ path: '(root)', message: graphs.length > 1 ? 'more than one graph [ … ]' : 'expected one graph [ … ]' }] };
  }
  const issues: TopologyIssue[] = [];
  const nodes: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  let nodeIndex = 0;
  let edgeIndex = 0;
  for (const pair of graph.pairs) {
    if (pair.key !== 'node' && pair.key !== 'edge') continue;
    const where = `${pair.key}[${pair.key === 'node' ? nodeIndex++ : edgeIndex++}] (line ${pair.line})`;
    if (!isList(pair.value)) {
      issues.push({ path: where, message: `expected ${pair.key} [ … ]` });
      continue;
    }
    const fields = new Map<string, GmlValue>();
    for (const p of pair.value.pairs) {
      if (fields.has(p.key) && ['id', 'source', 'target', 'label', 'class', 'riskGroups'].includes(p.key)) {
        issues.push({ path: `${where}.${p.key}`, message: `"${p.key}" given twice` });
      }
      if (!fields.has(p.key)) fields.set(p.key, p.value);
    }
    const text = (key: string): string | undefined => {
      const v = fields.get(key);
      if (v === undefined) return undefined;
      const s = scalar(v);
      if (s === undefined) issues.push({ path: `${where}.${key}`, message: 'expected a number or a string' });
      return s;
    };
    const groups = ((): string[] | undefined => {
      const v = fields.get('riskGroups');
      if (v === undefined) return undefined;
      const g = groupList(v);
      if (g === undefined) issues.push({ path: `${where}.riskGroups`, message: 'expected "a,b" or [ group "a" group "b" ]' });
      return g;
    })();
    if (pair.key === 'node') {
      const nodeId = text('id');
      if (nodeId === undefined) {
        if (!fields.has('id')) issues.push({ path: where, message: 'a node needs an id' });
        continue;
      }
      const label = text('label');
      const cls = text('class');
      nodes.push({
        id: nodeId,
        ...(label !== undefined && label !== nodeId ? { name: label } : {}),
        ...(cls !== undefined ? { class: cls } : {}),
        ...(groups !== undefined ? { riskGroups: groups } : {}),
      });
    } else {
      const source = text('source');
      const target = text('target');
      if (source === undefined || target === undefined) {
        if (!fields.has('source') || !fields.has('target')) issues.push({ path: where, message: 'an edge needs a source and a target' });
        continue;
      }
      const linkId = text('id');
      links.push(importedLink(linkId, source, target, groups));
    }
  }
  return importResult(nodes, links, issues);
}
