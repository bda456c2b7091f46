/** The ledger export as a document in one language (the renderers' input). */
import { formatTime } from '../analysis/rules/words.js';
import type { GovernancePlan } from '../ledger/types.js';
import { GOVERNANCE_PART_LABELS, HAZARD_STATUS_LABELS, REGULATOR_REPORT_LABELS } from '../ledger/words.js';
import { cell, inLang, type ReportDocument, type ReportLang } from './document.js';
import { EVENT_KIND_LABELS, type LedgerModel } from './ledger-model.js';
import { LEDGER_COLUMNS } from './ledger-columns.js';
import { REPORT_WORDS as W, scopeText, windowOf, windowText } from './words.js';

const PLAN_PARTS = Object.keys(GOVERNANCE_PART_LABELS) as (keyof GovernancePlan)[];

/** The ledger in `lang`: the §6.1 headings in Chinese (with the English key in an English export), times in the model's zone. */
export function ledgerDocument(m: LedgerModel, lang: ReportLang): ReportDocument {
  const t = (b: { zh: string; en: string }): string => inLang(b, lang);
  const zone = m.timeZone;
  const time = (iso: string): string => t(formatTime(iso, zone));
  const yesNo = (v: string | number | boolean | null | undefined): string => (v === true ? t(W.yes) : v === false ? t(W.no) : v === null || v === undefined ? '' : String(v));
  const status = (s: string | null): string => (s === null ? '' : t(HAZARD_STATUS_LABELS[s as keyof typeof HAZARD_STATUS_LABELS]));
  return {
    kind: 'ledger',
    lang,
    title: t(W.ledgerTitle),
    subtitle: lang === 'en' ? 'MIIT Notice No. 46 [2023], section 2(2); protection-policy.md §6.1' : '工信厅通信函〔2023〕46号 二、（二）；字段依 protection-policy.md §6.1',
    meta: [
      windowText(windowOf(m.window), zone, lang),
      { label: t(W.scope), value: scopeText(m.scope, lang) },
      { label: t(W.createdAt), value: time(m.createdAt) },
      { label: t(W.key), value: m.signingKey?.fingerprint ?? t(W.keyNone) },
    ],
    sections: [
      {
        id: 'ledger',
        title: t(W.ledgerRows),
        intro: lang === 'en' ? `Times in ${zone}.` : `时间均为 ${zone} 时间。`,
        columns: LEDGER_COLUMNS.map((c) => ({ key: c.en, label: lang === 'en' ? `${c.zh} ${c.en}` : c.zh })),
        rows: m.rows.map((r) => LEDGER_COLUMNS.map((c) => cell(yesNo(r[c.en])))),
        empty: t(W.none),
      },
      {
        id: 'history',
        title: t(W.history),
        columns: [
          { key: 'hazard', label: t(W.hazardId) }, { key: 'at', label: t(W.time) }, { key: 'actor', label: t(W.actor) }, { key: 'event', label: t(W.event) },
          { key: 'change', label: t(W.change) }, { key: 'text', label: t(W.explanation) },
        ],
        rows: m.history.map((e) => [
          cell(e.hazardId), cell(time(e.at)), cell(e.actor), cell(t(EVENT_KIND_LABELS[e.kind])),
          cell(e.from !== null || e.to !== null ? `${status(e.from)} → ${status(e.to)}` : e.changed.join(', ')), cell(e.text),
        ]),
        empty: t(W.none),
      },
      {
        id: 'major',
        title: t(W.major),
        columns: [
          { key: 'hazard', label: t(W.hazardId) },
          ...PLAN_PARTS.map((p) => ({ key: p, label: t(GOVERNANCE_PART_LABELS[p]) })),
          { key: 'reported', label: t(W.reported) }, { key: 'supervised', label: t(W.supervised) },
        ],
        rows: m.major.map((x) => [
          cell(x.hazardId),
          ...PLAN_PARTS.map((p) => (x.governancePlan === null ? cell(t(W.noPlan), 'unchecked') : cell(x.governancePlan[p]))),
          x.regulatorReport === null
            ? cell(t(W.notReported), 'red')
            : cell((Object.keys(REGULATOR_REPORT_LABELS) as (keyof typeof REGULATOR_REPORT_LABELS)[]).map((k) => `${t(REGULATOR_REPORT_LABELS[k])}: ${x.regulatorReport?.[k] ?? ''}`).join('; ')),
          cell(yesNo(x.supervised)),
        ]),
        empty: t(W.none),
      },
    ],
    footer: t(W.footer(m.signingKey?.fingerprint ?? null)),
  };
}
