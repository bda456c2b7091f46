/**
 * GraphML (the Internet Topology Zoo's `.graphml` files, and what yEd, Gephi or networkx write)
 * into the bare-topology shape of `topology.ts`. A small XML reader of our own, enough for
 * GraphML: elements, attributes, text, character references, CDATA; the prolog, comments,
 * processing instructions and a DOCTYPE are skipped. No external entities are ever resolved.
 *
 * Mapping: the first `<graph>`; `<node id>` becomes a node and `<edge source target id?>` a link
 * (`L<index>` when it has no id). `<data key>` values are looked up through the `<key>`
 * declarations by their `attr.name`: `label` → node name, `class` → node class, `riskGroups`
 * (comma-separated) → risk groups; key defaults apply. Nested graphs and hyperedges are refused
 * (a flat network is expected); edge direction is ignored (physical links carry both directions).
 */
import { decodeEntities } from './import-gml.js';
import { importResult, importedLink, type ImportResult, type TopologyIssue } from './import-result.js';

interface XmlElement {
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: (XmlElement | string)[];
  readonly line: number;
}

class XmlSyntaxError extends Error {
  constructor(readonly line: number, readonly column: number, message: string) {
    super(message);
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

const END_TAG = /<\/([A-Za-z_][\w.:-]*)\s*>/y;
const START_TAG = /<([A-Za-z_][\w.:-]*)/y;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/y;

/** Parses XML into a tree of elements (local names) and decoded text. */
function parseXml(text: string): XmlElement {
  let i = 0;
  const position = (at: number): { line: number; column: number } => {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
    return { line, column: at - lineStart + 1 };
  };
  const fail = (message: string, at = i): never => {
    const p = position(at);
    throw new XmlSyntaxError(p.line, p.column, message);
  };
  const skipUntil = (marker: string, what: string): void => {
    const k = text.indexOf(marker, i);
    if (k === -1) fail(`${what} is never closed`);
    i = k + marker.length;
  };
  // Lines are counted lazily: the running counter below is only for element line numbers.
  let lineCounter = 1;
  let countedTo = 0;
  const lineAt = (at: number): number => {
    for (; countedTo < at; countedTo++) if (text.charCodeAt(countedTo) === 10) lineCounter++;
    return lineCounter;
  };
  const root: XmlElement = { name: '#document', attrs: new Map(), children: [], line: 1 };
  const stack: XmlElement[] = [root];
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const top = stack[stack.length - 1]!;
    if (lt === -1 || lt > i) {
      const end = lt === -1 ? text.length : lt;
      const chunk = text.slice(i, end);
      if (chunk.trim() !== '') {
        if (stack.length === 1) fail('text outside the root element');
        top.children.push(decodeEntities(chunk));
      }
      i = end;
      continue;
    }
    if (text.startsWith('<!--', i)) skipUntil('-->', 'a comment');
    else if (text.startsWith('<?', i)) skipUntil('?>', 'a processing instruction');
    else if (text.startsWith('<![CDATA[', i)) {
      const start = i + 9;
      skipUntil(']]>', 'a CDATA section');
      if (stack.length === 1) fail('CDATA outside the root element');
      top.children.push(text.slice(start, i - 3));
    } else if (text.startsWith('<!DOCTYPE', i)) {
      let depth = 0;
      for (i += 9; i < text.length; i++) {
        const c = text[i];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      if (i >= text.length) fail('the DOCTYPE is never closed');
      i++;
    } else if (text[i + 1] === '/') {
      END_TAG.lastIndex = i;
      const m = END_TAG.exec(text);
      if (m === null) fail('malformed end tag');
      const name = localName(m![1]!);
      if (stack.length === 1) fail(`end tag </${m![1]!}> without a start tag`);
      if (top.name !== name) fail(`expected </${top.name}>, found </${m![1]!}>`);
      stack.pop();
      i += m![0].length;
    } else {
      const start = i;
      START_TAG.lastIndex = i;
      const m = START_TAG.exec(text);
      if (m === null) fail('malformed start tag');
      i += m![0].length;
      const attrs = new Map<string, string>();
      let selfClosing = false;
      for (;;) {
        while (i < text.length && /\s/.test(text[i]!)) i++;
        if (i >= text.length) fail(`the tag <${m![1]!}> is never closed`, start);
        if (text.startsWith('/>', i)) {
          selfClosing = true;
          i += 2;
          break;
        }
        if (text[i] === '>') {
          i++;
          break;
        }
        ATTRIBUTE.lastIndex = i;
        const a = ATTRIBUTE.exec(text);
        if (a === null) fail(`malformed attribute in <${m![1]!}>`);
        const attrName = a![1]!;
        if (attrs.has(attrName)) fail(`attribute "${attrName}" given twice`);
        attrs.set(attrName, decodeEntities(a![3] ?? a![4] ?? ''));
        i += a![0].length;
      }
      if (stack.length === 1 && root.children.some((c) => typeof c !== 'string')) fail('more than one root element', start);
      const el: XmlElement = { name: localName(m![1]!), attrs, children: [], line: lineAt(start) };
      top.children.push(el);
      if (!selfClosing) stack.push(el);
    }
  }
  if (stack.length > 1) fail(`<${stack[stack.length - 1]!.name}> is never closed`);
  return root;
}

function elements(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

function textOf(el: XmlElement): string {
  return el.children.filter((c): c is string => typeof c === 'string').join('').trim();
}

interface KeyDecl {
  readonly name: string;
  readonly for: string;
  readonly default?: string;
}

/** Imports GraphML text: a raw topology object (validated later by `validateTopology`), or every issue found. */
export function graphmlToTopology(text: string): ImportResult {
  let doc: XmlElement;
  try {
    doc = parseXml(text);
  } catch (err) {
    if (err instanceof XmlSyntaxError) return { ok: false, issues: [{ path: `line ${err.line}:${err.column}`, message: err.message }] };
    throw err;
  }
  const root = elements(doc, 'graphml')[0];
  if (root === undefined) return { ok: false, issues: [{ path: '(root)', message: 'expected a <graphml> root element' }] };
  const issues: TopologyIssue[] = [];
  const keys = new Map<string, KeyDecl>();
  for (const k of elements(root, 'key')) {
    const keyId = k.attrs.get('id');
    if (keyId === undefined) {
      issues.push({ path: `key (line ${k.line})`, message: 'a <key> needs an id' });
      continue;
    }
    const def = elements(k, 'default')[0];
    keys.set(keyId, {
      name: k.attrs.get('attr.name') ?? keyId,
      for: k.attrs.get('for') ?? 'all',
      ...(def !== undefined ? { default: textOf(def) } : {}),
    });
  }
  const graphs = elements(root, 'graph');
  const graph = graphs[0];
  if (graph === undefined || graphs.length > 1) {
    return { ok: false, issues: [...issues, { path: 'graphml', message: graphs.length > 1 ? 'more than one <graph>' : 'expected a <graph>' }] };
  }
  const attributes = (el: XmlElement, kind: 'node' | 'edge'): Map<string, string> => {
    const out = new Map<string, string>();
    for (const k of keys.values()) if ((k.for === kind || k.for === 'all') && k.default !== undefined) out.set(k.name, k.default);
    for (const d of elements(el, 'data')) {
      const keyId = d.attrs.get('key');
      const decl = keyId === undefined ? undefined : keys.get(keyId);
      if (decl === undefined) {
        issues.push({ path: `${kind} (line ${d.line})`, message: `<data> with an undeclared key "${keyId ?? ''}"` });
        continue;
      }
      out.set(decl.name, textOf(d));
    }
    return out;
  };
  const groupsOf = (value: string | undefined): string[] | undefined =>
    value === undefined ? undefined : value.split(',').map((x) => x.trim()).filter((x) => x !== '');
  const nodes: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  let nodeIndex = 0;
  let edgeIndex = 0;
  for (const child of graph.children) {
    if (typeof child === 'string') continue;
    if (child.name === 'hyperedge') {
      issues.push({ path: `hyperedge (line ${child.line})`, message: 'hyperedges are not supported: describe each link as an <edge>' });
      continue;
    }
    if (child.name === 'node') {
      const where = `node[${nodeIndex++}] (line ${child.line})`;
      if (elements(child, 'graph').length > 0) issues.push({ path: where, message: 'nested graphs are not supported: flatten the topology' });
      const nodeId = child.attrs.get('id');
      if (nodeId === undefined) {
        issues.push({ path: where, message: 'a <node> needs an id' });
        continue;
      }
      const attrs = attributes(child, 'node');
      const label = attrs.get('label');
      const cls = attrs.get('class');
      const groups = groupsOf(attrs.get('riskGroups'));
      nodes.push({
        id: nodeId,
        ...(label !== undefined && label !== '' && label !== nodeId ? { name: label } : {}),
        ...(cls !== undefined && cls !== '' ? { class: cls } : {}),
        ...(groups !== undefined ? { riskGroups: groups } : {}),
      });
    } else if (child.name === 'edge') {
      const where = `edge[${edgeIndex++}] (line ${child.line})`;
      const source = child.attrs.get('source');
      const target = child.attrs.get('target');
      if (source === undefined || target === undefined) {
        issues.push({ path: where, message: 'an <edge> needs a source and a target' });
        continue;
      }
      const attrs = attributes(child, 'edge');
      const linkId = child.attrs.get('id') ?? attrs.get('id');
      const groups = groupsOf(attrs.get('riskGroups'));
      links.push(importedLink(linkId, source, target, groups));
    }
  }
  return importResult(nodes, links, issues);
}
