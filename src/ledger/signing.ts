/**
 * The Ed25519 key that signs the audit trail's checkpoints (node:crypto only): created on first
 * use as a PKCS#8 PEM file readable by its owner alone, refused when group or others can read it,
 * and identified by a key id (sha256 of the public key's SPKI DER) whose first 16 bytes are the
 * fingerprint people compare. An inspector verifies with the exported public key PEM (or the
 * private key file itself, from which the public key is derived).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError, errorMessage } from '../common/errors.js';

/** A public key that checks checkpoint signatures. */
export interface LedgerPublicKey {
  /** sha256 of the public key's SPKI DER, hex (64 characters). */
  readonly keyId: string;
  /** The first 16 bytes of the key id, as colon-separated hex pairs: what people compare. */
  readonly fingerprint: string;
  /** The public key as SPKI PEM (what an inspector keeps). */
  readonly publicKeyPem: string;
  /** Whether `signature` (base64) is this key's Ed25519 signature of `data`. */
  verify(data: string | Buffer, signature: string): boolean;
}

/** The signing key: its public half plus `sign`. */
export interface LedgerSigningKey extends LedgerPublicKey {
  /** The key file. */
  readonly file: string;
  /** True when this call generated the key (the caller prints `signingKeyCreatedMessage`). */
  readonly created: boolean;
  /** The Ed25519 signature of `data`, base64. */
  sign(data: string | Buffer): string;
}

/** The first 16 bytes of a key id, as colon-separated hex pairs. */
export function fingerprintOf(keyId: string): string {
  return (keyId.slice(0, 32).match(/../g) ?? []).join(':');
}

/** The line the composition prints when it created the key. */
export function signingKeyCreatedMessage(key: Pick<LedgerSigningKey, 'fingerprint' | 'file'>): string {
  return `ledger signing key ${key.fingerprint} created at ${key.file}`;
}

function publicHalf(pub: KeyObject): LedgerPublicKey {
  if (pub.asymmetricKeyType !== 'ed25519') throw new UsageError(`the ledger key must be Ed25519, this one is ${pub.asymmetricKeyType ?? 'not an asymmetric key'}`);
  const keyId = createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('hex');
  return {
    keyId,
    fingerprint: fingerprintOf(keyId),
    publicKeyPem: pub.export({ type: 'spki', format: 'pem' }).toString(),
    verify: (data, signature) => {
      const bytes = Buffer.from(signature, 'base64');
      return bytes.length === 64 && verify(null, typeof data === 'string' ? Buffer.from(data) : data, pub, bytes);
    },
  };
}

function signingKeyOf(file: string, priv: KeyObject, created: boolean): LedgerSigningKey {
  if (priv.asymmetricKeyType !== 'ed25519') throw new UsageError(`${file}: the ledger signing key must be Ed25519, this one is ${priv.asymmetricKeyType ?? 'unknown'}`);
  return {
    ...publicHalf(createPublicKey(priv)),
    file,
    created,
    sign: (data) => sign(null, typeof data === 'string' ? Buffer.from(data) : data, priv).toString('base64'),
  };
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Reads an existing signing key, refusing a file that group or others may read. */
export function loadSigningKey(file: string): LedgerSigningKey {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (err) {
    throw new UsageError(`ledger signing key ${file}: cannot read it (${errorMessage(err)})`);
  }
  if ((mode & 0o077) !== 0) {
    throw new UsageError(`ledger signing key ${file} is readable by group or others (mode ${(mode & 0o777).toString(8)}); make it private: chmod 600 ${file}`);
  }
  let priv: KeyObject;
  try {
    priv = createPrivateKey(readFileSync(file));
  } catch (err) {
    throw new UsageError(`ledger signing key ${file} is not a PEM private key (${errorMessage(err)})`);
  }
  return signingKeyOf(file, priv, false);
}

/**
 * Loads the signing key from `file`, generating it on first use (mode 0600; the directory must
 * exist). Two processes starting at once end up with the same key: only one creation wins.
 */
export function loadOrCreateSigningKey(file: string, opts: { readonly now: number }): LedgerSigningKey {
  const dir = dirname(file);
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
  } catch (err) {
    throw new UsageError(`ledger signing key ${file}: its directory ${dir} does not exist (${errorMessage(err)})`);
  }
  if (existsSync(file)) return loadSigningKey(file);
  const { privateKey } = generateKeyPairSync('ed25519');
  // PEM allows explanatory text before the armour; it tells whoever finds the file what it is
  const text = `redline ledger signing key, created ${new Date(opts.now).toISOString()}; keep it private\n` +
    privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // written whole to a private temporary file, then linked into place: a crash never leaves a
  // half-written key, and of two processes creating at once exactly one link wins
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadSigningKey(file);
    throw new UsageError(`ledger signing key ${file}: cannot create it (${errorMessage(err)})`);
  } finally {
    rmSync(tmp, { force: true });
  }
  fsyncDir(dir);
  return signingKeyOf(file, privateKey, true);
}

/** The public key in `file`: an exported public key PEM, or the private key file itself. */
export function loadPublicKey(file: string): LedgerPublicKey {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`public key ${file}: cannot read it (${errorMessage(err)})`);
  }
  try {
    const pub = text.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(text)) : createPublicKey(text);
    return publicHalf(pub);
  } catch (err) {
    if (err instanceof UsageError) throw new UsageError(`public key ${file}: ${err.message}`);
    throw new UsageError(`public key ${file} is not a PEM public or private key (${errorMessage(err)})`);
  }
}
