/** The redundancy audit as a document in one language (the renderers' input). */
import { MEASURES, type Colour, type Evidence, type Subject } from '../analysis/finding.js';
import { MEASURE_LABELS, RISK_LEVELS, STATE_LABELS, formatTime } from '../analysis/rules/words.js';
import { HAZARD_STATUS_LABELS, HAZARD_GRADE_LABELS } from '../ledger/words.js';
import type { AuditModel, MeasureCell } from './audit-model.js';
import { cell, inLang, type DocCell, type ReportDocument, type ReportLang } from './document.js';
import { REPORT_WORDS as W, scopeText, windowOf, windowText } from './words.js';

const subjectText = (s: Subject | null): string => (s === null ? '' : `${s.kind}:${s.id}`);
const evidenceText = (ev: readonly Evidence[]): string => ev.map((e) => `${e.what}=${e.value === null ? '' : String(e.value)}`).join('; ');

/** The audit in `lang`, times in the model's zone. */
export function auditDocument(m: AuditModel, lang: ReportLang): ReportDocument {
  const t = (b: { zh: string; en: string }): string => inLang(b, lang);
  const zone = m.timeZone;
  const time = (iso: string | null): string => (iso === null ? '' : t(formatTime(iso, zone)));
  const risk = (c: Colour | null): DocCell => (c === null ? cell('') : cell(t(RISK_LEVELS[c].level), c));
  const measureCell = (c: MeasureCell): DocCell => {
    if (c.status === 'notChecked') return cell(t(W.notChecked), 'unchecked', c.reasons.map((r) => `${r.rule === null ? '' : `${r.rule}: `}${t(r.text)}`).join('；'));
    return cell(t(STATE_LABELS[c.state]), c.state === 'protected' ? 'ok' : (c.colour ?? 'muted'), c.rules.map((r) => `${r.rule} ${t(STATE_LABELS[r.state])}`).join(', '));
  };
  const clauseOf = (c: { cite: { zh: string; en: string } }): DocCell => cell(t(c.cite));
  const win = windowText(windowOf(m.window), zone, lang);
  return {
    kind: 'audit',
    lang,
    title: t(W.auditTitle),
    subtitle: t(m.clause.cite),
    meta: [
      win,
      { label: t(W.scope), value: scopeText(m.scope, lang) },
      { label: t(W.createdAt), value: time(m.createdAt) },
      { label: t(W.policy), value: m.policy.inForce ?? t(W.none) },
      { label: t(W.judgedBy), value: m.policy.judgedBy.join(', ') || t(W.none) },
      { label: t(W.key), value: m.signingKey?.fingerprint ?? t(W.keyNone) },
      // an audit of nothing, or made before any analysis, says so at the top, not only in an empty table
      ...[m.coverage.at === null ? t(W.noCoverage) : null, m.elements.length === 0 ? t(W.noElements) : null].filter((x) => x !== null).map((value) => ({ label: t(W.note), value })),
    ],
    sections: [
      {
        id: 'elements',
        title: t(W.elements),
        intro: `${t(W.cellNote)}${'from' in m.window ? ` ${t(W.rangeNote)}` : ''}`,
        columns: [
          { key: 'element', label: t(W.element) }, { key: 'class', label: t(W.class) }, { key: 'sites', label: t(W.sites) },
          ...MEASURES.map((id) => ({ key: id, label: t(MEASURE_LABELS[id]) })),
          { key: 'clause', label: t(W.clause) },
        ],
        rows: m.elements.map((e) => [cell(subjectText(e.subject)), cell(e.class ?? '?'), cell(e.sites.join(' ')), ...MEASURES.map((id) => measureCell(e.measures[id])), clauseOf(e.clause)]),
        empty: t(W.noElements),
      },
      {
        id: 'spofs',
        title: t(W.spofs),
        columns: [
          { key: 'subject', label: t(W.subject) }, { key: 'rule', label: t(W.rule) }, { key: 'measure', label: t(W.measure) }, { key: 'class', label: t(W.class) },
          { key: 'sites', label: t(W.sites) }, { key: 'risk', label: t(W.risk) }, { key: 'since', label: t(W.since) },
          { key: 'explanation', label: t(W.explanation) }, { key: 'clause', label: t(W.clause) },
        ],
        rows: m.spofs.map((s) => [
          cell(subjectText(s.subject)), cell(s.rule), cell(s.measure === null ? '' : t(MEASURE_LABELS[s.measure])), cell(s.class ?? '?'), cell(s.sites.join(' ')),
          risk(s.colour), cell(time(s.since)), cell(s.explanation === null ? '' : t(s.explanation), undefined, `${t(W.evidence)}: ${evidenceText(s.evidence)}`), clauseOf(s.clause),
        ]),
        empty: t(W.none),
      },
      {
        id: 'hazards',
        title: t(W.hazards),
        columns: [
          { key: 'id', label: t(W.hazardId) }, { key: 'description', label: t(W.description) }, { key: 'class', label: t(W.class) }, { key: 'risk', label: t(W.risk) },
          { key: 'grade', label: t(W.grade) }, { key: 'statusThen', label: t(W.statusThen) }, { key: 'statusNow', label: t(W.statusNow) }, { key: 'owner', label: t(W.owner) },
          { key: 'foundAt', label: t(W.foundAt) }, { key: 'deadline', label: t(W.deadline) }, { key: 'fixedAt', label: t(W.fixedAt) }, { key: 'closedAt', label: t(W.closedAt) },
          { key: 'clause', label: t(W.clause) },
        ],
        rows: m.hazards.map((h) => [
          cell(h.id), cell(t(h.description), undefined, subjectText(h.subject)), cell(h.class), risk(h.colour), cell(h.grade === null ? '' : t(HAZARD_GRADE_LABELS[h.grade])),
          cell(`${t(HAZARD_STATUS_LABELS[h.statusThen])}${h.overdueThen ? ` (${lang === 'en' ? 'overdue' : '逾期'})` : ''}`, h.overdueThen ? 'red' : undefined), cell(t(HAZARD_STATUS_LABELS[h.statusNow])),
          cell([h.ownerOrg, h.ownerPerson].filter((x) => x !== null).join(' / ')), cell(time(h.foundAt)), cell(time(h.deadline)), cell(time(h.fixedAt)), cell(time(h.closedAt)),
          cell(h.clauses.map((c) => t(c.cite)).join('; ')),
        ]),
        empty: t(W.none),
      },
      {
        id: 'waivers',
        title: t(W.waivers),
        columns: [
          { key: 'id', label: 'id' }, { key: 'rule', label: t(W.rule) }, { key: 'subject', label: t(W.subject) }, { key: 'reason', label: t(W.reason) },
          { key: 'approvedBy', label: t(W.approvedBy) }, { key: 'from', label: t(W.validFrom) }, { key: 'until', label: t(W.until) }, { key: 'revokedAt', label: t(W.revokedAt) },
          { key: 'clause', label: t(W.clause) },
        ],
        rows: m.waivers.map((w) => [cell(w.id), cell(w.rule), cell(subjectText(w.subject)), cell(w.reason), cell(w.approvedBy), cell(time(w.createdAt)), cell(time(w.until)), cell(time(w.revokedAt)), clauseOf(w.clause)]),
        empty: t(W.none),
      },
      {
        id: 'coverage',
        title: t(W.coverage),
        intro: m.coverage.at === null ? t(W.noCoverage) : t(W.coverageAt(m.coverage.at, zone)),
        columns: [
          { key: 'rule', label: t(W.rule) }, { key: 'title', label: t(W.title) }, { key: 'status', label: t(W.status) }, { key: 'reason', label: t(W.reason) },
          { key: 'subjects', label: t(W.subjectsCount) }, { key: 'clause', label: t(W.clause) },
        ],
        rows: m.coverage.rules.map((r) => [
          cell(r.rule), cell(t(r.title)), cell(t(r.status === 'evaluated' ? W.evaluated : W.skipped), r.status === 'evaluated' ? 'ok' : 'unchecked'),
          cell(r.reasonText === null ? '' : t(r.reasonText)), cell(r.subjects), clauseOf(r.clause),
        ]),
        empty: t(W.noCoverage),
      },
    ],
    footer: t(W.footer(m.signingKey?.fingerprint ?? null)),
  };
}
