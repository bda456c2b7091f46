import { describe, expect, it } from 'vitest';
import { beijingNetbox } from '../../../test/support/fake-netbox.js';
import type { NetboxData } from './client.js';
import { mapNetbox } from './map.js';

function data(mutate: (o: ReturnType<typeof beijingNetbox>) => void = () => undefined): NetboxData {
  const o = beijingNetbox();
  mutate(o);
  const at = (p: string): unknown[] => o[p] ?? [];
  return {
    sites: at('/api/dcim/sites/'), locations: at('/api/dcim/locations/'), racks: at('/api/dcim/racks/'), devices: at('/api/dcim/devices/'),
    interfaces: at('/api/dcim/interfaces/'), cables: at('/api/dcim/cables/'), circuits: at('/api/circuits/circuits/'),
    powerPanels: at('/api/dcim/power-panels/'), powerFeeds: at('/api/dcim/power-feeds/'), powerPorts: at('/api/dcim/power-ports/'), powerOutlets: at('/api/dcim/power-outlets/'),
  };
}

describe('mapNetbox', () => {
  it('maps the power chain: PDUs fed by panels through feeds, PSUs by outlets or feeds', () => {
    const m = mapNetbox(data());
    expect(m.errors).toEqual([]);
    expect(m.draft.power).toEqual([
      { id: 'bj-core-Panel-A', kind: 'panel', site: 'bj-core', room: 'core-a' },
      { id: 'bj-core-Panel-B', kind: 'panel', site: 'bj-core', room: 'core-a' },
      { id: 'PDU-A', kind: 'pdu', site: 'bj-core', room: 'core-a', upstream: ['bj-core-Panel-A'] },
      { id: 'PDU-B', kind: 'pdu', site: 'bj-core', room: 'core-a', upstream: ['bj-core-Panel-B'] },
      { id: 'PDU-C', kind: 'pdu', site: 'bj-core', room: 'core-a', upstream: ['bj-core-Panel-A'] },
    ]);
    expect(m.draft.devices?.find((d) => d.id === 'BJ-SW-01')?.psus).toEqual([{ match: 'PSU 1', feed: 'bj-core-Panel-A' }, { match: 'PSU 2', feed: 'bj-core-Panel-B' }]);
  });

  it('reads cables in the one-termination-per-end shape of NetBox before 3.3 and Nautobot', () => {
    const m = mapNetbox(data((o) => {
      o['/api/dcim/cables/'] = o['/api/dcim/cables/']!.map((c) => {
        const { a_terminations: a, b_terminations: b, ...rest } = c as { a_terminations: { object_type: string; object_id: number }[]; b_terminations: { object_type: string; object_id: number }[] };
        return { ...rest, termination_a_type: a[0]!.object_type, termination_a_id: a[0]!.object_id, termination_b_type: b[0]!.object_type, termination_b_id: b[0]!.object_id };
      });
    }));
    expect(m.errors).toEqual([]);
    expect(m.draft).toEqual(mapNetbox(data()).draft);
  });

  it('leaves out the management cable of a PDU with a note, and a cable that is only planned', () => {
    const m = mapNetbox(data((o) => {
      o['/api/dcim/interfaces/']!.push({ id: 2001, device: { id: 201, name: 'PDU-A' }, name: 'mgmt', tags: [], custom_fields: {} });
      o['/api/dcim/cables/']!.push({ id: 990, label: 'pdu-mgmt', status: { value: 'connected' }, a_terminations: [{ object_type: 'dcim.interface', object_id: 2001 }], b_terminations: [{ object_type: 'dcim.interface', object_id: 1002 }], tags: [], custom_fields: {} });
      o['/api/dcim/cables/']!.push({ id: 991, label: '', status: { value: 'planned' }, a_terminations: [{ object_type: 'dcim.interface', object_id: 1 }], b_terminations: [{ object_type: 'dcim.interface', object_id: 2 }], tags: [], custom_fields: {} });
    }));
    expect(m.errors).toEqual([]);
    expect(m.notes).toContain('dcim.cable #990 "pdu-mgmt": joins the management interface of power element PDU-A; not a network link, left out');
    expect(m.notes).toContain('dcim.cable #991 "" is planned: left out');
  });

  it('leaves out devices that are not in service, with a note', () => {
    const m = mapNetbox(data((o) => {
      o['/api/dcim/devices/']!.push({ id: 150, name: 'OLD-CR', site: { id: 1 }, role: { id: 1, slug: 'core-router' }, status: { value: 'decommissioning' }, tags: [], custom_fields: {} });
    }));
    expect(m.errors).toEqual([]);
    expect(m.notes).toContain('dcim.device #150 "OLD-CR" is decommissioning: left out');
    expect(m.draft.devices?.map((d) => d.id)).not.toContain('OLD-CR');
  });
});
