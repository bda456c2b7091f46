/**
 * The renderers of a `ReportDocument`: HTML laid out like a bureau file on A4 (own CSS with
 * @page, no script, no external asset: one self-contained file, every string escaped), CSV (one
 * file per table, UTF-8 with a byte-order mark, no cell a spreadsheet would run as a formula)
 * and XLSX (one sheet per table, every cell a typed string: never a formula).
 */
import ExcelJS from 'exceljs';
import { csvCell, inertCell } from './ledger-columns.js';
import type { DocCell, DocChart, DocTable, ReportDocument } from './document.js';

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
figure.chart { margin: 0 0 3mm 0; break-inside: avoid; }
figure.chart figcaption { font-size: 8.5pt; }
footer.file { border-top: 1px solid #999; margin-top: 6mm; padding-top: 2mm; font-size: 8.5pt; }
`;

function htmlCell(c: DocCell): string {
  const cls = c.tone === undefined ? '' : ` class="t-${c.tone}"`;
  const note = c.note === undefined ? '' : `<span class="note">${escapeHtml(c.note)}</span>`;
  return `<td${cls}>${escapeHtml(c.text)}${note}</td>`;
}

/** Distinct line colours and dash patterns (the chart stays readable printed in grey). */
const PALETTE = ['#b00', '#1f5fa8', '#2e7d32', '#e07b00', '#6a1b9a', '#00838f', '#555', '#8d6e63'];
const DASHES = ['', '6 3', '2 2', '8 3 2 3', '4 4', '1 3', '10 4', '3 6'];

/** A line chart as inline SVG (no script, no external asset): one polyline per series, a y axis from 0, the labels under it, a legend. */
export function chartSvg(c: DocChart): string {
  const W = 720;
  const H = 240;
  const left = 40;
  const right = 200;
  const top = 14;
  const bottom = 28;
  const max = Math.max(1, ...c.series.flatMap((s) => s.values));
  const step = Math.max(1, Math.ceil(max / 5));
  const yMax = step * Math.ceil(max / step);
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const x = (i: number): number => left + (c.labels.length <= 1 ? plotW / 2 : (i * plotW) / (c.labels.length - 1));
  const y = (v: number): number => top + plotH - (v / yMax) * plotH;
  const f = (n: number): string => n.toFixed(1);
  const parts: string[] = [];
  for (let v = 0; v <= yMax; v += step) {
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${f(y(v))}" y2="${f(y(v))}" stroke="#ddd" stroke-width="0.6"/><text x="${left - 4}" y="${f(y(v) + 3)}" font-size="9" text-anchor="end">${v}</text>`);
  }
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#333" stroke-width="0.8"/><line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#333" stroke-width="0.8"/>`);
  c.labels.forEach((l, i) => { parts.push(`<text x="${f(x(i))}" y="${H - bottom + 14}" font-size="9" text-anchor="middle">${escapeHtml(l)}</text>`); });
  c.series.forEach((s, k) => {
    const colour = PALETTE[k % PALETTE.length]!;
    const dash = DASHES[k % DASHES.length]!;
    const points = s.values.map((v, i) => `${f(x(i))},${f(y(v))}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="1.6"${dash === '' ? '' : ` stroke-dasharray="${dash}"`} points="${points}"/>`);
    for (const [i, v] of s.values.entries()) parts.push(`<circle cx="${f(x(i))}" cy="${f(y(v))}" r="2" fill="${colour}"/>`);
    const ly = top + 6 + k * 16;
    parts.push(`<line x1="${W - right + 12}" x2="${W - right + 36}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="1.6"${dash === '' ? '' : ` stroke-dasharray="${dash}"`}/><text x="${W - right + 40}" y="${ly + 3}" font-size="9">${escapeHtml(s.name)}</text>`);
  });
  return `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(c.title)}" viewBox="0 0 ${W} ${H}" width="100%" style="max-width:180mm">${parts.join('')}</svg><figcaption>${escapeHtml(c.title)}</figcaption></figure>`;
}

function htmlTable(t: DocTable): string {
  const intro = `${t.intro === undefined ? '' : `<p class="intro">${escapeHtml(t.intro)}</p>`}${t.chart === undefined ? '' : chartSvg(t.chart)}`;
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
