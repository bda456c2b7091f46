/**
 * CSV as resource-management systems export it: RFC 4180 quoting, CRLF or LF, an optional
 * UTF-8 byte-order mark, and GB18030/GBK files (common from Chinese systems) read when the
 * bytes are not UTF-8. Rows keep their spreadsheet numbers (the heading is row 1).
 */

/** One parsed row: its spreadsheet row number and cells. */
export interface CsvRow {
  readonly row: number;
  readonly cells: readonly string[];
}

/** Bytes to text: UTF-8 when valid (BOM dropped), else GB18030. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Parses CSV text into rows; a quote left open is an error naming its row. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  let any = false;
  const endRow = (): void => {
    cells.push(cell);
    if (any || cells.length > 1 || cell !== '') rows.push({ row: rowStart, cells });
    cells = [];
    cell = '';
    any = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      any = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
      any = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowStart = line;
    } else cell += c;
  }
  if (quoted) throw new Error(`row ${rowStart}: a quoted cell is never closed`);
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}
