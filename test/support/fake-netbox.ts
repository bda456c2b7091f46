/**
 * A local server speaking NetBox's REST list shapes (`{ count, next, previous, results }`,
 * limit/offset paging with absolute `next` links, `Authorization: Token …`), on 127.0.0.1 with a
 * free port. Its objects are plain data a test may change between runs; it can answer 429 with
 * Retry-After to a chosen request, and it records every request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Objects by endpoint path, e.g. `/api/dcim/sites/`. */
export type NetboxObjects = Record<string, Record<string, unknown>[]>;

/** A running fake. */
export interface FakeNetbox {
  readonly url: string;
  readonly objects: NetboxObjects;
  readonly requests: { path: string; auth: string | null; status: number }[];
  /** Answer the next request to `path` with 429 and this Retry-After (seconds). */
  throttleNext(path: string, retryAfterSeconds: number): void;
  stop(): Promise<void>;
}

/** Starts the fake; `token` is the only accepted token. */
export async function startFakeNetbox(objects: NetboxObjects, token: string, defaultLimit = 3): Promise<FakeNetbox> {
  const requests: FakeNetbox['requests'] = [];
  const throttle = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const auth = req.headers.authorization ?? null;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      requests.push({ path: `${url.pathname}${url.search}`, auth, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (auth !== `Token ${token}`) {
      send(403, { detail: 'Invalid token' });
      return;
    }
    const wait = throttle.get(url.pathname);
    if (wait !== undefined) {
      throttle.delete(url.pathname);
      send(429, { detail: 'Request was throttled.' }, { 'retry-after': String(wait) });
      return;
    }
    const list = objects[url.pathname];
    if (list === undefined) {
      send(404, { detail: 'Not found.' });
      return;
    }
    const limit = Number(url.searchParams.get('limit') ?? defaultLimit) || defaultLimit;
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const page = list.slice(offset, offset + limit);
    const { port } = server.address() as AddressInfo;
    const link = (o: number): string => `http://127.0.0.1:${port}${url.pathname}?limit=${limit}&offset=${o}`;
    send(200, {
      count: list.length,
      next: offset + limit < list.length ? link(offset + limit) : null,
      previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
      results: page,
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    requests,
    throttleNext: (path, s) => { throttle.set(path, s); },
    stop: () => new Promise((r) => { server.close(() => { r(); }); }),
  };
}

const brief = (id: number, name: string, slug?: string): Record<string, unknown> => ({ id, url: `/api/x/${id}/`, display: name, name, ...(slug !== undefined ? { slug } : {}) });
const choice = (value: string): Record<string, unknown> => ({ value, label: value[0]!.toUpperCase() + value.slice(1) });
const term = (objectType: string, id: number): Record<string, unknown> => ({ object_type: objectType, object_id: id });

/**
 * A small Beijing core site in NetBox's shapes: two power panels, four feeds, three PDUs,
 * four devices with two power ports each (cr1 on two PDUs fed from different panels; cr2 with
 * both PSUs on one PDU; cr3 on two PDUs behind the same panel; sw1 straight on two feeds),
 * a cable with shared risks, a circuit whose provider is a shared risk.
 */
export function beijingNetbox(): NetboxObjects {
  const site = brief(1, 'Beijing core hub', 'bj-core');
  const loc = brief(10, 'Core room A', 'core-a');
  const role = (id: number, slug: string): Record<string, unknown> => brief(id, slug, slug);
  const devices = [
    { id: 101, name: 'BJ-CR-01', role: role(1, 'core-router'), platform: brief(1, 'IOS-XR', 'iosxr'), primary_ip: { id: 1, family: 4, address: '192.0.2.1/32' } },
    { id: 102, name: 'BJ-CR-02', role: role(1, 'core-router'), platform: null, primary_ip: { id: 2, family: 4, address: '192.0.2.2/32' } },
    { id: 103, name: 'BJ-CR-03', role: role(1, 'core-router'), platform: null, primary_ip: null },
    { id: 104, name: 'BJ-SW-01', role: role(2, 'switch'), platform: null, primary_ip: null },
    { id: 201, name: 'PDU-A', role: role(3, 'pdu'), platform: null, primary_ip: null },
    { id: 202, name: 'PDU-B', role: role(3, 'pdu'), platform: null, primary_ip: null },
    { id: 203, name: 'PDU-C', role: role(3, 'pdu'), platform: null, primary_ip: null },
  ].map((d) => ({
    ...d, url: `/api/dcim/devices/${d.id}/`, display: d.name, device_type: { id: 1, manufacturer: brief(1, 'Acme', 'acme'), model: 'X', slug: 'x' },
    site, location: loc, rack: null, status: choice('active'), tags: [], custom_fields: {},
  }));
  const port = (id: number, dev: number, name: string): Record<string, unknown> => ({ id, device: brief(dev, `dev${dev}`), name, label: '', type: choice('iec-60320-c14'), tags: [], custom_fields: {} });
  const outlet = (id: number, dev: number, name: string): Record<string, unknown> => ({ id, device: brief(dev, `dev${dev}`), name, power_port: null, feed_leg: null, tags: [], custom_fields: {} });
  const iface = (id: number, dev: number, name: string): Record<string, unknown> => ({ id, device: brief(dev, `dev${dev}`), name, type: choice('100gbase-x-qsfp28'), enabled: true, tags: [], custom_fields: {} });
  let cableId = 500;
  const cable = (a: Record<string, unknown>, b: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> =>
    ({ id: ++cableId, label: '', status: choice('connected'), type: 'smf', a_terminations: [a], b_terminations: [b], tags: [], custom_fields: {}, ...extra });
  return {
    '/api/dcim/sites/': [{ ...site, status: choice('active'), tags: [], custom_fields: { protection_class: 'PC-CORE' } }],
    '/api/dcim/locations/': [{ ...loc, site, status: choice('active'), parent: null, tags: [], custom_fields: {} }],
    '/api/dcim/racks/': [{ id: 30, name: 'R01', site, location: loc, tags: [], custom_fields: {} }],
    '/api/dcim/devices/': devices,
    '/api/dcim/interfaces/': [iface(1001, 101, 'Hu0/0/0/0'), iface(1002, 102, 'Hu0/0/0/0'), iface(1003, 101, 'Hu0/0/0/1'), iface(1004, 103, 'Hu0/0/0/1')],
    '/api/dcim/power-panels/': [
      { id: 40, site, location: loc, name: 'Panel A', tags: [], custom_fields: {} },
      { id: 41, site, location: loc, name: 'Panel B', tags: [], custom_fields: {} },
    ],
    '/api/dcim/power-feeds/': [
      { id: 50, power_panel: brief(40, 'Panel A'), rack: null, name: 'A1', status: choice('active'), type: choice('primary'), supply: choice('ac'), tags: [], custom_fields: {} },
      { id: 51, power_panel: brief(41, 'Panel B'), rack: null, name: 'B1', status: choice('active'), type: choice('redundant'), supply: choice('ac'), tags: [], custom_fields: {} },
      { id: 52, power_panel: brief(40, 'Panel A'), rack: null, name: 'A2', status: choice('active'), type: choice('primary'), supply: choice('ac'), tags: [], custom_fields: {} },
      { id: 53, power_panel: brief(41, 'Panel B'), rack: null, name: 'B2', status: choice('active'), type: choice('redundant'), supply: choice('ac'), tags: [], custom_fields: {} },
    ],
    '/api/dcim/power-ports/': [
      port(601, 201, 'inlet'), port(602, 202, 'inlet'), port(603, 203, 'inlet'),
      port(611, 101, 'PSU 1'), port(612, 101, 'PSU 2'),
      port(621, 102, 'PSU 1'), port(622, 102, 'PSU 2'),
      port(631, 103, 'PSU 1'), port(632, 103, 'PSU 2'),
      port(641, 104, 'PSU 1'), port(642, 104, 'PSU 2'),
    ],
    '/api/dcim/power-outlets/': [
      outlet(701, 201, '1'), outlet(702, 201, '2'), outlet(703, 201, '3'), outlet(704, 201, '4'),
      outlet(711, 202, '1'), outlet(712, 202, '2'),
      outlet(721, 203, '1'),
    ],
    '/api/dcim/cables/': [
      // PDUs on their feeds
      cable(term('dcim.powerport', 601), term('dcim.powerfeed', 50)),
      cable(term('dcim.powerport', 602), term('dcim.powerfeed', 51)),
      cable(term('dcim.powerport', 603), term('dcim.powerfeed', 52)),
      // device PSUs
      cable(term('dcim.powerport', 611), term('dcim.poweroutlet', 701)),
      cable(term('dcim.poweroutlet', 711), term('dcim.powerport', 612)),
      cable(term('dcim.powerport', 621), term('dcim.poweroutlet', 702)),
      cable(term('dcim.powerport', 622), term('dcim.poweroutlet', 703)),
      cable(term('dcim.powerport', 631), term('dcim.poweroutlet', 704)),
      cable(term('dcim.powerport', 632), term('dcim.poweroutlet', 721)),
      cable(term('dcim.powerport', 641), term('dcim.powerfeed', 50)),
      cable(term('dcim.powerport', 642), term('dcim.powerfeed', 53)),
      // data
      cable(term('dcim.interface', 1001), term('dcim.interface', 1002), { label: 'CR1-CR2', custom_fields: { shared_risks: 'duct:D-1, cable:BJ-F1' } }),
      cable(term('dcim.interface', 1003), term('circuits.circuittermination', 801)),
      cable(term('circuits.circuittermination', 802), term('dcim.interface', 1004)),
    ],
    '/api/circuits/circuits/': [{
      id: 80, cid: 'CT-BJ-0001', provider: brief(1, 'China Telecom', 'china-telecom'), type: brief(1, 'Dark fibre', 'dark-fibre'), status: choice('active'),
      termination_a: { id: 801, term_side: 'A' }, termination_z: { id: 802, term_side: 'Z' }, tags: [{ id: 1, name: 'duct:D-9', slug: 'duct-d-9' }], custom_fields: {},
    }],
  };
}
