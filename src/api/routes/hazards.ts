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
import { COLOURS } from '../../analysis/finding.js';
import { PROTECTION_CLASSES } from '../../config/schema.js';
import { FOUND_BY_METHODS, HAZARD_GRADES, type Attachment, type Hazard } from '../../ledger/types.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { HAZARD_ACTIONS, type FiledHazardInput, type HazardActionInput, type LedgerApi } from '../ledger-port.js';
import { intParam, iso } from '../params.js';
import type { Route } from '../route.js';
import { exportRoute } from './hazard-export.js';
import { actorOf } from '../../auth/middleware.js';
import { bodyOf, hazardQueryOf, hazardView, ledgerOf, ledgerRoute, parseBody, pathParam } from './ledger-http.js';

const text = z.string().trim().min(1).max(4000);
const optionalText = text.nullable().optional();
const isoTime = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && Number.isFinite(Date.parse(s)), 'expected an ISO 8601 time such as 2026-03-10T04:00:00Z');

/** The fields a person may set, each action reading the ones it needs (lifecycle rules decide which are required). */
const actionSchema = z.strictObject({
  version: z.number().int().min(1),
  action: z.enum(HAZARD_ACTIONS),
  ownerOrg: text.optional(),
  ownerPerson: text.optional(),
  contractorOrg: optionalText,
  contractorPerson: optionalText,
  reportingOrg: optionalText,
  potentialConsequence: optionalText,
  interimControls: optionalText,
  remediationPlan: optionalText,
  funding: optionalText,
  governancePlan: z.strictObject({
    goals: text, methods: text, fundingAndMaterials: text, organisationAndPeople: text, timeLimits: text, safetyAndContingency: text,
  }).nullable().optional(),
  regulatorReport: z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'), to: text, reference: text }).nullable().optional(),
  supervised: z.boolean().optional(),
  deadline: isoTime.optional(),
  grade: z.enum(HAZARD_GRADES).optional(),
  result: z.enum(['passed', 'failed']).optional(),
  note: text.optional(),
});

/** A hazard a person files (patrol, inspection, drill). */
const fileSchema = z.strictObject({
  foundByMethod: z.enum(FOUND_BY_METHODS.filter((m) => m !== 'auto-rule') as ['patrol', 'inspection', 'drill']),
  description: z.strictObject({ zh: text, en: text }),
  category: text,
  protectionClass: z.enum(PROTECTION_CLASSES),
  colour: z.enum(COLOURS),
  location: z.strictObject({
    siteId: text.nullable(),
    sites: z.array(text).max(100).default([]),
    roomId: text.optional(),
    neId: text.optional(),
    routeId: text.optional(),
  }),
  suggestedGrade: z.enum(HAZARD_GRADES).optional(),
  reportingOrg: text.optional(),
  potentialConsequence: text.optional(),
  interimControls: text.optional(),
});

const commentSchema = z.strictObject({ text });
const linkSchema = z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(2000), text: z.string().trim().max(4000).default('') });

/** `o` without its undefined members (zod's optional output meets exactOptionalPropertyTypes). */
function defined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

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
      body: fileSchema,
      handler: async (_req, res) => {
        const ledger = ledgerOf(deps);
        const body = bodyOf(fileSchema, res);
        const at = ledger.now();
        const actor = actorOf(res);
        const input = defined(body) as FiledHazardInput;
        const hazard = ledger.rules.fileHazard({ ...input, location: defined(body.location) as FiledHazardInput['location'] }, { actor, at, policy: ledger.policy() });
        const created = await ledger.store.createHazard(hazard, { at, actor, action: 'hazard.create', target: `hazard:${hazard.id}`, before: null, after: hazard });
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
      body: actionSchema,
      handler: async (req, res) => {
        const ledger = ledgerOf(deps);
        const id = pathParam(req, 'id');
        const { version, action, deadline, ...fields } = bodyOf(actionSchema, res);
        const at = ledger.now();
        const input: HazardActionInput = { ...defined(fields), ...(deadline !== undefined ? { deadline: Date.parse(deadline) } : {}) };
        const change = ledger.rules.change(action, input, { actor: actorOf(res), at, policy: ledger.policy() });
        const updated = await ledger.store.updateHazard(id, version, change);
        res.json(hazardView(updated, ledger, at));
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
        const body = bodyOf(commentSchema, res);
        const at = ledger.now();
        const actor = actorOf(res);
        const a: Attachment = { id: randomUUID(), hazardId: h.id, at, by: actor, kind: 'comment', text: body.text };
        const saved = await ledger.store.addAttachment(a, null, { at, actor, action: 'hazard.comment', target: `hazard:${h.id}`, before: null, after: a });
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
