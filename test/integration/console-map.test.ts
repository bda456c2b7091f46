/**
 * The map pages over HTTP: the SVG draws sites, devices (as links to their pages) and links with
 * the shared duct, the shared room and the single points of failure as classes and accessible
 * names; the power chain of a site; a bigger network drawn at site level; hostile names escaped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveConsole, type ServedConsole, consoleDeps } from '../support/console.js';
import { mapInventory, XSS } from '../support/console-map-data.js';
import { inventoryFromObject } from '../support/snapshot-builders.js';

let plain: ServedConsole;
let hostile: ServedConsole;
beforeAll(async () => {
  plain = await serveConsole(consoleDeps(mapInventory()));
  hostile = await serveConsole(consoleDeps(mapInventory(true)));
});
afterAll(async () => {
  await plain.close();
  await hostile.close();
});

describe('/map', () => {
  it('draws the topology with the shared duct, the shared room and the single points of failure highlighted', async () => {
    const s = await plain.login('viewer');
    const res = await s.get('/map');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<svg class="map"');
    // sites as groups, devices as links to their pages
    expect(page).toMatch(/<g class="group" data-group="bj">/);
    expect(page).toMatch(/<a class="node[^"]*" href="\/devices\/cr1" data-node="cr1" aria-label="BJ-CR-01 \(cr1\)[^"]*"/);
    // both trunk legs through D-7 carry the shared-risk class and name the duct
    for (const leg of ['trunk-w', 'trunk-p']) {
      expect(page).toMatch(new RegExp(`<g class="edge shared-risk" data-edge="${leg}" data-risk="duct:D-7"><title>[^<]*duct:D-7`));
    }
    expect(page).toMatch(/<g class="edge spof" data-edge="cr2-otn">/);
    // the core pair in one room
    expect(page).toMatch(/<a class="node [^"]*shared-room[^"]*" href="\/devices\/cr2"[^>]*aria-label="[^"]*room:bj\/core-a/);
    // cr2's PSUs hang off pdu-a alone
    expect(page).toMatch(/<a class="node [^"]*single-power[^"]*" href="\/devices\/cr2"/);
    // otn-bj and otn-sh are cut devices; sh-core a bridge
    expect(page).toMatch(/<a class="node spof" href="\/devices\/otn-bj"/);
    expect(page).toMatch(/<g class="edge spof" data-edge="sh-core">/);
    // the same facts as lists, with links to the findings
    expect(page).toMatch(/<li data-risk="duct:D-7">.*trunk-w, trunk-p/);
    expect(page).toContain('href="/findings?device=cr2"');
    expect(page).toContain('href="/map/power/bj"');
  });

  it('says so in English', async () => {
    const s = await plain.login('viewer');
    const page = await (await s.get('/map', { cookie: `${s.cookie}; redline_lang=en` })).text();
    expect(page).toContain('<h1>Network map</h1>');
    expect(page).toContain('Shared risk groups (SRLG)');
    expect(page).toContain('shared with its redundancy partner cr1');
  });

  it('opens one site, and answers 404 for an unknown one', async () => {
    const s = await plain.login('viewer');
    const page = await (await s.get('/map?site=sh')).text();
    expect(page).toContain('data-node="sh-cr1"');
    // the site's neighbour across the trunk is drawn, the rest of Beijing is not
    expect(page).toContain('data-node="otn-bj"');
    expect(page).not.toContain('data-node="cr1"');
    expect((await s.get('/map?site=nowhere')).status).toBe(404);
  });

  it('draws the power chain of a site with single feeds and common dependencies', async () => {
    const s = await plain.login('viewer');
    const res = await s.get('/map/power/bj');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toMatch(/<a class="node power power-pdu single-feed power-spof" href="\/map\/power\/bj" data-node="p:pdu-a" aria-label="pdu-a: pdu; [^"]*cr2/);
    // ups-a is watched by ups1, which has no observation: state unknown
    expect(page).toMatch(/<a class="node power power-ups single-feed[^"]*state-unknown" href="\/devices\/ups1"/);
    expect(page).toMatch(/data-node="d:cr1"/);
    expect((await s.get('/map/power/nowhere')).status).toBe(404);
  });

  it('draws a big network site by site', async () => {
    const sites = Array.from({ length: 30 }, (_, i) => ({ id: `s${i}`, class: 'PC-AGG' }));
    const devices = Array.from({ length: 450 }, (_, i) => ({ id: `d${i}`, site: `s${i % 30}`, role: 'edge' }));
    const links = Array.from({ length: 449 }, (_, i) => ({ id: `l${i}`, a: { device: `d${i}`, interface: 'a' }, b: { device: `d${i + 1}`, interface: 'b' } }));
    const big = await serveConsole(consoleDeps(inventoryFromObject({ sites, devices, links })));
    try {
      const s = await big.login('viewer');
      const page = await (await s.get('/map')).text();
      expect(page).toContain('class="notice"');
      expect(page).toMatch(/<a class="node site[^"]*" href="\/map\?site=s0"/);
      expect(page).not.toContain('data-node="d0"');
      const res = await s.get('/map?site=s0');
      const site = await res.text();
      expect(res.status, site.slice(site.indexOf('<main'))).toBe(200);
      expect(site).toContain('data-node="d0"');
    } finally {
      await big.close();
    }
  });

  it('escapes hostile site and device names in the SVG and the page', async () => {
    const s = await hostile.login('viewer');
    for (const path of ['/map', '/map?site=bj', '/map/power/bj']) {
      const page = await (await s.get(path)).text();
      const body = page.slice(page.indexOf('<main'));
      expect(body).not.toMatch(/<script(?![^>]*type="application\/json")/i);
      // no tag or attribute from the data: no <img>, no <svg onload>, no handler, style or javascript: link
      // (an escaped `onerror=` inside a quoted attribute value is text: no raw quote can close the value)
      expect(body).not.toMatch(/<img|<svg onload|\s(on[a-z]+|style)\s*=\s*["']|href="javascript:/i);
      expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    const page = await (await s.get('/map')).text();
    // a bidi override is shown as a visible escape, not applied
    expect(page).not.toContain('\u202E');
    expect(XSS.length).toBeGreaterThan(5);
  });
});
