/**
 * A signed export: a folder of report files plus `manifest.json` (the SHA-256 and size of every
 * other file, the signing key's id and fingerprint, the time it was made) and `manifest.sig`, the
 * raw 64-byte Ed25519 signature of the manifest's exact bytes by the ledger's key. Optionally
 * packed as a .tar of that folder. `verifyExport` checks one with node's standard library only
 * (docs/reports.md gives the same check with sha256sum and openssl).
 */
import { createHash, createPublicKey, verify as edVerify, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readTar, writeTar } from './tar.js';

/** The manifest's format id. */
export const MANIFEST_FORMAT = 'redline-signed-export/1';
/** The file names an export reserves. */
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
/** The public key beside the manifest (listed in it): a convenience; pin the key you trust with `--key`. */
export const PUBLIC_KEY_FILE = 'signing-key.pub.pem';

/** What signs: the ledger's key (src/ledger/signing.ts). */
export interface ExportSigner {
  readonly keyId: string;
  readonly fingerprint: string;
  readonly publicKeyPem: string;
  /** The Ed25519 signature of `data`, base64. */
  sign(data: Buffer): string;
}

/** One file of an export. */
export interface ExportFile {
  readonly name: string;
  readonly bytes: Buffer;
}

/** The manifest, as written. */
export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly kind: string;
  readonly createdAt: string;
  readonly algorithm: 'Ed25519';
  readonly hash: 'SHA-256';
  readonly keyId: string;
  readonly fingerprint: string;
  readonly files: readonly { readonly name: string; readonly sha256: string; readonly size: number }[];
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The export's files plus the manifest and its signature, in order. */
export function signExport(kind: string, files: readonly ExportFile[], signer: ExportSigner, createdAt: number): ExportFile[] {
  const all = [...files, { name: PUBLIC_KEY_FILE, bytes: Buffer.from(signer.publicKeyPem) }];
  for (const f of all) {
    if (!SAFE_NAME.test(f.name) || f.name === MANIFEST_FILE || f.name === SIGNATURE_FILE) throw new RangeError(`export: bad file name ${f.name}`);
  }
  if (new Set(all.map((f) => f.name)).size !== all.length) throw new RangeError('export: two files share a name');
  const manifest: Manifest = {
    format: MANIFEST_FORMAT, kind, createdAt: new Date(createdAt).toISOString(), algorithm: 'Ed25519', hash: 'SHA-256',
    keyId: signer.keyId, fingerprint: signer.fingerprint,
    files: all.map((f) => ({ name: f.name, sha256: sha256(f.bytes), size: f.bytes.length })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  const sig = Buffer.from(signer.sign(manifestBytes), 'base64');
  return [...all, { name: MANIFEST_FILE, bytes: manifestBytes }, { name: SIGNATURE_FILE, bytes: sig }];
}

/** Writes a signed export into folder `dir` (created; must not hold other files). */
export function writeExportDir(dir: string, files: readonly ExportFile[]): void {
  mkdirSync(dir, { recursive: true });
  const present = readdirSync(dir);
  if (present.length > 0) throw new Error(`${dir} is not empty: an export folder must hold only its own files`);
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes, { mode: 0o644 });
}

/** The export as a .tar whose files sit in folder `folder`. */
export function exportTar(folder: string, files: readonly ExportFile[], createdAt: number): Buffer {
  return writeTar(files.map((f) => ({ name: `${folder}/${f.name}`, bytes: f.bytes })), Math.floor(createdAt / 1000));
}

/** How to know the key: a pinned public key (PEM), an expected key id or fingerprint, or neither (the key in the export). */
export interface ExpectedKey {
  readonly publicKeyPem?: string;
  /** A key id (64 hex) or a fingerprint (aa:bb:… or 32 hex), compared with the key that signed. */
  readonly keyId?: string;
}

/** The verdict of a check. */
export interface ExportVerdict {
  readonly ok: boolean;
  readonly kind: string | null;
  readonly createdAt: string | null;
  readonly keyId: string | null;
  readonly fingerprint: string | null;
  /** Whether the key was pinned (`--key` or `--key-id`); when not, only the export's own key vouches for it. */
  readonly keyPinned: boolean;
  readonly files: number;
  readonly problems: readonly string[];
}

function keyIdOf(pub: KeyObject): string {
  return sha256(pub.export({ type: 'spki', format: 'der' }));
}

function sameKey(expected: string, keyId: string): boolean {
  const e = expected.toLowerCase().replace(/[^0-9a-f]/g, '');
  return e.length >= 32 && keyId.startsWith(e);
}

/** The files of an export folder or .tar (a .tar holds one folder). */
export function readExport(path: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (!entry.isFile()) throw new Error(`${join(path, entry.name)} is not a regular file: an export folder holds only files`);
      files.set(entry.name, readFileSync(join(path, entry.name)));
    }
    return files;
  }
  const entries = readTar(readFileSync(path));
  const folders = new Set(entries.map((e) => (e.name.includes('/') ? e.name.slice(0, e.name.indexOf('/')) : '')));
  if (folders.size > 1) throw new Error(`${basename(path)}: the archive holds more than one folder`);
  for (const e of entries) {
    const name = e.name.slice(e.name.indexOf('/') + 1);
    if (name.includes('/')) throw new Error(`${basename(path)}: ${e.name} is in a subfolder: an export holds only files`);
    if (files.has(name)) throw new Error(`${basename(path)}: ${name} appears twice`);
    files.set(name, e.bytes);
  }
  return files;
}

/** A parsed manifest, its shape checked (throws naming what is wrong). */
function manifestOf(v: unknown): Manifest {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  if (o['format'] !== MANIFEST_FORMAT) throw new Error(`not a ${MANIFEST_FORMAT} manifest`);
  const files = o['files'];
  if (!Array.isArray(files)) throw new Error('files is not a list');
  for (const f of files as unknown[]) {
    const r = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
    if (typeof r['name'] !== 'string' || typeof r['sha256'] !== 'string' || typeof r['size'] !== 'number') throw new Error('a file entry lacks name, sha256 or size');
  }
  for (const k of ['keyId', 'fingerprint', 'kind', 'createdAt']) if (typeof o[k] !== 'string') throw new Error(`${k} is missing`);
  return o as unknown as Manifest;
}

/** Checks an export's files: the signature over the manifest, then every file's hash and size, and that no file is missing or added. */
export function verifyExportFiles(files: ReadonlyMap<string, Buffer>, expected: ExpectedKey): ExportVerdict {
  const problems: string[] = [];
  const base = { kind: null, createdAt: null, keyId: null, fingerprint: null, keyPinned: expected.publicKeyPem !== undefined || expected.keyId !== undefined, files: 0 };
  const manifestBytes = files.get(MANIFEST_FILE);
  const sig = files.get(SIGNATURE_FILE);
  if (manifestBytes === undefined) return { ...base, ok: false, problems: [`${MANIFEST_FILE} is missing`] };
  if (sig === undefined) return { ...base, ok: false, problems: [`${SIGNATURE_FILE} is missing`] };
  let m: Manifest;
  try {
    m = manifestOf(JSON.parse(manifestBytes.toString('utf8')));
  } catch (err) {
    return { ...base, ok: false, problems: [`${MANIFEST_FILE} cannot be read: ${(err as Error).message}`] };
  }
  const head = { ...base, kind: m.kind, createdAt: m.createdAt, keyId: m.keyId, fingerprint: m.fingerprint, files: m.files.length };
  let pub: KeyObject;
  try {
    const pem = expected.publicKeyPem ?? files.get(PUBLIC_KEY_FILE)?.toString('utf8');
    if (pem === undefined) return { ...head, ok: false, problems: [`no public key: give --key, or keep ${PUBLIC_KEY_FILE} in the export`] };
    pub = createPublicKey(pem.includes('PRIVATE KEY') ? { key: pem, format: 'pem' } : pem);
    if (pub.asymmetricKeyType !== 'ed25519') return { ...head, ok: false, problems: [`the key is ${pub.asymmetricKeyType ?? 'unknown'}, not Ed25519`] };
  } catch (err) {
    return { ...head, ok: false, problems: [`the public key cannot be read: ${(err as Error).message}`] };
  }
  const actualId = keyIdOf(pub);
  if (expected.keyId !== undefined && !sameKey(expected.keyId, actualId)) problems.push(`signed by key ${m.fingerprint}, not the expected ${expected.keyId}`);
  if (actualId !== m.keyId) problems.push(`the manifest names key ${m.keyId.slice(0, 32)}…, the key used to check is ${actualId.slice(0, 32)}…: wrong key`);
  if (sig.length !== 64 || !edVerify(null, manifestBytes, pub, sig)) problems.push(`${SIGNATURE_FILE} is not a valid Ed25519 signature of ${MANIFEST_FILE} by this key`);
  const listed = new Set<string>();
  for (const f of m.files) {
    listed.add(f.name);
    const bytes = files.get(f.name);
    if (bytes === undefined) problems.push(`${f.name} is listed in the manifest but missing`);
    else if (bytes.length !== f.size || sha256(bytes) !== f.sha256) problems.push(`${f.name} was changed (SHA-256 differs from the manifest)`);
  }
  for (const name of files.keys()) {
    if (name !== MANIFEST_FILE && name !== SIGNATURE_FILE && !listed.has(name)) problems.push(`${name} is not in the manifest (added after signing)`);
  }
  return { ...head, ok: problems.length === 0, problems };
}

/** Checks the export folder or .tar at `path`. */
export function verifyExport(path: string, expected: ExpectedKey): ExportVerdict {
  return verifyExportFiles(readExport(path), expected);
}
