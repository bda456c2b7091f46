/**
 * A small network for the map's tests: two sites, a core pair in one room (shared room), a trunk
 * whose two legs run through one duct (shared duct), a device with one PDU behind both PSUs, and
 * — in `hostile` — the XSS corpus in every free-text name the map draws (site and device names;
 * ids are restricted by the schema).
 */
import type { Inventory } from '../../src/inventory/model.js';
import { inventoryFromObject } from './snapshot-builders.js';

/** Hostile strings: tags, handlers, a javascript: URL, a closing script tag, template syntax, SVG/CSS payloads, bidi overrides. */
export const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(2)>',
  'javascript:alert(3)',
  '</script><script>alert(4)</script>',
  '{{constructor.constructor("alert(5)")()}}',
  '<svg onload=alert(6)>',
  '</text><a href="javascript:alert(7)">x</a>',
  'x" style="background:url(javascript:alert(8))',
  'evil\u202Egnp.exe',
] as const;

/** The map's test inventory; `hostile` puts the corpus into site and device names. */
export function mapInventory(hostile = false): Inventory {
  const name = (k: number, plain: string): string => (hostile ? `${XSS[k % XSS.length]!} ${plain}` : plain);
  return inventoryFromObject({
    sites: [
      { id: 'bj', name: name(0, 'Beijing'), class: 'PC-CORE', rooms: [{ id: 'core-a' }, { id: 'core-b' }] },
      { id: 'sh', name: name(1, 'Shanghai'), class: 'PC-CORE', rooms: [{ id: 'r1' }] },
    ],
    devices: [
      { id: 'cr1', name: name(2, 'BJ-CR-01'), site: 'bj', room: 'core-a', role: 'core-router', redundancyPair: 'cr2', psus: [{ match: 'PSU1', feed: 'pdu-a' }, { match: 'PSU2', feed: 'pdu-b' }] },
      { id: 'cr2', name: name(3, 'BJ-CR-02'), site: 'bj', room: 'core-a', role: 'core-router', redundancyPair: 'cr1', psus: [{ match: 'PSU1', feed: 'pdu-a' }, { match: 'PSU2', feed: 'pdu-a' }] },
      { id: 'otn-bj', name: name(4, 'BJ-OTN'), site: 'bj', room: 'core-b', role: 'otn' },
      { id: 'otn-sh', name: name(5, 'SH-OTN'), site: 'sh', room: 'r1', role: 'otn' },
      { id: 'sh-cr1', name: name(6, 'SH-CR-01'), site: 'sh', room: 'r1', role: 'core-router' },
      { id: 'ups1', name: name(7, 'BJ-UPS'), site: 'bj', room: 'core-b', role: 'ups' },
    ],
    links: [
      { id: 'cr1-otn', a: { device: 'cr1', interface: 'a' }, b: { device: 'otn-bj', interface: 'a' }, risks: [{ kind: 'duct', id: 'D-1' }] },
      { id: 'cr2-otn', a: { device: 'cr2', interface: 'a' }, b: { device: 'otn-bj', interface: 'b' }, risks: [{ kind: 'duct', id: 'D-2' }] },
      { id: 'trunk-w', a: { device: 'otn-bj', interface: 'c' }, b: { device: 'otn-sh', interface: 'c' }, risks: [{ kind: 'duct', id: 'D-7' }, { kind: 'cable', id: 'F1' }] },
      { id: 'trunk-p', a: { device: 'otn-bj', interface: 'd' }, b: { device: 'otn-sh', interface: 'd' }, risks: [{ kind: 'duct', id: 'D-7' }, { kind: 'cable', id: 'F2' }] },
      { id: 'sh-core', a: { device: 'otn-sh', interface: 'e' }, b: { device: 'sh-cr1', interface: 'a' } },
    ],
    power: [
      { id: 'mains-1', kind: 'mains', site: 'bj' },
      { id: 'mains-2', kind: 'mains', site: 'bj' },
      { id: 'ups-a', kind: 'ups', site: 'bj', upstream: ['mains-1'], device: 'ups1' },
      { id: 'ups-b', kind: 'ups', site: 'bj', upstream: ['mains-2'] },
      { id: 'pdu-a', kind: 'pdu', site: 'bj', upstream: ['ups-a'] },
      { id: 'pdu-b', kind: 'pdu', site: 'bj', upstream: ['ups-b'] },
    ],
    services: [{ id: 'bj-sh', class: 'PC-CORE', endpoints: ['cr1', 'sh-cr1'] }],
  });
}

