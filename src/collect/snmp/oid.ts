/** OID helpers on dotted strings, written to avoid allocation on the walk's hot path. */

/**
 * Compares two dotted OIDs numerically, component by component, without splitting them.
 * Returns a negative number, zero or a positive number, like a sort comparator.
 */
export function compareOid(a: string, b: string): number {
  let i = 0;
  let j = 0;
  const la = a.length;
  const lb = b.length;
  while (i < la && j < lb) {
    // skip leading dots (tolerate ".1.3.6" as well as "1.3.6")
    if (a.charCodeAt(i) === 46) i++;
    if (b.charCodeAt(j) === 46) j++;
    let na = 0;
    let nb = 0;
    let da = 0;
    let db = 0;
    while (i < la && a.charCodeAt(i) !== 46) { na = na * 10 + (a.charCodeAt(i) - 48); i++; da++; }
    while (j < lb && b.charCodeAt(j) !== 46) { nb = nb * 10 + (b.charCodeAt(j) - 48); j++; db++; }
    if (da === 0 && db === 0) continue;
    if (na !== nb) return na - nb;
  }
  const restA = i < la ? 1 : 0;
  const restB = j < lb ? 1 : 0;
  return restA - restB;
}

/** True when `oid` lies strictly inside the subtree rooted at `root`. */
export function isUnder(oid: string, root: string): boolean {
  return oid.length > root.length + 1 && oid.charCodeAt(root.length) === 46 && oid.startsWith(root);
}

/** Strips a leading dot, so that ".1.3.6.1" and "1.3.6.1" are the same key. */
export function normalizeOid(oid: string): string {
  return oid.charCodeAt(0) === 46 ? oid.slice(1) : oid;
}

/** The index part of `oid` below `root` (without the joining dot); `oid` must be under `root`. */
export function indexOf(oid: string, root: string): string {
  return oid.slice(root.length + 1);
}

/** Parses a dotted index into numbers; returns null when a component is not a non-negative integer. */
export function parseIndex(index: string): number[] | null {
  if (index.length === 0) return [];
  const parts = index.split('.');
  const out: number[] = new Array<number>(parts.length);
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (!/^\d+$/.test(p)) return null;
    out[k] = Number(p);
  }
  return out;
}

/** True when every component is a valid sub-identifier (0 … 2^32-1) and there are at least two. */
export function isValidOid(oid: string): boolean {
  const parts = normalizeOid(oid).split('.');
  if (parts.length < 2) return false;
  return parts.every((p) => /^\d{1,10}$/.test(p) && Number(p) <= 0xffffffff);
}
