/**
 * The console's two languages: zh-CN by default, English by a switch that sticks (a cookie).
 * Each page keeps its own words next to it (`words({...})`), one entry per label with both
 * languages, so a label cannot exist in one language only (the type requires both).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Bilingual } from '../analysis/finding.js';

/** The languages of the console, default first. */
export const LANGS = ['zh-CN', 'en'] as const;
/** One of LANGS. */
export type Lang = (typeof LANGS)[number];

/** The cookie that keeps the chosen language (not a secret; readable by the page's own script is not needed). */
export const LANG_COOKIE = 'redline_lang';

/** One label in both languages (the analysis's `Bilingual`: rule words, state and measure labels fit as they are). */
export type Word = Bilingual;

/** A page's vocabulary: every entry has both languages. */
export function words<K extends string>(table: Readonly<Record<K, Word>>): Readonly<Record<K, Word>> {
  return table;
}

/** The label in `lang`. */
export function say(lang: Lang, w: Word): string {
  return lang === 'en' ? w.en : w.zh;
}

/** Whether `s` names a console language. */
export function isLang(s: unknown): s is Lang {
  return typeof s === 'string' && (LANGS as readonly string[]).includes(s);
}

/** The language of a request: its cookie when set to a known language, else zh-CN. */
export function langOf(headers: IncomingHttpHeaders): Lang {
  const cookie = headers.cookie ?? '';
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === LANG_COOKIE) {
      const v = decodeURIComponent(part.slice(eq + 1).trim());
      if (isLang(v)) return v;
    }
  }
  return 'zh-CN';
}

/** The Set-Cookie value keeping `lang` for a year. */
export function langCookie(lang: Lang, secure: boolean): string {
  return [`${LANG_COOKIE}=${encodeURIComponent(lang)}`, 'Path=/', 'SameSite=Lax', `Max-Age=${365 * 24 * 3600}`, ...(secure ? ['Secure'] : [])].join('; ');
}
