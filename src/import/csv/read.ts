/** Reading a spreadsheet export from disk: a directory of CSV files or the files named, each recognised by its headings. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { recogniseTable, TABLE_KINDS } from './columns.js';
import type { RowProblem, Table } from './map.js';
import { decodeCsvBytes, parseCsv } from './parse.js';

/** The tables of the given paths, and a problem for every file that is not one. */
export function readTables(paths: readonly string[]): { tables: Table[]; problems: RowProblem[] } {
  const files: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) files.push(...readdirSync(p).filter((f) => f.toLowerCase().endsWith('.csv')).sort().map((f) => join(p, f)));
    else files.push(p);
  }
  const tables: Table[] = [];
  const problems: RowProblem[] = [];
  for (const file of files) {
    const name = basename(file);
    let rows;
    try {
      rows = parseCsv(decodeCsvBytes(readFileSync(file)));
    } catch (err) {
      problems.push({ file: name, row: 0, column: '', message: err instanceof Error ? err.message : String(err) });
      continue;
    }
    const [head, ...body] = rows;
    if (head === undefined) {
      problems.push({ file: name, row: 1, column: '', message: 'empty file: no heading row' });
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
