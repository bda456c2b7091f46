/**
 * The device list of the API, printed as figures (never a timed test): answer size and time for
 * summaries (the default) against full observations (`?fields=observation`), on an inventory of
 * synthetic devices, through the whole hygiene chain (request id, headers, Host check, limits).
 *
 *   npx tsx bench/api-bench.ts [devices] [requests]
 */
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { createApiApp } from '../src/api/app.js';
import { createApiServer } from '../src/api/server.js';
import { openAuthOff } from '../test/support/auth.js';
import { observation, inventoryFromObject } from '../test/support/snapshot-builders.js';

const devices = Number(process.argv[2] ?? 1000);
const requests = Number(process.argv[3] ?? 20);

const ids = Array.from({ length: devices }, (_, i) => `d${String(i).padStart(5, '0')}`);
const inventory = inventoryFromObject({
  sites: [{ id: 's1', class: 'PC-AGG' }],
  devices: ids.map((id) => ({ id, site: 's1', role: 'edge', snmp: { host: '127.0.0.1', credentials: 'c' } })),
});
// an observation of the size a real aggregation switch gives: 48 interfaces, 4 LLDP neighbours, 2 PSUs, 2 BGP peers
const obs = observation({
  system: { name: 'agg', descr: 'Huawei Versatile Routing Platform Software VRP (R) software, Version 8.180', objectId: '1.3.6.1.4.1.2011.2.224.279', uptimeSeconds: 86400 },
  powerSupplies: [1, 2].map((n) => ({ id: `psu-${n}`, name: `PWR${n}`, status: 'ok' as const, sources: ['entity'] })),
  interfaces: Array.from({ length: 48 }, (_, i) => ({ index: i + 1, name: `GE1/0/${i + 1}`, operStatus: 'up', adminStatus: 'up', speedMbps: 1000 })),
  neighbors: Array.from({ length: 4 }, (_, i) => ({ protocol: 'lldp' as const, localPort: `GE1/0/${i + 1}`, remoteName: `peer-${i}`, remotePort: 'GE1/0/48' })),
});
// authentication off: the figures are the device list's, not the token check's
const accounts = await openAuthOff();
const app = createApiApp({
  inventory: () => inventory,
  device: () => ({ observation: obs, observedAt: 0, lastSuccessAt: 0, consecutiveFailures: 0, stale: false }),
  transitions: () => [],
  health: () => null,
  readiness: () => ({ ready: true, polled: devices, total: devices }),
  registry: new Registry(),
}, accounts.auth);
const server = createApiServer(app).listen(0, '127.0.0.1');
await new Promise<void>((r) => server.once('listening', () => { r(); }));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

for (const [name, query] of [['summaries (default)', ''], ['full observations', '&fields=observation']] as const) {
  let bytes = 0;
  const started = performance.now();
  for (let k = 0; k < requests; k++) bytes = (await (await fetch(`${base}/api/v1/devices?limit=5000${query}`)).arrayBuffer()).byteLength;
  const ms = (performance.now() - started) / requests;
  console.log(`${name.padEnd(20)} ${devices} devices: ${(bytes / 1024).toFixed(0)} KiB per answer, ${ms.toFixed(1)} ms per answer (mean of ${requests})`);
}
server.close();
accounts.close();
