/** JSON paths of health-check body expectations: `$.a.b[0]["c.d"]` parsed once, looked up in a parsed body. */

/** Parsed JSON path: object keys and array indexes from the document root. */
export type JsonPath = readonly (string | number)[];

/** Parses `$.a.b[0]["c.d"]` (the `$` and the first dot may be left out); null when malformed. */
export function parseJsonPath(text: string): JsonPath | null {
  let s = text.trim();
  if (s === '') return null;
  if (s.startsWith('$')) s = s.slice(1);
  else if (!s.startsWith('[') && !s.startsWith('.')) s = `.${s}`;
  const out: (string | number)[] = [];
  let i = 0;
  while (i < s.length) {
    const rest = s.slice(i);
    if (rest.startsWith('.')) {
      const name = /^\.([^.[]+)/.exec(rest);
      if (name === null) return null;
      out.push(name[1]!);
      i += name[0].length;
      continue;
    }
    const index = /^\[\s*(\d+)\s*\]/.exec(rest);
    const double = /^\[\s*"((?:[^"\\]|\\.)*)"\s*\]/.exec(rest);
    const single = /^\[\s*'([^']*)'\s*\]/.exec(rest);
    if (index !== null) out.push(Number(index[1]));
    else if (double !== null) {
      try {
        out.push(JSON.parse(`"${double[1]!}"`) as string);
      } catch {
        return null;
      }
    } else if (single !== null) out.push(single[1]!);
    else return null;
    i += (index ?? double ?? single)![0].length;
  }
  return out;
}

/** The value at `path` in a parsed JSON document, or `present: false` when there is none. */
export function lookupJsonPath(doc: unknown, path: JsonPath): { present: true; value: unknown } | { present: false } {
  let node: unknown = doc;
  for (const segment of path) {
    if (Array.isArray(node)) {
      const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      if (index < 0 || index >= node.length) return { present: false };
      node = node[index] as unknown;
    } else if (typeof node === 'object' && node !== null) {
      const key = String(segment);
      if (!Object.hasOwn(node, key)) return { present: false };
      node = (node as Record<string, unknown>)[key];
    } else {
      return { present: false };
    }
  }
  return { present: true, value: node };
}
