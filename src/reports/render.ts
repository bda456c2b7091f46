/**
 * The renderers of a `ReportDocument`: HTML laid out like a bureau file on A4 (own CSS with
 * @page, no script, no external asset: one self-contained file, every string escaped), CSV (one
 * file per table, UTF-8 with a byte-order mark, no cell a spreadsheet would run as a formula)
 * and XLSX (one sheet per table, every cell a typed string: never a formula).
 */
import ExcelJS from 'exceljs';
import { csvCell, inertCell } from './ledger-columns.js';
import type { DocCell, DocTable, ReportDocument } from './document.js';

/** `s` safe as HTML text or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
@page { size: A4 landscape; margin: 14mm 12mm 16mm 12mm; }
@page { @bottom-center { content: counter(page) " / " counter(pages); } }
html { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; font-size: 9.5pt; color: #000; }
body { margin: 0; }
header.file { border-bottom: 2px solid #b00; padding-bottom: 4mm; margin-bottom: 4mm; text-align: center; }
header.file h1 { font-size: 18pt; letter-spacing: 0.2em; margin: 0 0 2mm 0; color: #b00; }
header.file .sub { font-size: 10pt; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 4mm; margin: 0 0 4mm 0; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; word-break: break-all; }
section { margin-bottom: 6mm; }
h2 { font-size: 12pt; border-left: 4px solid #b00; padding-left: 2mm; margin: 4mm 0 2mm 0; break-after: avoid; }
p.intro { margin: 0 0 2mm 0; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; table-layout: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.6pt solid #333; padding: 1mm 1.2mm; vertical-align: top; text-align: left; word-break: break-word; }
th { background: #eee; font-weight: bold; }
td .note { display: block; font-size: 7.5pt; color: #333; margin-top: 0.6mm; }
td.t-red { background: #f4c7c3; } td.t-orange { background: #fce0b8; } td.t-yellow { background: #fff4b3; } td.t-blue { background: #cfe2f3; }
td.t-ok { background: #e2f0d9; } td.t-unchecked { background: repeating-linear-gradient(45deg, #fff, #fff 2mm, #eee 2mm, #eee 4mm); font-style: italic; }
td.t-muted { color: #555; }
p.empty { font-style: italic; }
footer.file { border-top: 1px solid #999; margin-top: 6mm; padding-top: 2mm; font-size: 8.5pt; }
`;

function htmlCell(c: DocCell): string {
  const cls = c.tone === undefined ? '' : ` class="t-${c.tone}"`;
  const note = c.note === undefined ? '' : `<span class="note">${escapeHtml(c.note)}</span>`;
  return `<td${cls}>${escapeHtml(c.text)}${note}</td>`;
}

function htmlTable(t: DocTable): string {
  const intro = t.intro === undefined ? '' : `<p class="intro">${escapeHtml(t.intro)}</p>`;
  const body = t.rows.length === 0
    ? `<p class="empty">${escapeHtml(t.empty)}</p>`
    : `<table><thead><tr>${t.columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('')}</tr></thead><tbody>\n${t.rows.map((r) => `<tr>${r.map(htmlCell).join('')}</tr>`).join('\n')}\n</tbody></table>`;
  return `<section id="${escapeHtml(t.id)}"><h2>${escapeHtml(t.title)}</h2>${intro}${body}</section>`;
}

/** The document as one self-contained, print-ready HTML page (A4). */
export function renderHtml(doc: ReportDocument): string {
  const meta = doc.meta.map((m) => `<dt>${escapeHtml(m.label)}</dt><dd>${escapeHtml(m.value)}</dd>`).join('');
  return `<!DOCTYPE html>
<html lang="${doc.lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="file"><h1>${escapeHtml(doc.title)}</h1><div class="sub">${escapeHtml(doc.subtitle)}</div></header>
<dl class="meta">${meta}</dl>
${doc.sections.map(htmlTable).join('\n')}
<footer class="file">${escapeHtml(doc.footer)}</footer>
</body>
</html>
`;
}

/** A document cell as one text: its note after it. */
function flat(c: DocCell): string {
  return c.note === undefined ? c.text : `${c.text} (${c.note})`;
}

/** One CSV per table, named `<kind>-<table id>.csv`: UTF-8 with BOM, CRLF, formula-safe cells. */
export function renderCsv(doc: ReportDocument): { name: string; bytes: Buffer }[] {
  return doc.sections.map((t) => {
    const lines = [t.columns.map((c) => csvCell(c.label)).join(','), ...t.rows.map((r) => r.map((c) => csvCell(flat(c))).join(','))];
    return { name: `${doc.kind}-${t.id}.csv`, bytes: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8') };
  });
}

/** A worksheet name Excel accepts: no []:*?/\, at most 31 characters, unique. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28).trim() || 'sheet';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base} ${i}`;
  used.add(name);
  return name;
}

/** The document as an XLSX workbook: a cover sheet, then one sheet per table. */
export async function renderXlsx(doc: ReportDocument, createdAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'redline';
  // fixed dates so the same report gives the same bytes
  wb.created = createdAt;
  wb.modified = createdAt;
  const used = new Set<string>();
  const cover = wb.addWorksheet(sheetName(doc.title, used));
  cover.addRow([doc.title]);
  cover.addRow([doc.subtitle]);
  for (const m of doc.meta) cover.addRow([m.label, m.value]);
  cover.addRow([doc.footer]);
  for (const t of doc.sections) {
    const ws = wb.addWorksheet(sheetName(t.title, used));
    const header = ws.addRow(t.columns.map((c) => c.label));
    header.font = { bold: true };
    for (const r of t.rows) ws.addRow(r.map(flat));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  // every value is a string cell (exceljs writes a string as text, never a formula); inertCell also
  // keeps a copy-paste into a CSV from turning one into a formula
  wb.eachSheet((ws) => { ws.eachRow((row) => { row.eachCell((c) => { if (typeof c.value === 'string') c.value = inertCell(c.value); }); }); });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
