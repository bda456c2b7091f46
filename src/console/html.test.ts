import { describe, expect, it } from 'vitest';
import { cssToken, deviceText, escapeHtml, href, html, join, jsonData, localPath, raw, safeUrl } from './html.js';

/** Strings a device or a user could send, aimed at each context a page puts text in. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  '</script><script>alert(1)</script>',
  '`${alert(1)}`',
  '<svg><text>x</text><script>alert(1)</script></svg>',
  '&lt;already&gt; &amp;',
  'javascript:alert(1)',
  '\u202eevil\u202c',
  'line\r\nbreak',
  '\u2028\u2029',
];

describe('html escapes what it interpolates', () => {
  it.each(HOSTILE)('text and attribute contexts: %j', (s) => {
    const out = html`<td title="${s}" data-x='${s}'>${s}</td>`.toString();
    const e = escapeHtml(s);
    expect(e).not.toMatch(/[<>"'`]/);
    expect(out).toBe(`<td title="${e}" data-x='${e}'>${e}</td>`);
    expect(out.match(/"/g)?.length).toBe(2);
    expect(out.match(/'/g)?.length).toBe(2);
    expect(out.startsWith('<td title="')).toBe(true);
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<svg');
  });

  it('escapes the five HTML specials and the backtick, leaves other text alone', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a> 中文`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt; 中文');
  });

  it('keeps fragments it made, flattens lists, drops null, undefined and false', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${[html`<br>`, 'a&b']}${null}${undefined}${false}${0}</p>`.toString()).toBe('<p><b>&lt;i&gt;</b><br>a&amp;b0</p>');
    expect(join(['a', html`<hr>`, '<'], html`, `).toString()).toBe('a, <hr>, &lt;');
    expect(raw('<em>').toString()).toBe('<em>');
  });

  it('renders a non-finite number as nothing', () => {
    expect(html`${Number.NaN}|${Number.POSITIVE_INFINITY}`.toString()).toBe('|');
  });
});

describe('URLs', () => {
  it('percent-encodes each path segment and query value', () => {
    expect(href(['devices', '../admin?x=1#y'], { q: 'a b&c', page: 2, empty: '', none: undefined, multi: ['x', 'y'] }))
      .toBe('/devices/..%2Fadmin%3Fx%3D1%23y?q=a+b%26c&page=2&multi=x&multi=y');
    expect(href('/hazards')).toBe('/hazards');
  });

  it('keeps only relative paths and http(s) URLs from elsewhere', () => {
    expect(safeUrl('/hazards/h1')).toBe('/hazards/h1');
    expect(safeUrl('https://noc.example.net/x?y=1')).toBe('https://noc.example.net/x?y=1');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<b>', '//evil.example/', '/\\evil.example', 'vbscript:x', 'not a url']) {
      expect(safeUrl(bad)).toBe('#');
    }
  });

  it('goes back only to this server\'s own paths', () => {
    expect(localPath('/devices?q=1')).toBe('/devices?q=1');
    for (const bad of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'devices', '/x\r\nSet-Cookie: a=b', undefined, 42, '/' + 'a'.repeat(3000)]) {
      expect(localPath(bad)).toBe('/');
    }
  });
});

describe('script data', () => {
  it.each(HOSTILE)('a JSON block cannot be closed or broken by %j', (s) => {
    const out = jsonData('map-data', { label: s }).toString();
    const body = out.slice(out.indexOf('>') + 1, out.lastIndexOf('</script>'));
    expect(body).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(body)).toEqual({ label: s });
  });
});

describe('CSS tokens and device text', () => {
  it('accepts the console\'s own class names and refuses anything else', () => {
    expect(cssToken('risk-red')).toBe('risk-red');
    for (const bad of ['red;background:url(x)', 'a b', '"x', '1abc', '']) expect(() => cssToken(bad)).toThrow(/not a CSS token/);
  });

  it('shows control characters and bidi overrides as visible escapes', () => {
    expect(deviceText('core\r\n\u202eA')).toBe('core\\x0d\\x0a\\u202eA');
    expect(deviceText(null)).toBe('');
  });
});
