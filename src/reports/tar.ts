/**
 * A minimal POSIX ustar writer and reader for signed exports (regular files in one folder, short
 * ASCII names): node's standard library only, so `verify-report` reads an archive with nothing
 * else installed, and `tar -xf` unpacks it anywhere.
 */

const BLOCK = 512;

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

/** One file of an archive. */
export interface TarEntry {
  readonly name: string;
  readonly bytes: Buffer;
}

/** The ustar archive of `entries` (mtime `mtimeSec`, mode 0644). */
export function writeTar(entries: readonly TarEntry[], mtimeSec: number): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    if (Buffer.byteLength(e.name) > 100 || !/^[\x20-\x7e]+$/.test(e.name)) throw new RangeError(`tar: name too long or not printable ASCII: ${e.name}`);
    const h = Buffer.alloc(BLOCK, 0);
    h.write(e.name, 0, 'ascii');
    h.write(octal(0o644, 8), 100, 'ascii');
    h.write(octal(0, 8), 108, 'ascii');
    h.write(octal(0, 8), 116, 'ascii');
    h.write(octal(e.bytes.length, 12), 124, 'ascii');
    h.write(octal(Math.floor(mtimeSec), 12), 136, 'ascii');
    h.write('        ', 148, 'ascii');
    h.write('0', 156, 'ascii');
    h.write('ustar\0', 257, 'ascii');
    h.write('00', 263, 'ascii');
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
    parts.push(h, e.bytes, Buffer.alloc((BLOCK - (e.bytes.length % BLOCK)) % BLOCK, 0));
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return Buffer.concat(parts);
}

/** The regular files of a ustar archive; throws on a damaged header. Directories are skipped. */
export function readTar(tar: Buffer): TarEntry[] {
  const out: TarEntry[] = [];
  for (let off = 0; off + BLOCK <= tar.length;) {
    const h = tar.subarray(off, off + BLOCK);
    if (h.every((b) => b === 0)) break;
    const stored = parseInt(h.subarray(148, 156).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    if (stored !== sum) throw new Error(`tar: damaged header at byte ${off}`);
    const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const prefix = h.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(h.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim() || '0', 8);
    const type = String.fromCharCode(h[156]!);
    const start = off + BLOCK;
    if (start + size > tar.length) throw new Error(`tar: ${name} is cut short`);
    if (type === '0' || type === '\0') out.push({ name: prefix === '' ? name : `${prefix}/${name}`, bytes: Buffer.from(tar.subarray(start, start + size)) });
    off = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return out;
}
