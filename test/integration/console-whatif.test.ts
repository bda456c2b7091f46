/**
 * `/whatif` over HTTP on the real what-if of the map's test network (whatIfByName/sweepNetwork
 * in process): failing one trunk leg's duct cuts the Beijing–Shanghai service; the selection is in
 * the query (a link); a bad name is a 400 page with the analysis's message; the sweep is ranked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepNetwork, whatIfByName, whatIfNetwork } from '../../src/analysis/network/whatif.js';
import { UsageError } from '../../src/common/errors.js';
import { serveConsole, type ServedConsole, consoleDeps } from '../support/console.js';
import { mapInventory } from '../support/console-map-data.js';

const NOW = Date.UTC(2026, 11, 4, 12);
let served: ServedConsole;
beforeAll(async () => {
  const inv = mapInventory();
  const net = whatIfNetwork(inv);
  served = await serveConsole(consoleDeps(inv, {
    analysis: {
      latest: () => null,
      sweep: (d) => ({ computedAt: NOW, stale: false, items: sweepNetwork(net, d) }),
      whatIf: (names, d) => {
        try {
          return Promise.resolve(whatIfByName(net, names, d));
        } catch (err) {
          return Promise.reject(new UsageError(err instanceof Error ? err.message : String(err)));
        }
      },
    },
  }));
});
afterAll(async () => { await served.close(); });

describe('/whatif', () => {
  it('shows the picker and the ranked sweep without a selection', async () => {
    const s = await served.login('viewer');
    const page = await (await s.get('/whatif')).text();
    expect(page).toContain('<input type="checkbox" name="fail" value="node:cr1">');
    expect(page).toContain('value="riskGroup:duct:D-7"');
    expect(page).toMatch(/<table class="sweep">.*href="\/whatif\?fail=/s);
  });

  it('failing the shared duct cuts the trunk service; the selection stays checked', async () => {
    const s = await served.login('viewer');
    const res = await s.get('/whatif?fail=riskGroup:duct:D-7');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toMatch(/<dd class="cut"><ul><li>bj-sh<\/li><\/ul><\/dd>/);
    expect(page).toContain('value="riskGroup:duct:D-7" checked');
  });

  it('answers an unknown element with a 400 page naming it', async () => {
    const s = await served.login('viewer');
    const res = await s.get('/whatif?fail=node:nowhere');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('nowhere');
  });
});
