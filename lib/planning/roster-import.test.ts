import { describe, expect, it } from 'vitest';
import { parseRosterRows } from './roster-import';

describe('roster import', () => {
  it('reads Chinese headers and category names, trims, skips blank lines', () => {
    const result = parseRosterRows([
      ['姓名', '类别', '楼栋', '手机'],
      [' 王秀兰 ', '居民代表、议事会成员', '3栋', '138 0013 8000'],
      ['', '', '', ''],
      ['李建国', '居务监督委员会成员', '5栋', ''],
    ]);
    expect(result).toEqual({ ok: true, members: [
      { name: '王秀兰', categories: ['resident_representative', 'council_member'], building: '3栋', phone: '13800138000' },
      { name: '李建国', categories: ['supervisory_committee'], building: '5栋', phone: '' },
    ] });
  });

  it('reports every bad row by line and field, and imports nothing', () => {
    const result = parseRosterRows([
      ['Name', 'Category', 'Building', 'Phone'],
      ['张三', '居民代表', '1栋', '12345'],
      ['', '群众', '2栋', ''],
      ['李四', '村长', '2栋', ''],
      ['王五', '专家', '3栋', ''],
      ['王五', '专家', '3栋', ''],
    ]);
    expect(result).toEqual({ ok: false, errors: [
      { line: 2, field: 'phone', code: 'invalid', value: '12345' },
      { line: 3, field: 'name', code: 'required' },
      { line: 4, field: 'categories', code: 'unknown_category', value: '村长' },
      { line: 6, field: 'name', code: 'duplicate', value: '王五' },
    ] });
  });

  it('needs the name and category columns', () => {
    expect(parseRosterRows([['楼栋', '手机']])).toEqual({ ok: false, errors: [
      { line: 1, field: 'name', code: 'missing_column' },
      { line: 1, field: 'categories', code: 'missing_column' },
    ] });
    expect(parseRosterRows([])).toEqual({ ok: false, errors: [{ line: 1, field: null, code: 'empty' }] });
  });
});
