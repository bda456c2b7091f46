/**
 * The shape every report renders from: a document of titled tables whose text is already in the
 * reader's language. A report kind (the redundancy audit, the ledger, later the half-year
 * summary) turns its own model into a `ReportDocument`; the HTML, PDF, CSV and XLSX renderers
 * know only this shape, so a new kind needs no new renderer.
 */
import type { Bilingual } from '../analysis/finding.js';

/** The languages a report is written in: Chinese by default, English on request. */
export const REPORT_LANGS = ['zh-CN', 'en'] as const;
/** One of REPORT_LANGS. */
export type ReportLang = (typeof REPORT_LANGS)[number];

/** The text of `b` in `lang`. */
export function inLang(b: Bilingual, lang: ReportLang): string {
  return lang === 'en' ? b.en : b.zh;
}

/** How a cell is marked: a risk colour, protected, not checked, or muted. */
export type Tone = 'red' | 'orange' | 'yellow' | 'blue' | 'ok' | 'unchecked' | 'muted';

/** One cell: its text, a mark, and a second line (the reason of a 未核查 cell, the evidence of a line). */
export interface DocCell {
  readonly text: string;
  readonly tone?: Tone;
  readonly note?: string;
}

/** A plain cell. */
export function cell(text: string | number | boolean | null | undefined, tone?: Tone, note?: string): DocCell {
  return { text: text === null || text === undefined ? '' : String(text), ...(tone !== undefined ? { tone } : {}), ...(note !== undefined && note !== '' ? { note } : {}) };
}

/** One table of a report. */
export interface DocTable {
  /** Stable id: the CSV file is `<kind>-<id>.csv`, the XLSX sheet is named by the title. */
  readonly id: string;
  readonly title: string;
  readonly intro?: string;
  readonly columns: readonly { readonly key: string; readonly label: string }[];
  readonly rows: readonly (readonly DocCell[])[];
  /** Shown when there are no rows. */
  readonly empty: string;
  /** A line chart of the table's figures, drawn (inline SVG) in the HTML and PDF only; CSV and XLSX carry the table. */
  readonly chart?: DocChart;
}

/** A line chart: one value per label for each series. */
export interface DocChart {
  readonly title: string;
  readonly labels: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
}

/** A whole report, in one language. */
export interface ReportDocument {
  /** `audit`, `ledger` …: names the files. */
  readonly kind: string;
  readonly lang: ReportLang;
  readonly title: string;
  readonly subtitle: string;
  /** The file's heading block: label and value pairs (scope, time, policy version, key fingerprint …). */
  readonly meta: readonly { readonly label: string; readonly value: string }[];
  readonly sections: readonly DocTable[];
  /** The closing line (how to verify the signature). */
  readonly footer: string;
}
