/**
 * `/api/v1/waivers`: accepted risks (风险接受) as ledger records. Anyone may read them; only an
 * admin creates or revokes one. A waiver's expiry is capped by the risk level of the finding it
 * accepts (the policy's `waiverMaxDays`; the strictest cap when no finding is known yet), and the
 * analysis is told at once so the next pass marks the finding waived (or no longer waived).
 */
import { z } from 'zod';
import type { LedgerWaiver } from '../../ledger/types.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { iso } from '../params.js';
import type { Route } from '../route.js';
import { actorOf } from '../../auth/middleware.js';
import { createWaiverAs, revokeWaiverAs, waiverActive, waiverCreateSchema } from '../waiver-ops.js';
import { bodyOf, ledgerOf, ledgerRoute, parseBody, pathParam } from './ledger-http.js';

/** A waiver request: waiver-rules' schema; the approver is the admin who sends it. */
const createSchema = waiverCreateSchema;

const revokeSchema = z.strictObject({ version: z.number().int().min(1) });

/** A waiver as the API answers it. */
function waiverView(w: LedgerWaiver, now: number): Record<string, unknown> {
  return { ...w, createdAt: iso(w.createdAt), until: iso(w.until), revokedAt: iso(w.revokedAt), active: waiverActive(w, now) };
}

/** The waiver endpoints. */
export function waiverRoutes(deps: ApiDeps): Route[] {
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/api/v1/waivers',
      access: 'read',
      // ?active=true: only those in force now
      handler: async (req, res) => {
        const ledger = ledgerOf(deps);
        const now = ledger.now();
        const active = req.query['active'];
        if (active !== undefined && active !== 'true' && active !== 'false') throw new ApiError(400, 'bad_request', 'active must be true or false');
        const list = await ledger.store.waivers(active === 'true' ? { activeAt: now } : {});
        res.json({ at: iso(now), total: list.length, items: list.map((w) => waiverView(w, now)) });
      },
    },
    {
      method: 'POST',
      path: '/api/v1/waivers',
      access: 'admin',
      body: createSchema,
      handler: async (_req, res) => {
        const ledger = ledgerOf(deps);
        const saved = await createWaiverAs(ledger, bodyOf(createSchema, res), actorOf(res));
        const now = ledger.now();
        res.status(201).setHeader('Location', `/api/v1/waivers/${saved.id}`);
        res.json(waiverView(saved, now));
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/waivers/:id',
      access: 'admin',
      // the version read, as `{ "version": n }` or `?version=n`: revoking a waiver someone just changed is a 409
      handler: async (req, res) => {
        const ledger = ledgerOf(deps);
        const id = pathParam(req, 'id');
        const q = req.query['version'];
        const version = parseBody(revokeSchema, typeof q === 'string' ? { body: { version: Number(q) } } : req).version;
        const revoked = await revokeWaiverAs(ledger, id, version, actorOf(res));
        res.json(waiverView(revoked, ledger.now()));
      },
    },
  ];
  return routes.map(ledgerRoute);
}
