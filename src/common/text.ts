/**
 * Device-supplied text made safe for people: capped in size where it is collected, and with
 * line breaks, control characters and bidi overrides made visible wherever it is printed as
 * text (terminal summaries, log lines). JSON output keeps the exact (capped) string.
 */

/** Most bytes (UTF-8) of one device-supplied string kept in an observation. */
export const DEVICE_TEXT_CAP_BYTES = 1024;

/**
 * Characters that can forge or hide text on a terminal: C0 controls (CR, LF, ESC…), DEL, C1
 * controls, the bidi embeddings and overrides (U+202A–U+202E), the bidi isolates (U+2066–U+2069),
 * and the invisible direction marks (U+200E, U+200F, U+061C), plus the line and paragraph separators.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]/g;

/** `s` with every unsafe character written as a visible escape (`\x0a`, `\u202e`); safe on one line of a terminal. */
export function neutralise(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** True when `s` holds a character `neutralise` would rewrite. */
export function hasUnsafeText(s: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(s);
  UNSAFE.lastIndex = 0;
  return found;
}

/** `s` cut to at most `maxBytes` of UTF-8 on a character boundary, and whether anything was cut. */
export function capText(s: string, maxBytes = DEVICE_TEXT_CAP_BYTES): { text: string; truncated: boolean; bytes: number } {
  const bytes = Buffer.byteLength(s, 'utf8');
  if (bytes <= maxBytes) return { text: s, truncated: false, bytes };
  let end = 0;
  let used = 0;
  for (const ch of s) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (used + size > maxBytes) break;
    used += size;
    end += ch.length;
  }
  return { text: s.slice(0, end), truncated: true, bytes };
}
