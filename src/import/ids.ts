/** Configuration ids from names people wrote: slugs that pass the schema's id pattern, unique per section. */
import { createHash } from 'node:crypto';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** True when `text` is usable as a configuration id as it stands. */
export function isId(text: string): boolean {
  return ID.test(text);
}

/**
 * An id for a name: kept when already valid, else its ASCII letters and digits joined by dashes,
 * else (a name in Chinese only) `prefix-` and a short hash of the name, so the same name always
 * gives the same id.
 */
export function idFor(name: string, prefix: string): string {
  const t = name.trim();
  if (isId(t)) return t;
  const slug = t.normalize('NFKD').replace(/[^A-Za-z0-9._:-]+/g, '-').replace(/^[-._:]+|[-._:]+$/g, '').replace(/-{2,}/g, '-').slice(0, 100);
  if (slug.length >= 2 && /[A-Za-z]/.test(slug)) return slug;
  return `${prefix}-${createHash('sha256').update(t).digest('hex').slice(0, 8)}`;
}

/** Hands out ids unique within one section: a repeated id gets `-2`, `-3`… */
export class IdAllocator {
  private readonly used = new Set<string>();

  constructor(taken: Iterable<string> = []) {
    for (const t of taken) this.used.add(t);
  }

  /** A unique id based on `wanted`. */
  take(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.used.has(id); n++) id = `${wanted}-${n}`;
    this.used.add(id);
    return id;
  }
}
