/**
 * `/api/v1/waivers`: accepted risks (风险接受) as ledger records. Anyone may read them; only an
 * admin creates or revokes one. A waiver's expiry is capped by the risk level of the finding it
 * accepts (the policy's `waiverMaxDays`; the strictest cap when no finding is known yet), and the
 * analysis is told at once so the next pass marks the finding waived (or no longer waived).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { fingerprint } from '../../analysis/analyze.js';
import type { Colour, Subject } from '../../analysis/finding.js';
import { LedgerRuleError } from '../../ledger/errors.js';
import type { LedgerWaiver } from '../../ledger/types.js';
import { validateWaiver, waiverInputSchema } from '../../ledger/waiver-rules.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { LedgerApi } from '../ledger-port.js';
import { iso } from '../params.js';
import type { Route } from '../route.js';
import { actorOf } from '../../auth/middleware.js';
import { bodyOf, ledgerOf, ledgerRoute, parseBody, pathParam } from './ledger-http.js';

/** A waiver request: waiver-rules' schema; the approver is the admin who sends it. */
const createSchema = waiverInputSchema.omit({ approvedBy: true });

const revokeSchema = z.strictObject({ version: z.number().int().min(1) });

/** A waiver as the API answers it. */
function waiverView(w: LedgerWaiver, now: number): Record<string, unknown> {
  return { ...w, createdAt: iso(w.createdAt), until: iso(w.until), revokedAt: iso(w.revokedAt), active: w.revokedAt === null && now <= w.until };
}

/** The risk colour of the finding a waiver would accept (its hazard's), null when none is known (the strictest cap applies). */
async function colourOf(ledger: LedgerApi, rule: string, subject: Subject, now: number): Promise<Colour | null> {
  // one fingerprint has one hazard (reopened, never duplicated)
  const page = await ledger.store.hazards({ fingerprint: [fingerprint(rule, subject)], now, limit: 1, offset: 0 });
  return page.items[0]?.colour ?? null;
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
        const body = bodyOf(createSchema, res);
        const now = ledger.now();
        const until = body.until;
        const actor = actorOf(res);
        const problems = validateWaiver({ ...body, approvedBy: actor }, { colour: await colourOf(ledger, body.rule, body.subject, now), now, policy: ledger.policy() });
        if (problems.length > 0) throw new LedgerRuleError(`waiver refused: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
        const waiver: LedgerWaiver = {
          id: randomUUID(), version: 1, rule: body.rule, subject: body.subject, reason: body.reason, approvedBy: actor,
          scope: body.scope, createdAt: now, until, revokedAt: null, source: 'api',
        };
        const saved = await ledger.store.createWaiver(waiver, { at: now, actor, action: 'waiver.create', target: `waiver:${waiver.id}`, before: null, after: waiver });
        ledger.waiversChanged();
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
        const now = ledger.now();
        const before = (await ledger.store.waivers({})).find((w) => w.id === id) ?? null;
        if (before === null) throw new ApiError(404, 'not_found', `no waiver "${id}"`);
        const revoked = await ledger.store.revokeWaiver(id, version, now, { at: now, actor: actorOf(res), action: 'waiver.revoke', target: `waiver:${id}`, before, after: { ...before, revokedAt: now, version: before.version + 1 } });
        ledger.waiversChanged();
        res.json(waiverView(revoked, now));
      },
    },
  ];
  return routes.map(ledgerRoute);
}
