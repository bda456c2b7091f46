/** Canary secrets and the check that none of them shows in some text, in any usual encoding. */

/** A secret and the forms it could leak in (plain, hex, base64, JSON-escaped). */
export function leakForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('hex'), bytes.toString('base64').replace(/=+$/, ''), JSON.stringify(secret).slice(1, -1)];
}

/** The forms of `secrets` found in `text` (empty when nothing leaked). */
export function leaks(text: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  const lower = text.toLowerCase();
  for (const s of secrets) for (const f of leakForms(s)) if (lower.includes(f.toLowerCase())) found.push(f);
  return found;
}
