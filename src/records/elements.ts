/**
 * A record's elements as devices of the inventory (pure): the devices named, the ends of the links
 * named, the devices of the sites named, and the ends of every link carrying a shared risk named.
 * The cutover checks and the drill evidence both ask "which devices does this record touch?".
 */
import type { Inventory } from '../inventory/model.js';
import type { Elements, ObservedChange } from './types.js';

/** Every inventory device `e` touches (names the inventory does not know are kept: a device may be added later). */
export function devicesOf(e: Elements, inventory: Inventory): Set<string> {
  const out = new Set(e.devices);
  const links = new Set(e.links);
  const risks = new Set(e.riskGroups);
  for (const l of inventory.links) {
    if (links.has(l.id) || l.risks.some((r) => risks.has(`${r.kind}:${r.id}`))) {
      out.add(l.a.device);
      out.add(l.b.device);
    }
  }
  if (e.sites.length > 0) {
    const sites = new Set(e.sites);
    for (const d of inventory.devices.values()) if (sites.has(d.site)) out.add(d.id);
  }
  return out;
}

/** A device's recorded transitions, newest first, a page before a time (the state store's, through the API's port). */
export type TransitionPages = (deviceId: string, opts: { limit: number; before?: number; beforeSeq?: number }) => readonly {
  readonly at: number; readonly seq: number; readonly subject: string; readonly from: string | null; readonly to: string;
}[];

/** At most this many observed changes are kept with a drill. */
export const MAX_OBSERVED = 500;

/**
 * What redline recorded on `devices` in [start, end]: VRRP/HSRP role changes, BGP/OSPF/IS-IS
 * adjacency changes, reboots, PSU and interface state, traps … oldest first, at most MAX_OBSERVED.
 * The first sighting of a subject (from null) is not a change and is left out.
 */
export function observedInWindow(pages: TransitionPages, devices: Iterable<string>, start: number, end: number): ObservedChange[] {
  const out: ObservedChange[] = [];
  for (const deviceId of devices) {
    let before = end + 1;
    let beforeSeq: number | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const page = pages(deviceId, { limit: 200, before, ...(beforeSeq !== undefined ? { beforeSeq } : {}) });
      for (const t of page) {
        if (t.at < start) break;
        if (t.from !== null || t.subject === 'reboot' || t.subject.startsWith('trap:')) out.push({ deviceId, at: t.at, subject: t.subject, from: t.from, to: t.to });
      }
      const last = page[page.length - 1];
      if (page.length < 200 || last === undefined || last.at < start) break;
      before = last.at;
      beforeSeq = last.seq;
    }
  }
  return out.sort((a, b) => a.at - b.at || (a.deviceId < b.deviceId ? -1 : 1)).slice(0, MAX_OBSERVED);
}
