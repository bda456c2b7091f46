import { describe, expect, it } from 'vitest';
import { DEVICE_TEXT_CAP_BYTES, capText, hasUnsafeText, neutralise } from './text.js';

describe('neutralise', () => {
  it.each([
    ['plain text', 'Cisco IOS 15.2', 'Cisco IOS 15.2'],
    ['CR and LF', 'a\r\nb', 'a\\x0d\\x0ab'],
    ['tab', 'a\tb', 'a\\x09b'],
    ['ESC (terminal escape)', '\u001b[31mred', '\\x1b[31mred'],
    ['NUL and DEL', 'a\u0000b\u007f', 'a\\x00b\\x7f'],
    ['C1 controls (NEL, CSI)', 'a\u0085b\u009b', 'a\\x85b\\x9b'],
    ['bidi overrides U+202A–U+202E', '\u202a\u202b\u202c\u202d\u202e', '\\u202a\\u202b\\u202c\\u202d\\u202e'],
    ['bidi isolates U+2066–U+2069', '\u2066\u2067\u2068\u2069', '\\u2066\\u2067\\u2068\\u2069'],
    ['direction marks and separators', '\u200e\u200f\u061c\u2028\u2029', '\\u200e\\u200f\\u061c\\u2028\\u2029'],
    ['Chinese and emoji stay', '核心路由器 PSU 1 ⚡', '核心路由器 PSU 1 ⚡'],
    ['a spoofed file name', 'report\u202Efdp.exe', 'report\\u202efdp.exe'],
  ])('%s', (_name, input, want) => {
    expect(neutralise(input)).toBe(want);
    expect(hasUnsafeText(neutralise(input))).toBe(false);
    expect(hasUnsafeText(input)).toBe(input !== want);
  });
});

describe('capText', () => {
  it.each([
    ['short text is kept', 'abc', 10, 'abc', false],
    ['exactly the cap is kept', 'abcd', 4, 'abcd', false],
    ['one byte over is cut', 'abcde', 4, 'abcd', true],
    ['a 3-byte character is not split', 'ab核', 4, 'ab', true],
    ['a surrogate pair is not split', 'ab😀', 5, 'ab', true],
  ])('%s', (_name, input, max, want, truncated) => {
    const r = capText(input, max);
    expect(r.text).toBe(want);
    expect(r.truncated).toBe(truncated);
    expect(r.bytes).toBe(Buffer.byteLength(input));
  });

  it('defaults to 1 KiB', () => {
    const r = capText('x'.repeat(10 * 1024));
    expect(DEVICE_TEXT_CAP_BYTES).toBe(1024);
    expect(r.text).toHaveLength(1024);
    expect(r.truncated).toBe(true);
  });
});
