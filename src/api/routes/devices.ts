/** `/api/v1/devices`: the device list, one device with its observation, and its state changes. */
import type { Request } from 'express';
import type { DeviceObservation } from '../../collect/observation.js';
import type { ApiDeps, DeviceState } from '../deps.js';
import { ApiError } from '../errors.js';
import { intParam, iso, listParam } from '../params.js';
import type { Route } from '../route.js';

/** The state word of a device for lists: pending (never polled), ok, unreachable, stale. */
export function deviceStatus(s: DeviceState | null): 'pending' | 'ok' | 'unreachable' | 'stale' {
  if (s === null || s.observedAt === null) return 'pending';
  if (s.stale) return 'stale';
  return s.consecutiveFailures > 0 ? 'unreachable' : 'ok';
}

function summary(o: DeviceObservation | null): Record<string, number> | null {
  if (o === null) return null;
  const count = <T>(list: readonly T[], f: (x: T) => boolean): number => list.filter(f).length;
  return {
    psuOk: count(o.powerSupplies, (p) => p.status === 'ok'),
    psuFailed: count(o.powerSupplies, (p) => p.status === 'failed'),
    psuAbsent: count(o.powerSupplies, (p) => p.status === 'absent'),
    fansFailed: count(o.fans, (p) => p.status === 'failed'),
    bgpPeers: o.bgpPeers.length,
    bgpEstablished: count(o.bgpPeers, (p) => p.state === 'established'),
    ospfNeighbors: o.ospfNeighbors.length,
    ospfFull: count(o.ospfNeighbors, (n) => n.state === 'full'),
    interfaces: o.interfaces.length,
    interfacesUp: count(o.interfaces, (i) => i.operStatus === 'up'),
    neighbors: o.neighbors.length,
    errors: o.errors.length,
  };
}

function idParam(req: Request): string {
  const id: unknown = req.params['id'];
  if (typeof id !== 'string') throw new ApiError(404, 'not_found', 'no device named');
  return id;
}

/**
 * Whether the list carries each device's full observation: summaries by default,
 * `?fields=observation` for the observations (`?observation=true|false`, the older spelling, still works).
 */
function observationAsked(req: Request): boolean {
  const fields = listParam(req, 'fields', ['observation'] as const);
  const legacy = req.query['observation'];
  if (legacy !== undefined && legacy !== 'true' && legacy !== 'false') throw new ApiError(400, 'bad_request', 'observation must be true or false');
  return fields?.has('observation') === true || legacy === 'true';
}

/** The device endpoints. */
export function deviceRoutes(deps: ApiDeps): Route[] {
  const deviceView = (id: string, withObservation: boolean): Record<string, unknown> => {
    const inv = deps.inventory();
    const d = inv.devices.get(id);
    if (d === undefined) throw new ApiError(404, 'not_found', `no device "${id}"`);
    const s = deps.device(id);
    return {
      id: d.id,
      name: d.name ?? d.id,
      site: d.site,
      room: d.room ?? null,
      role: d.role,
      class: d.class,
      target: d.poll === undefined ? null : (d.poll.host.includes(':') ? `[${d.poll.host}]:${d.poll.port}` : `${d.poll.host}:${d.poll.port}`),
      status: deviceStatus(s),
      observedAt: iso(s?.observedAt ?? null),
      lastSuccessAt: iso(s?.lastSuccessAt ?? null),
      consecutiveFailures: s?.consecutiveFailures ?? 0,
      summary: summary(s?.observation ?? null),
      ...(withObservation ? { observation: s?.observation ?? null } : {}),
    };
  };

  return [
    {
      method: 'GET',
      access: 'read',
      path: '/api/v1/devices',
      handler: (req, res) => {
        const limit = intParam(req, 'limit', 500, 1, 5000);
        const offset = intParam(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
        const withObs = observationAsked(req);
        const ids = [...deps.inventory().devices.keys()].sort();
        const page = ids.slice(offset, offset + limit);
        res.json({
          total: ids.length,
          offset,
          limit,
          items: page.map((id) => deviceView(id, withObs)),
        });
      },
    },
    {
      method: 'GET',
      access: 'read',
      path: '/api/v1/devices/:id',
      handler: (req, res) => {
        res.json(deviceView(idParam(req), true));
      },
    },
    {
      method: 'GET',
      access: 'read',
      path: '/api/v1/devices/:id/transitions',
      handler: (req, res) => {
        const id = idParam(req);
        if (!deps.inventory().devices.has(id)) throw new ApiError(404, 'not_found', `no device "${id}"`);
        const limit = intParam(req, 'limit', 100, 1, 1000);
        const beforeRaw = req.query['before'];
        let before: number | undefined;
        if (beforeRaw !== undefined) {
          before = typeof beforeRaw === 'string' ? Date.parse(beforeRaw) : NaN;
          if (Number.isNaN(before)) throw new ApiError(400, 'bad_request', 'before must be an ISO 8601 time');
        }
        const beforeSeq = req.query['beforeSeq'] === undefined ? undefined : intParam(req, 'beforeSeq', 0, 0, Number.MAX_SAFE_INTEGER);
        if (beforeSeq !== undefined && before === undefined) throw new ApiError(400, 'bad_request', 'beforeSeq needs before');
        const items = deps.transitions(id, { limit, ...(before !== undefined ? { before } : {}), ...(beforeSeq !== undefined ? { beforeSeq } : {}) });
        const last = items.at(-1);
        const cursor = last === undefined ? '' : `&before=${encodeURIComponent(new Date(last.at).toISOString())}&beforeSeq=${last.seq}`;
        res.json({
          device: id,
          items: items.map((t) => ({ at: iso(t.at), subject: t.subject, from: t.from, to: t.to })),
          next: items.length === limit && last !== undefined ? `/api/v1/devices/${encodeURIComponent(id)}/transitions?limit=${limit}${cursor}` : null,
        });
      },
    },
  ];
}
