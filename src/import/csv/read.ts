/**
 * Reading a spreadsheet export from disk: a directory of CSV and XLSX files or the files named;
 * each CSV file and each XLSX worksheet is one table, recognised by its headings.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { recogniseTable, TABLE_KINDS } from './columns.js';
import type { RowProblem, Table } from './map.js';
import { decodeCsvBytes, parseCsv, type CsvRow } from './parse.js';

/** The worksheets of an XLSX workbook as rows of cell text (row numbers as the sheet shows them). */
async function xlsxSheets(file: string): Promise<{ name: string; rows: CsvRow[] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: { name: string; rows: CsvRow[] }[] = [];
  wb.eachSheet((ws) => {
    const rows: CsvRow[] = [];
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) cells.push(row.getCell(c).text);
      rows.push({ row: rowNumber, cells });
    });
    out.push({ name: ws.name, rows });
  });
  return out;
}

const SPREADSHEET = /\.(csv|xlsx)$/i;

/** The tables of the given paths, and a problem for every file or sheet that is not one. */
export async function readTables(paths: readonly string[]): Promise<{ tables: Table[]; problems: RowProblem[] }> {
  const files: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) files.push(...readdirSync(p).filter((f) => SPREADSHEET.test(f) && !f.startsWith('~$')).sort().map((f) => join(p, f)));
    else files.push(p);
  }
  const tables: Table[] = [];
  const problems: RowProblem[] = [];
  const sources: { name: string; rows: CsvRow[] }[] = [];
  for (const file of files) {
    const name = basename(file);
    try {
      if (/\.xlsx$/i.test(file)) sources.push(...(await xlsxSheets(file)).map((s) => ({ name: `${name}#${s.name}`, rows: s.rows })));
      else sources.push({ name, rows: parseCsv(decodeCsvBytes(readFileSync(file))) });
    } catch (err) {
      problems.push({ file: name, row: 0, column: '', message: err instanceof Error ? err.message : String(err) });
    }
  }
  for (const { name, rows } of sources) {
    const [head, ...body] = rows;
    if (head === undefined) {
      problems.push({ file: name, row: 1, column: '', message: 'empty: no heading row' });
      continue;
    }
    const kind = recogniseTable(head.cells);
    if (kind === null) {
      problems.push({ file: name, row: 1, column: '', message: `headings ${head.cells.map((c) => JSON.stringify(c)).join(', ')} are not one of the tables redline reads (${TABLE_KINDS.join(', ')}); see docs/operations.md` });
      continue;
    }
    tables.push({ file: name, kind, headings: head.cells, rows: body });
  }
  return { tables, problems };
}
