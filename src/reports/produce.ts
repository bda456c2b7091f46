/**
 * From a report model to its files: the model turned into a document in the chosen language, then
 * rendered in each format asked for (html, pdf, csv, xlsx, json), then signed (manifest.json +
 * manifest.sig). Any report kind with a model, a schema id and a `toDocument` uses this as is.
 */
import { UsageError } from '../common/errors.js';
import type { ReportDocument, ReportLang } from './document.js';
import { htmlToPdf, findChromium } from './pdf.js';
import { renderCsv, renderHtml, renderXlsx } from './render.js';
import { signExport, type ExportFile, type ExportSigner } from './signed-export.js';

/** The formats a report is written in. */
export const REPORT_FORMATS = ['html', 'pdf', 'csv', 'xlsx', 'json'] as const;
/** One of REPORT_FORMATS. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The formats of a `--format a,b` list; throws a UsageError naming every unknown one. */
export function parseFormats(text: string): ReportFormat[] {
  const asked = [...new Set(text.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
  const bad = asked.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (bad.length > 0) throw new UsageError(`unknown format(s) ${bad.join(', ')}: choose from ${REPORT_FORMATS.join(', ')}`);
  if (asked.length === 0) throw new UsageError(`no format given: choose from ${REPORT_FORMATS.join(', ')}`);
  return asked as ReportFormat[];
}

/** A report ready to render: its model (the JSON), and its document in a language. */
export interface RenderableReport<M> {
  readonly kind: string;
  readonly model: M;
  readonly toDocument: (model: M, lang: ReportLang) => ReportDocument;
}

/** What producing a report needs from outside. */
export interface ProduceOptions {
  readonly lang: ReportLang;
  readonly formats: readonly ReportFormat[];
  readonly createdAt: number;
  /** Told as each format is done (a progress line on a terminal). */
  readonly progress?: (what: string) => void;
  /** The Chromium binary (default: found on this machine); null: a PDF is refused. */
  readonly chromium?: string | null;
}

/** The report's files in every format asked for (unsigned). */
export async function renderReport<M>(r: RenderableReport<M>, o: ProduceOptions): Promise<ExportFile[]> {
  const doc = r.toDocument(r.model, o.lang);
  const files: ExportFile[] = [];
  const stem = `${r.kind}-report`;
  for (const f of o.formats) {
    o.progress?.(f);
    if (f === 'html') files.push({ name: `${stem}.html`, bytes: Buffer.from(renderHtml(doc)) });
    else if (f === 'json') files.push({ name: `${stem}.json`, bytes: Buffer.from(`${JSON.stringify(r.model, null, 2)}\n`) });
    else if (f === 'csv') files.push(...renderCsv(doc));
    else if (f === 'xlsx') files.push({ name: `${stem}.xlsx`, bytes: await renderXlsx(doc, new Date(o.createdAt)) });
    else {
      const chromium = o.chromium === undefined ? findChromium() : o.chromium;
      if (chromium === null) throw new UsageError('pdf needs Chromium (Debian package chromium, or REDLINE_CHROMIUM=<path>); none is installed');
      files.push({ name: `${stem}.pdf`, bytes: await htmlToPdf(renderHtml(doc), chromium) });
    }
  }
  return files;
}

/** The report's files, signed: ready to write as a folder or pack as a .tar. */
export async function produceSignedReport<M>(r: RenderableReport<M>, o: ProduceOptions, signer: ExportSigner): Promise<ExportFile[]> {
  const files = await renderReport(r, o);
  o.progress?.('sign');
  return signExport(r.kind, files, signer, o.createdAt);
}
