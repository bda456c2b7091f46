import { describe, expect, it } from 'vitest';
import { observation } from '../../test/support/snapshot-builders.js';
import { checkDraft } from '../import/draft.js';
import { buildDiscoveryDraft } from './build-draft.js';
import type { CrawlResult, DiscoveredDevice } from './crawl.js';

const device = (name: string, host: string, location: string | null, neighbors: [string, string, string][]): DiscoveredDevice => ({
  target: { host, port: 161 }, depth: 0, location, neighbourAddresses: new Map(),
  observation: observation({
    system: { name, descr: null, objectId: null, uptimeSeconds: 1 },
    neighbors: neighbors.map(([localPort, remoteName, remotePort]) => ({ protocol: 'lldp' as const, localPort, remoteName, remotePort })),
  }),
});

const crawl = (devices: DiscoveredDevice[]): CrawlResult => ({ devices, silent: [], outside: [], notProbed: [], noAddress: [], duplicates: [] });

describe('buildDiscoveryDraft', () => {
  it('keeps only links both ends report on the same ports; the rest is reported', () => {
    const { draft, report } = buildDiscoveryDraft(crawl([
      device('a.example.net', '10.0.0.1', 'site=s1;room=r1', [['e1', 'b', 'e1'], ['e2', 'b', 'e2'], ['e3', 'ghost', 'x']]),
      device('b', '10.0.0.2', 's1/r2', [['e1', 'a', 'e1'], ['e9', 'a', 'e2']]),
    ]), { id: 'discovered', version: '2c', community: { env: 'C' } });
    expect(checkDraft(draft)).toEqual([]);
    expect(draft.links).toEqual([{ id: 'a.example.net--b', a: { device: 'a.example.net', interface: 'e1' }, b: { device: 'b', interface: 'e1' } }]);
    expect(report.oneSidedLinks.map((l) => `${l.device} ${l.port} → ${l.neighbour}: ${l.why}`)).toEqual([
      'a.example.net e2 → b: b does not report a.example.net on e2',
      'a.example.net e3 → ghost: ghost was not discovered (no usable management address)',
      'b e9 → a.example.net: a.example.net does not report b on e2',
    ]);
    expect(draft.sites).toEqual([{ id: 's1', class: 'PC-ACC', rooms: [{ id: 'r1' }, { id: 'r2' }] }]);
  });

  it('writes SNMPv3 credentials as references only', () => {
    const { draft } = buildDiscoveryDraft(crawl([device('x', '10.0.0.9', null, [])]), {
      id: 'discovered', version: '3', user: 'noc', authProtocol: 'sha256', authKey: { env: 'AUTH' }, privProtocol: 'aes', privKey: { file: '/etc/redline/priv' },
    });
    expect(checkDraft(draft)).toEqual([]);
    expect(draft.credentials).toEqual({ discovered: { version: '3', user: 'noc', authProtocol: 'sha256', authKey: { env: 'AUTH' }, privProtocol: 'aes', privKey: { file: '/etc/redline/priv' } } });
    expect(draft.devices).toEqual([{ id: 'x', site: 'unassigned', role: 'unknown', snmp: { host: '10.0.0.9', credentials: 'discovered' } }]);
  });
});
