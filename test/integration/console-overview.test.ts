/**
 * The overview, devices list and device page over HTTP, on a small network analysed for real
 * (test/support/console-fixture.ts) with a hazard ledger on a SQLite file: the matrix's cells
 * (worst state, 未核查 with the coverage reason and a link behind it), single points of failure,
 * hazards by risk level with the overdue ones, the trend, unreachable and stale devices; the
 * devices list's filters, search, counts and paging; a device's PSUs, power chain, neighbours,
 * interfaces and transitions paged; every label in English after the switch; and hostile device
 * strings escaped everywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleFixture, XSS_CORPUS, type ConsoleFixture } from '../support/console-fixture.js';
import { serveConsole, type ConsoleSession, type ServedConsole } from '../support/console.js';

let fixture: ConsoleFixture;
let served: ServedConsole;
let viewer: ConsoleSession;
let english: ConsoleSession;

beforeAll(async () => {
  fixture = await consoleFixture();
  served = await serveConsole(fixture.deps, { auth: { now: () => Date.UTC(2026, 11, 4, 12) } });
  viewer = await served.login('viewer');
  english = await served.login('viewer');
});
afterAll(async () => {
  await served.close();
  await fixture.close();
});

async function page(path: string, s: ConsoleSession = viewer): Promise<string> {
  const res = await s.get(path, s === english ? { cookie: `${s.cookie}; redline_lang=en` } : {});
  expect(res.status, path).toBe(200);
  return res.text();
}

/** The cells of one matrix row, by measure column (six), as their HTML. */
function rowCells(doc: string, site: string, cls: string): string[] {
  const row = new RegExp(`<tr data-site="${site}" data-class="${cls}">([\\s\\S]*?)</tr>`).exec(doc)?.[1];
  if (row === undefined) throw new Error(`no matrix row ${site}/${cls}`);
  return [...row.matchAll(/<td class="cell[^"]*"[\s\S]*?<\/td>/g)].map((m) => m[0]);
}
const stateOf = (cell: string): string => /state-([a-z]+)/.exec(cell)?.[1] ?? (cell.includes('cell-none') ? 'none' : '?');

describe('the overview', () => {
  it('puts the worst state of each measure in the cell of its site and class, linked to the findings behind it', async () => {
    const doc = await page('/');
    const core = rowCells(doc, 'core', 'PC-CORE');
    expect(core).toHaveLength(6);
    // both core routers in one room (多重节点), cr2's PSUs on one PDU (多路电源), cr1's bundle on one member (负荷分担)
    expect(core.map(stateOf)).toEqual(['unprotected', 'unknown', 'unprotected', 'protected', 'unchecked', 'unprotected']);
    expect(core[5]).toContain('href="/findings?site=core&amp;class=PC-CORE&amp;measure=multiplePower&amp;state=all"');
    // the aggregation routers reach no core node: 多重节点 down
    expect(stateOf(rowCells(doc, 'agg', 'PC-AGG')[0]!)).toBe('down');
  });

  it('says why a cell was not checked, from the coverage statement, with a link to the coverage of its rules', async () => {
    const doc = await page('/');
    const cfg = rowCells(doc, 'core', 'PC-CORE')[4]!;
    expect(cfg).toContain('state-unchecked');
    expect(cfg).toContain('未核查');
    expect(cfg).toContain('href="/coverage?rule=CFG-001%2CCFG-002%2CCFG-003%2CCFG-004%2CCFG-005%2CCFG-006"');
    expect(cfg).toMatch(/title="CFG-001: 尚未实现\nCFG-002: 未配置所需的记录来源/);
    expect(cfg).toContain('<span class="note">尚未实现 (+1)</span>');
  });

  it('lists single points of failure linked to their findings, hazards by risk level with the overdue ones, and the trend with its table', async () => {
    const doc = await page('/');
    expect(doc).toMatch(/<h2 id="spof-h">单点故障 <span class="count">\d+<\/span><\/h2>/);
    expect(doc).toMatch(/<a href="\/findings\/[0-9a-f]{16}">PWR-001b<\/a>/);
    expect(doc).toContain('<tr data-colour="red"><th scope="row"><span class="risk risk-red">重大风险</span></th><td class="num"><a href="/hazards?colour=red">2</a></td><td class="num"><a class="overdue" href="/hazards?colour=red&amp;overdue=true">1</a></td></tr>');
    expect(doc).toContain('<td class="num"><a href="/hazards?colour=orange">1</a></td><td class="num">0</td>');
    expect(doc).toMatch(/<svg class="trend"[^>]*role="img"/);
    expect(doc).toContain('<th scope="row">2026-12-04</th><td class="num">3</td>');
    // an auto-refresh people can turn off (console.js shows the switch), never a meta refresh
    expect(doc).toContain('<input type="checkbox" id="auto-refresh" data-refresh-seconds="60" checked>');
    expect(doc).not.toContain('http-equiv="refresh"');
  });

  it('lists the unreachable and stale devices, linked, and the special period (none on this day)', async () => {
    const doc = await page('/');
    expect(doc).toContain('<h3>不可达 <a class="count" href="/devices?status=unreachable">2</a></h3>');
    expect(doc).toContain('<a href="/devices/ag005">ag005</a>');
    expect(doc).toContain('<a href="/devices/ag017">ag017</a>');
    expect(doc).toContain('<h3>数据过期 <a class="count" href="/devices?status=stale">1</a></h3>');
    expect(doc).toContain('当前不在特殊时期。');
    expect(doc).toContain('2026-12-04 20:00（Asia/Shanghai 时间）');
  });

  it('says so, and still shows hazards and devices, while the analysis has no report', async () => {
    const bare = await consoleFixture({ aggDevices: 3, analysis: false });
    const c = await serveConsole(bare.deps, { auth: { now: () => Date.UTC(2026, 11, 4, 12) } });
    try {
      const s = await c.login('viewer');
      const res = await s.get('/');
      expect(res.status).toBe(200);
      const doc = await res.text();
      expect(doc).toContain('本实例未启用保护分析。');
      expect(doc).toContain('<a href="/hazards?colour=red">2</a>');
    } finally {
      await c.close();
      await bare.close();
    }
  });

  it('names the special period in force, its kind, and how many findings it raised, and the readiness sweep before the next', async () => {
    const at = Date.parse('2026-10-03T04:00:00Z');
    const inPeriod = await consoleFixture({ aggDevices: 3, now: at });
    const c = await serveConsole(inPeriod.deps, { auth: { now: () => at } });
    try {
      const s = await c.login('viewer');
      const doc = await (await s.get('/')).text();
      const period = /<section class="card period"[\s\S]*?<\/section>/.exec(doc)?.[0] ?? '';
      expect(period).toMatch(/<strong translate="no">国庆节 National Day<\/strong> \(节假日\) 起 2026-10-01 00:00（Asia\/Shanghai 时间） 至 2026-10-07 23:59（Asia\/Shanghai 时间） — <a href="\/findings\?period=national-day-2026">[1-9]\d* 项检查结果因此上调风险等级<\/a>/);
      expect(period).toContain('影响：');
      const before = Date.parse('2026-12-26T04:00:00Z');
      const ahead = await consoleFixture({ aggDevices: 3, now: before });
      const c2 = await serveConsole(ahead.deps, { auth: { now: () => before } });
      try {
        const doc2 = await (await (await c2.login('viewer')).get('/')).text();
        expect(doc2).toContain('当前不在特殊时期。');
        expect(doc2).toMatch(/即将开始的特殊时期：保障前排查<\/h3><ul><li><strong>元旦<\/strong> T-7/);
      } finally {
        await c2.close();
        await ahead.close();
      }
    } finally {
      await c.close();
      await inPeriod.close();
    }
  });

  it('pages the matrix rows and keeps the page', async () => {
    const doc = await page('/?rows=9999');
    expect(doc).toContain('data-site=');
  });
});

describe('the devices list', () => {
  const ids = (doc: string): string[] => [...doc.matchAll(/<tr><td><a href="\/devices\/([^"]+)">/g)].map((m) => m[1]!);

  it('counts the whole inventory by status and pages 50 at a time', async () => {
    const doc = await page('/devices');
    expect(doc).toContain('清单中的设备: <strong>124</strong>');
    expect(doc).toContain('<span class="dstatus dstatus-unreachable">不可达</span> 2</a>');
    expect(doc).toContain('<span class="dstatus dstatus-pending">尚未采集</span> 3</a>');
    expect(ids(doc)).toHaveLength(50);
    expect(ids(doc)[0]).toBe('ag000');
    expect(doc).toContain('<a rel="next" href="/devices?offset=50">');
    const third = await page('/devices?offset=100');
    expect(ids(third)).toEqual(['ag100', 'ag101', 'ag102', 'ag103', 'ag104', 'ag105', 'ag106', 'ag107', 'ag108', 'ag109', 'ag110', 'ag111', 'ag112', 'ag113', 'ag114', 'ag115', 'ag116', 'ag117', 'ag118', 'ag119', 'cr1', 'cr2', 'sms1', 'sms2']);
    expect(third).toContain('<a rel="prev" href="/devices?offset=50">');
    expect(third).not.toContain('rel="next"');
  });

  it.each([
    ['status=unreachable', ['ag005', 'ag017']],
    ['status=stale', ['ag006']],
    ['status=pending', ['ag009', 'sms1', 'sms2']],
    ['site=core', ['cr1', 'cr2']],
    ['class=PC-SMS', ['sms1', 'sms2']],
    ['q=AG11', ['ag110', 'ag111', 'ag112', 'ag113', 'ag114', 'ag115', 'ag116', 'ag117', 'ag118', 'ag119']],
    ['q=sys-ag042', ['ag042']],
    ['q=CR-02', ['cr2']],
    ['site=agg&status=unreachable&q=17', ['ag017']],
  ])('filters %s', async (q, want) => {
    const doc = await page(`/devices?${q}`);
    expect(ids(doc)).toEqual(want);
    expect(doc).toContain(`共 ${want.length} 条符合筛选`);
  });

  it('keeps the filters in the pager links and marks the chosen ones in the form', async () => {
    const doc = await page('/devices?site=agg&status=reachable');
    expect(doc).toContain('<option value="agg" selected>agg</option>');
    expect(doc).toContain('<option value="reachable" selected>');
    expect(doc).toContain('href="/devices?site=agg&amp;status=reachable&amp;offset=50"');
  });
});

describe('a device', () => {
  it('shows its identity, its failed PSU, fans, the power chain with what every PSU shares, and its sessions', async () => {
    const doc = await page('/devices/cr1');
    expect(doc).toMatch(/PSU 2 [^<]*<\/td><td><span class="unit unit-failed">故障<\/span><\/td><td>pdu-b<\/td>/);
    expect(doc).toContain('<span class="mono">panel-1</span> <span class="muted">(panel)</span> <strong class="overdue">所有电源共用</strong>');
    expect(doc).not.toMatch(/pdu-a<\/span> <span class="muted">\(pdu\)<\/span> <strong/);
    expect(doc).toContain('<td>Vlan10</td><td>VRRP 10</td><td>master</td>');
    expect(doc).toContain('<td>Bundle-Ether1</td><td>Te0/0/6</td><td>否</td>');
    expect(doc).toContain('<tr><td>10.0.0.2</td><td>Te0/0/1</td><td>up</td><td>150</td></tr>');
  });

  it('matches declared links against LLDP: seen, declared only, and seen only', async () => {
    const doc = await page('/devices/cr1');
    expect(doc).toMatch(/<td>cr1-cr2<\/td><td>Te0\/0\/1<\/td><td><a href="\/devices\/cr2">cr2<\/a><\/td><td>Te0\/0\/1<\/td><td>LLDP cr2 Te0\/0\/1<\/td><td><span class="ok">声明且发现<\/span>/);
    expect(doc).toContain('<td>cr1-ag000</td><td>Te0/0/2</td><td><a href="/devices/ag000">ag000</a></td><td>Te0/0/1</td><td>—</td><td><span class="overdue">仅声明，未发现</span>');
    expect(doc).toContain('发现，未在清单中');
  });

  it('pages the interfaces and the transitions', async () => {
    const first = await page('/devices/cr1');
    expect([...first.matchAll(/<tr><td>(\d+)<\/td><td>Te0\/0\//g)]).toHaveLength(50);
    expect(first).toContain('<a rel="next" href="/devices/cr1?ifs=50">');
    const second = await page('/devices/cr1?ifs=50');
    expect([...second.matchAll(/<tr><td>(\d+)<\/td><td>Te0\/0\//g)].map((m) => Number(m[1]))).toEqual(Array.from({ length: 20 }, (_, i) => 51 + i));
    expect([...first.matchAll(/<li><time /g)]).toHaveLength(50);
    const next = /<a rel="next" href="(\/devices\/cr1\?before=[^"]+)">/.exec(first)?.[1];
    expect(next).toBeDefined();
    const older = await page(next!.replaceAll('&amp;', '&'));
    expect([...older.matchAll(/<li><time /g)]).toHaveLength(50);
    // the first page ended at 2026-12-02 10:00 UTC; the next starts an hour before
    expect(first).toContain('datetime="2026-12-02T10:00:00.000Z"');
    expect(older).toContain('datetime="2026-12-02T09:00:00.000Z"');
    expect(older).not.toContain('datetime="2026-12-02T10:00:00.000Z"');
  });

  it('lists its findings (its own and those of pairs, bundles and groups naming it)', async () => {
    const doc = await page('/devices/cr1');
    const section = /<h2 id="fd-h">[\s\S]*?<\/section>/.exec(doc)?.[0] ?? '';
    expect(section).toContain('PWR-001b</a>');
    expect(section).toContain('lag: cr1:Bundle-Ether1');
    expect(section).toContain('pair: cr1+cr2');
    expect(section).not.toContain('device: cr2<');
  });

  it('answers 404 for a device not in the inventory, whatever its name', async () => {
    for (const id of ['nope', '..%2Fadmin', '%3Cscript%3E']) {
      const res = await viewer.get(`/devices/${id}`);
      expect(res.status, id).toBe(404);
      const doc = await res.text();
      expect(doc).toContain('清单中没有该设备。');
      expect(doc).not.toContain('<script>');
    }
  });
});

describe('languages', () => {
  it.each(['/', '/devices', '/devices/cr1', '/devices/ag005'])('%s has no Chinese left in English but the data', async (path) => {
    const doc = await page(path, english);
    expect(doc).toContain('<html lang="en">');
    // the fixture's data is ASCII: any Chinese left is a label without its English
    const main = doc.replace(/<a class="lang"[^>]*>[^<]*<\/a>/, '');
    expect(main.match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/g) ?? []).toEqual([]);
  });
});

describe('hostile device strings', () => {
  it.each(['/', '/devices', '/devices?q=%3Cscript%3E', '/devices/cr1', '/devices/cr1?ifs=50'])('%s renders the corpus as text', async (path) => {
    const doc = await page(path);
    // the only scripts are the console's own file; no element comes from data
    expect([...doc.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/assets/console.js" defer>']);
    const tags = [...doc.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]);
    expect(tags.filter((t) => /^<img\b|\son[a-z]+=|javascript:/i.test(t))).toEqual([]);
    expect(doc).not.toContain('href="javascript:');
    expect(doc).not.toContain('\u202E');
  });

  it('shows every hostile string literally on the device page (escaped, bidi made visible)', async () => {
    const doc = await page('/devices/cr1');
    expect(doc).toContain('&lt;script&gt;alert(&quot;x1&quot;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(&quot;x2&quot;)&gt;');
    expect(doc).toContain('\\u202eevil\\u202c bidi');
    expect(doc).toContain('PSU 2 &lt;/script&gt;&lt;script&gt;alert(&quot;x4&quot;)&lt;/script&gt;');
    expect(doc).toContain('uplink &lt;script&gt;alert(&quot;x1&quot;)&lt;/script&gt;');
    expect(doc).toContain('{{constructor.constructor(&#39;alert(&quot;x5&quot;)&#39;)()}}');
    expect(doc).toContain('trap:&lt;script&gt;');
    expect(XSS_CORPUS.length).toBeGreaterThan(5);
  });
});
