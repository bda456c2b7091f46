import { describe, expect, it } from 'vitest';
import { recogniseTable } from './columns.js';
import { decodeCsvBytes, parseCsv } from './parse.js';

describe('parseCsv', () => {
  it.each([
    ['a,b\n1,2\n', [{ row: 1, cells: ['a', 'b'] }, { row: 2, cells: ['1', '2'] }]],
    ['a,b\r\n"x, y","say ""hi"""\r\n', [{ row: 1, cells: ['a', 'b'] }, { row: 2, cells: ['x, y', 'say "hi"'] }]],
    ['a\n"two\nlines"\nz', [{ row: 1, cells: ['a'] }, { row: 2, cells: ['two\nlines'] }, { row: 4, cells: ['z'] }]],
    ['a,b\n\n1,\n', [{ row: 1, cells: ['a', 'b'] }, { row: 3, cells: ['1', ''] }]],
  ])('%j', (text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });
  it('names the row of a quote left open', () => {
    expect(() => parseCsv('a\n"open\n')).toThrow('row 2: a quoted cell is never closed');
  });
  it('reads UTF-8 with a BOM and GBK exports', () => {
    expect(decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0xe7, 0xab, 0x99]))).toBe('站');
    expect(decodeCsvBytes(Uint8Array.from([0xd5, 0xbe, 0xb5, 0xe3]))).toBe('站点');
  });
});

describe('recogniseTable', () => {
  it.each([
    [['站点名称', '保护等级'], 'sites'],
    [['设备名称', '站点名称', '设备角色', '保护等级'], 'devices'],
    [['站点名称', '机房'], 'rooms'],
    [['本端设备', '本端端口', '对端设备', '对端端口', '管道/光缆'], 'links'],
    [['Device Name', 'PSU', 'Feed'], 'psus'],
    [['电源设备编码', '类型', '站点名称', '上级电源'], 'power'],
    [['说明'], null],
  ] as const)('%j → %s', (h, kind) => {
    expect(recogniseTable(h)).toBe(kind);
  });
});
