/**
 * `/api/v1/hazards`: the hazard ledger (隐患排查治理台账) over HTTP. Lists with filters and paging,
 * one hazard with its attachments, its history, filing a hazard a person found, a person's
 * actions (`PATCH` with the version read: a stale one is 409, a refused transition 422 naming the
 * allowed ones), comments, evidence (a link, or a small file as the raw body), and the export
 * (`hazard-export.ts`). Every write's audit actor is the caller's name.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import { actorOf } from '../../auth/middleware.js';
import { fileHazard, fileHazardAudit, lifecycleInputSchemas, type LifecycleInput } from '../../ledger/lifecycle.js';
import type { Attachment, Hazard } from '../../ledger/types.js';
import type { ApiDeps } from '../deps.js';
import { addComment, applyHazardAction, commentSchema, PERSON_ACTIONS } from '../hazard-ops.js';
import { ApiError } from '../errors.js';
import type { LedgerApi } from '../ledger-port.js';
import { intParam, iso } from '../params.js';
import type { Route } from '../route.js';
import { exportRoute } from './hazard-export.js';
import { bodyOf, hazardQueryOf, hazardView, ledgerOf, ledgerRoute, parseBody, pathParam } from './ledger-http.js';

/** The actions `PATCH` takes (the lifecycle's, filing aside: that is `POST /api/v1/hazards`). */
const ACTIONS = PERSON_ACTIONS;

/**
 * `PATCH` names the version read and the action; the other members are the action's input,
 * validated by the lifecycle's own schema for that action (422 naming every problem).
 */
const actionEnvelope = z.looseObject({
  version: z.number().int().min(1),
  action: z.enum(ACTIONS, `action: expected one of ${ACTIONS.join(', ')}`),
});

const linkSchema = z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(2000), text: z.string().trim().max(4000).default('') });

/** The stored hazard, or a 404. */
async function hazardOr404(ledger: LedgerApi, id: string): Promise<Hazard> {
  const h = await ledger.store.hazard(id);
  if (h === null) throw new ApiError(404, 'not_found', `no hazard "${id}"`);
  return h;
}

/** An attachment as the API answers it. */
function attachmentView(a: Attachment): Record<string, unknown> {
  return { ...a, at: iso(a.at) };
}

/** Reads a raw body up to `maxBytes`; a larger one is a 413 (the rest is not read). */
async function rawBody(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  const tooLarge = (): ApiError => new ApiError(413, 'payload_too_large', `the evidence file is over settings.ledger.maxAttachmentKB (${maxBytes / 1024} KiB)`);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A file name people can read back (no path, no control characters). */
function fileName(req: Request): string {
  const raw = req.query['name'];
  if (typeof raw !== 'string' || raw.trim() === '') throw new ApiError(400, 'bad_request', 'name the file: ?name=<file name>');
  // eslint-disable-next-line no-control-regex
  const name = raw.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim().slice(0, 200);
  return name;
}

/** The hazard endpoints. */
export function hazardRoutes(deps: ApiDeps): Route[] {
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/api/v1/hazards',
      access: 'read',
      handler: async (req, res) => {
        const ledger = ledgerOf(deps);
        const now = ledger.now();
        const q = hazardQueryOf(req, now);
        const page = await ledger.store.hazards(q);
        res.json({ at: iso(now), timeZone: ledger.timeZone(), total: page.total, offset: q.offset, limit: q.limit, items: page.items.map((h) => hazardView(h, ledger, now)) });
      },
    },
    exportRoute(deps),
    {
      method: 'POST',
      path: '/api/v1/hazards',
      access: 'work',
      body: lifecycleInputSchemas.file,
      handler: async (req, res) => {
        const ledger = ledgerOf(deps);
        const at = ledger.now();
        const actor = actorOf(res);
        // the raw body: fileHazard parses it with the same schema (the route's check answered 422 already)
        const hazard = fileHazard(req.body as LifecycleInput<'file'>, actor, at, ledger.policy());
        const created = await ledger.store.createHazard(hazard, fileHazardAudit(hazard, actor, at));
        res.status(201).setHeader('Location', `/api/v1/hazards/${encodeURIComponent(created.id)}`);
        res.json(hazardView(created, ledger, at));
      },
    },
    {
      method: 'GET',
      path: '/api/v1/hazards/:id',
      access: 'read',
      handler: async (req, res) => {
        const ledger = ledgerOf(deps);
        const h = await hazardOr404(ledger, pathParam(req, 'id'));
        const attachments = await ledger.store.attachments(h.id);
        res.json({ ...hazardView(h, ledger, ledger.now()), attachments: attachments.map(attachmentView) });
      },
    },
    {
      method: 'GET',
      path: '/api/v1/hazards/:id/history',
      access: 'read',
      handler: async (req, res) => {
        const ledger = ledgerOf(deps);
        const id = pathParam(req, 'id');
        await hazardOr404(ledger, id);
        const limit = intParam(req, 'limit', 200, 1, 1000);
        const afterSeq = intParam(req, 'afterSeq', 0, 0, Number.MAX_SAFE_INTEGER);
        const events = await ledger.store.hazardEvents(id, { limit, ...(afterSeq > 0 ? { afterSeq } : {}) });
        const zone = ledger.timeZone();
        res.json({ hazardId: id, timeZone: zone, items: events.map((e) => ({ ...e, at: iso(e.at) })), next: events.length === limit ? events[events.length - 1]!.seq : null });
      },
    },
    {
      method: 'PATCH',
      path: '/api/v1/hazards/:id',
      access: 'work',
      body: actionEnvelope,
      handler: async (req, res) => {
        const ledger = ledgerOf(deps);
        const id = pathParam(req, 'id');
        const { version, action, ...input } = bodyOf(actionEnvelope, res);
        const updated = await applyHazardAction(ledger, id, version, action, input, actorOf(res));
        res.json(hazardView(updated, ledger, ledger.now()));
      },
    },
    {
      method: 'POST',
      path: '/api/v1/hazards/:id/comments',
      access: 'work',
      body: commentSchema,
      handler: async (req, res) => {
        const ledger = ledgerOf(deps);
        const h = await hazardOr404(ledger, pathParam(req, 'id'));
        const saved = await addComment(ledger, h, bodyOf(commentSchema, res).text, actorOf(res));
        res.status(201).json(attachmentView(saved));
      },
    },
    {
      method: 'POST',
      path: '/api/v1/hazards/:id/evidence',
      access: 'work',
      // JSON: a link `{ url, text }`; any other type: the raw body is a file, named by `?name=`.
      handler: async (req, res) => {
        const ledger = ledgerOf(deps);
        const h = await hazardOr404(ledger, pathParam(req, 'id'));
        const at = ledger.now();
        const actor = actorOf(res);
        let a: Attachment;
        let bytes: Buffer | null = null;
        if (req.is('application/json')) {
          const link = parseBody(linkSchema, req);
          a = { id: randomUUID(), hazardId: h.id, at, by: actor, kind: 'link', text: link.text, ref: link.url };
        } else {
          const mediaType = req.headers['content-type'];
          if (mediaType === undefined || !/^[\w.+-]+\/[\w.+-]+/.test(mediaType)) throw new ApiError(415, 'unsupported_media_type', 'send a link as application/json, or a file with its Content-Type');
          const name = fileName(req);
          bytes = await rawBody(req, ledger.maxAttachmentKB() * 1024);
          if (bytes.length === 0) throw new ApiError(400, 'bad_request', 'the evidence file is empty');
          const note = typeof req.query['text'] === 'string' ? req.query['text'].slice(0, 4000) : '';
          a = {
            id: randomUUID(), hazardId: h.id, at, by: actor, kind: 'file', text: note, ref: name,
            mediaType: mediaType.split(';')[0]!.trim(), size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'),
          };
        }
        const saved = await ledger.store.addAttachment(a, bytes, { at, actor, action: 'hazard.evidence', target: `hazard:${h.id}`, before: null, after: a });
        res.status(201).json(attachmentView(saved));
      },
    },
    {
      method: 'GET',
      path: '/api/v1/hazards/:id/evidence/:eid',
      access: 'read',
      handler: async (req, res) => {
        const ledger = ledgerOf(deps);
        const id = pathParam(req, 'id');
        const eid = pathParam(req, 'eid');
        const a = (await ledger.store.attachments(id)).find((x) => x.id === eid && x.kind !== 'comment');
        if (a === undefined) throw new ApiError(404, 'not_found', `no evidence "${eid}" on hazard "${id}"`);
        if (a.kind === 'link') {
          res.json(attachmentView(a));
          return;
        }
        const bytes = await ledger.store.attachmentBytes(a.id);
        if (bytes === null) throw new ApiError(404, 'not_found', `the file of evidence "${eid}" is not stored`);
        res.setHeader('Content-Type', a.mediaType ?? 'application/octet-stream');
        res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.ref ?? 'evidence')}`);
        if (a.sha256 !== undefined) res.setHeader('Digest', `sha-256=${Buffer.from(a.sha256, 'hex').toString('base64')}`);
        res.end(bytes);
      },
    },
  ];
  return routes.map(ledgerRoute);
}
