/**
 * `/ack/:hazardId`: the signed acknowledgement link of a notification (src/alerting/ack-link.ts).
 * Public (the signature is the credential), server-rendered, no script, CSP-friendly, bilingual.
 * GET only shows the hazard and a confirmation form: chat apps fetch links to preview them, so a
 * GET never changes anything. POST acknowledges the hazard through the same ledger operation as
 * `PATCH /api/v1/hazards/:id` (the lifecycle's `acknowledge`, audited), as the receiver the link
 * names (`ack-link:<receiver>`), and records the link as used. A link that is incomplete (400),
 * forged or for another hazard (403), expired or used already (410) is refused and says so.
 */
import type { Request, Response } from 'express';
import { verifyAck, type AckClaims, type AckRefusal } from '../../alerting/ack-link.js';
import { formatInZone } from '../../alerting/receivers/message-text.js';
import { RISK_LEVELS } from '../../analysis/rules/words.js';
import { LedgerConflictError, LedgerRuleError } from '../../ledger/errors.js';
import { acknowledge, LifecycleInputError } from '../../ledger/lifecycle.js';
import type { Hazard } from '../../ledger/types.js';
import type { ApiDeps } from '../deps.js';
import type { Route } from '../route.js';

/** HTML-escapes text. */
function esc(t: string): string {
  return t.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A whole page: a heading and paragraphs in both languages (zh-CN first), and optional extra HTML (already escaped). */
function page(res: Response, status: number, title: { zh: string; en: string }, lines: readonly { zh: string; en: string }[], extra = ''): void {
  const body = lines.map((l) => `<p lang="zh-CN">${esc(l.zh)}</p>\n<p lang="en">${esc(l.en)}</p>`).join('\n');
  res.status(status).type('html').send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title.zh)} · ${esc(title.en)} — redline</title></head>
<body><main>
<h1>${esc(title.zh)} · <span lang="en">${esc(title.en)}</span></h1>
${body}
${extra}
</main></body></html>
`);
}

const REFUSALS: Readonly<Record<AckRefusal['reason'], { zh: string; en: string }>> = {
  incomplete: { zh: '链接不完整：请从通知中完整复制链接。', en: 'The link is incomplete: copy the whole link from the notification.' },
  forged: { zh: '链接签名无效，或不属于该隐患。未做任何更改。', en: 'The link\'s signature is not valid, or it belongs to another hazard. Nothing was changed.' },
  expired: { zh: '链接已过期。请在控制台或通过接口确认隐患。', en: 'The link has expired. Acknowledge the hazard in the console or through the API.' },
  used: { zh: '该链接已被使用，不能再次使用。', en: 'This link was used already and cannot be used again.' },
};

/** The refusal page. */
function refuse(res: Response, r: AckRefusal): void {
  page(res, r.status, { zh: '无法确认隐患', en: 'Cannot acknowledge the hazard' }, [REFUSALS[r.reason]]);
}

/** The hazard in a few lines people can check before they confirm. */
function hazardLines(h: Hazard, zone: string): { zh: string; en: string }[] {
  const risk = RISK_LEVELS[h.colour];
  return [
    { zh: `隐患 ${h.id}：${h.description.zh}`, en: `Hazard ${h.id}: ${h.description.en}` },
    { zh: `风险等级：${risk.level.zh}（${risk.colour.zh}）· 发现时间：${formatInZone(h.foundAt, zone)}`, en: `Risk level: ${risk.level.en} (${risk.colour.en}) · found ${formatInZone(h.foundAt, zone)}` },
  ];
}

/** The confirmation form: POSTs to the same link; the owner (整改责任单位/责任人) is what acknowledging records. */
function form(req: Request, claims: AckClaims, values: Readonly<Record<string, string>> = {}): string {
  const action = esc(req.originalUrl);
  const field = (name: string, zh: string, en: string, required: boolean): string =>
    `<p><label>${esc(zh)} · ${esc(en)}<br><input name="${name}" value="${esc(values[name] ?? '')}" maxlength="200"${required ? ' required' : ''}></label></p>`;
  return `<form method="post" action="${action}">
${field('ownerOrg', '整改责任单位', 'Owner unit', true)}
${field('ownerPerson', '整改责任人', 'Owner person', true)}
${field('note', '备注', 'Note', false)}
<p><button type="submit">确认隐患 · Acknowledge as ${esc(claims.actor)}</button></p>
</form>`;
}

/** The form's fields from an urlencoded (or JSON) body. */
function formFields(req: Request): Record<string, string> {
  const raw: unknown = req.body;
  const out: Record<string, string> = {};
  if (Buffer.isBuffer(raw)) {
    for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) if (k === 'ownerOrg' || k === 'ownerPerson' || k === 'note') out[k] = v.trim();
  } else if (typeof raw === 'object' && raw !== null) {
    for (const k of ['ownerOrg', 'ownerPerson', 'note']) {
      const v = (raw as Record<string, unknown>)[k];
      if (typeof v === 'string') out[k] = v.trim();
    }
  }
  return out;
}

/** The acknowledgement link's pages. */
export function ackRoutes(deps: ApiDeps): Route[] {
  /** The link checked: its claims and the hazard, or the refusal already answered (null). */
  const check = async (req: Request, res: Response): Promise<{ claims: AckClaims; hazard: Hazard; zone: string } | null> => {
    const a = deps.alerting;
    const key = a?.ackKey() ?? null;
    if (a === undefined || key === null || deps.ledger === undefined) {
      page(res, 404, { zh: '未启用确认链接', en: 'Acknowledgement links are off' }, [{ zh: '本 redline 未启用通知中的确认链接。', en: 'This redline does not issue acknowledgement links.' }]);
      return null;
    }
    const hazardId = typeof req.params['hazardId'] === 'string' ? req.params['hazardId'] : '';
    const v = verifyAck(key, hazardId, req.query, a.now());
    if (!v.ok) {
      refuse(res, v);
      return null;
    }
    if (await a.store.ackLinkUsed(v.claims.nonce)) {
      refuse(res, { status: 410, reason: 'used' });
      return null;
    }
    const hazard = await deps.ledger.store.hazard(hazardId);
    const zone = a.timeZone();
    if (hazard === null) {
      page(res, 404, { zh: '隐患不存在', en: 'No such hazard' }, [{ zh: `没有隐患 ${hazardId}。`, en: `There is no hazard ${hazardId}.` }]);
      return null;
    }
    if (hazard.status !== 'open' && hazard.status !== 'reopened') {
      page(res, 409, { zh: '隐患已确认', en: 'Already acknowledged' }, [...hazardLines(hazard, zone), {
        zh: `该隐患已不处于待处理状态（责任人：${hazard.ownerPerson ?? '—'}），无需再次确认。`,
        en: `The hazard is past open (owner: ${hazard.ownerPerson ?? '—'}); there is nothing to acknowledge.`,
      }]);
      return null;
    }
    return { claims: v.claims, hazard, zone };
  };

  return [
    {
      method: 'GET', path: '/ack/:hazardId', access: 'public',
      handler: async (req, res) => {
        const c = await check(req, res);
        if (c === null) return;
        page(res, 200, { zh: '确认隐患', en: 'Acknowledge the hazard' }, [
          ...hazardLines(c.hazard, c.zone),
          { zh: `确认后停止重复通知和升级。链接有效期至 ${formatInZone(c.claims.expiresAt, c.zone)}，仅可使用一次。`, en: `Acknowledging stops re-notification and escalation. The link is valid until ${formatInZone(c.claims.expiresAt, c.zone)} and works once.` },
        ], form(req, c.claims));
      },
    },
    {
      method: 'POST', path: '/ack/:hazardId', access: 'public',
      handler: async (req, res) => {
        const c = await check(req, res);
        if (c === null) return;
        const a = deps.alerting!;
        const ledger = deps.ledger!;
        const fields = formFields(req);
        const actor = `ack-link:${c.claims.actor}`;
        const at = a.now();
        try {
          const input = { ownerOrg: fields['ownerOrg'] ?? '', ownerPerson: fields['ownerPerson'] ?? '', ...(fields['note'] ? { note: fields['note'] } : {}) };
          await ledger.store.updateHazard(c.hazard.id, c.hazard.version, acknowledge(input, actor, at));
        } catch (err) {
          if (err instanceof LifecycleInputError) {
            page(res, 422, { zh: '请填写责任单位和责任人', en: 'Name the owner unit and person' }, [...hazardLines(c.hazard, c.zone), { zh: '确认隐患需填写整改责任单位和责任人。', en: 'Acknowledging records who owns the fix: fill in both.' }], form(req, c.claims, fields));
            return;
          }
          if (err instanceof LedgerConflictError || err instanceof LedgerRuleError) {
            page(res, 409, { zh: '隐患已被更改', en: 'The hazard changed meanwhile' }, [{ zh: '他人刚刚更改了该隐患，请重新打开链接查看。', en: 'Someone changed the hazard just now; open the link again to see it.' }]);
            return;
          }
          throw err;
        }
        await a.store.useAckLink(c.claims.nonce, c.hazard.id, actor, at);
        page(res, 200, { zh: '隐患已确认', en: 'Hazard acknowledged' }, [
          ...hazardLines(c.hazard, c.zone),
          { zh: `已由 ${c.claims.actor} 确认（${formatInZone(at, c.zone)}），责任人：${fields['ownerPerson'] ?? ''}。重复通知和升级已停止。`, en: `Acknowledged by ${c.claims.actor} at ${formatInZone(at, c.zone)}, owner ${fields['ownerPerson'] ?? ''}. Re-notification and escalation stop.` },
        ]);
      },
    },
  ];
}
