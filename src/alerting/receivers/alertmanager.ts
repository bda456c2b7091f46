/**
 * Alertmanager API v2 push (`POST <url>/api/v2/alerts`), so users with an Alertmanager keep its
 * routing: each alert with its labels (plus severity, kind, colour), zh-CN and English annotations,
 * startsAt, endsAt when resolved, and a generatorURL to the hazard. Alertmanager resolves an alert
 * it has not heard of for its resolve_timeout, so firing alerts must be pushed again (repeat notifications).
 */
import { z } from 'zod';
import { DELIVERY_HEADER } from '../delivery-policy.js';
import type { Alert, Notification } from '../types.js';
import { hazardLink } from './message-text.js';
import { defineReceiver, httpUrl, postJson, receiverName, secretRef, secretValue } from './receiver-kit.js';

/** One alert as Alertmanager's API v2 `postableAlert`. */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  generatorURL?: string;
}

/** The alert as Alertmanager wants it; label values are strings and never undefined. */
export function postableAlert(a: Alert, consoleUrl: string | undefined): PostableAlert {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(a.labels)) if (v !== undefined) labels[k] = v;
  labels['severity'] = a.severity;
  labels['kind'] = a.kind;
  if (a.colour !== null) labels['colour'] = a.colour;
  const annotations: Record<string, string> = {
    summary: a.summary.zh, summary_en: a.summary.en, description: a.description.zh, description_en: a.description.en,
  };
  if (a.hazardId !== undefined) annotations['hazard'] = a.hazardId;
  const link = hazardLink(a, consoleUrl);
  const out: PostableAlert = { labels, annotations, startsAt: new Date(a.startsAt).toISOString() };
  if (a.endsAt !== null) out.endsAt = new Date(a.endsAt).toISOString();
  if (link !== undefined) out.generatorURL = link;
  return out;
}

/** The request body for a notification: every alert of the group. */
export function alertmanagerBody(n: Notification, consoleUrl: string | undefined): string {
  return JSON.stringify(n.alerts.map((a) => postableAlert(a, consoleUrl)));
}

/** `type: alertmanager`. */
export const alertmanagerReceiver = defineReceiver('alertmanager', z.strictObject({
  name: receiverName,
  type: z.literal('alertmanager'),
  /** Alertmanager's base URL (http://host:9093); `/api/v2/alerts` is appended. */
  url: httpUrl,
  /** A bearer token when a proxy in front of Alertmanager asks for one. */
  bearerToken: secretRef.optional(),
}), (spec, deps) => {
  const token = spec.bearerToken === undefined ? undefined : secretValue(deps, spec.bearerToken);
  const target = `${spec.url.replace(/\/+$/, '')}/api/v2/alerts`;
  return {
    name: spec.name,
    type: 'alertmanager',
    deliver(n, signal) {
      const headers: Record<string, string> = { [DELIVERY_HEADER]: n.deliveryId };
      if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
      return postJson(target, alertmanagerBody(n, deps.consoleUrl), headers, signal, deps.clock.wallMs(), `alertmanager ${spec.name}`);
    },
  };
});
