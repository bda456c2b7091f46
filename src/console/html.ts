/**
 * Safe HTML for the console. Every page is built with the `html` tagged template: an
 * interpolated value is escaped for the context it lands in unless it is already `SafeHtml`
 * (another `html` fragment, or `raw` markup the console wrote itself). Device-supplied strings
 * (sysDescr, sysName, interface aliases, LLDP names, PSU names, trap text, hazard comments) are
 * hostile: they only ever reach a page through these functions.
 *
 * Contexts and their rules:
 * - text and quoted attribute values: `&`, `<`, `>`, `"`, `'` and the backtick are escaped
 *   (attribute values must always be quoted in the templates: `title="${x}"`);
 * - URLs: `href(path, query)` builds a same-site URL (every path segment and query value
 *   percent-encoded); `safeUrl` refuses anything but a relative path or http(s);
 * - script data: `jsonData(id, value)` writes a `<script type="application/json">` block, not run
 *   by the browser, with `<`, `>`, `&`, U+2028 and U+2029 escaped so no string can close it;
 * - CSS: device strings never go into style; classes come from the console's own vocabularies
 *   (`cssToken` refuses anything else);
 * - SVG labels: the map's SVG is built with the same template, so labels are escaped text.
 */
import { neutralise } from '../common/text.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes a string for HTML text or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

/** Markup the console trusts: produced by `html`, `raw` or a helper of this module. */
export class SafeHtml {
  readonly #markup: string;
  constructor(markup: string) { this.#markup = markup; }
  toString(): string { return this.#markup; }
}

/** What may be interpolated: text (escaped), numbers, markup, lists of them; null/undefined/false render nothing. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'string') return escapeHtml(v);
  return v.map(render).join('');
}

/** The console's template: `html\`<td title="${name}">${name}</td>\`` escapes `name` in both places. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Markup written by the console itself (never a device or user string). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Joins fragments with an optional separator (escaped like any value). */
export function join(parts: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  const sep = render(separator);
  return new SafeHtml(parts.map(render).filter((p) => p !== '').join(sep));
}

/** A query string value: a scalar, or a list (repeated key). Undefined, null and '' are left out. */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/**
 * A same-site URL: `href(['devices', id], { q: 'x' })` → `/devices/<id>?q=x`, each segment and
 * value percent-encoded (a device id like `../admin` or `a?b` stays one segment). A string path is
 * taken as the console's own literal path (never pass device strings in it).
 */
export function href(path: string | readonly string[], query: Readonly<Record<string, QueryValue>> = {}): string {
  const p = typeof path === 'string' ? path : '/' + path.map((s) => encodeURIComponent(s)).join('/');
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const item of v as readonly (string | number)[]) q.append(k, String(item));
    else q.append(k, String(v));
  }
  const qs = q.toString();
  return qs === '' ? p : `${p}?${qs}`;
}

/**
 * A URL from elsewhere (a receiver link, a configured console URL): kept only when it is a
 * relative path or http(s); anything else (javascript:, data:, protocol-relative //host) becomes
 * `#`.
 */
export function safeUrl(url: string): string {
  const u = url.trim();
  if (u.startsWith('/') && !u.startsWith('//') && !u.startsWith('/\\')) return u;
  try {
    const parsed = new URL(u);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : '#';
  } catch {
    return '#';
  }
}

/**
 * A local path to go back to after login or a language switch: only this server's own paths
 * (no scheme, no `//host`, no backslash tricks), else `/`.
 */
export function localPath(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2048) return '/';
  // eslint-disable-next-line no-control-regex
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\') || /[\u0000-\u001f]/.test(next)) return '/';
  return next;
}

/** Data for the page's script: a JSON block the browser does not run, safe from `</script>` and friends. */
export function jsonData(id: string, value: unknown): SafeHtml {
  const json = JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return html`<script type="application/json" id="${cssToken(id)}">${raw(json)}</script>`;
}

/** A class name or id from the console's own vocabulary; anything else is refused (a bug, not input). */
export function cssToken(token: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(token)) throw new Error(`not a CSS token the console writes: ${JSON.stringify(token)}`);
  return token;
}

/** Text a device sent, shown with control characters and bidi overrides made visible (as the CLI does), then escaped by `html`. */
export function deviceText(s: string | null | undefined): string {
  return s === null || s === undefined ? '' : neutralise(s);
}
