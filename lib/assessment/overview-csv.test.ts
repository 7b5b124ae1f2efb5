import { describe, expect, it } from 'vitest';
import { loadDefaultCatalogue } from '../scoring/catalogue';
import { overviewCsv } from './scores';

type Overview = Parameters<typeof overviewCsv>[0];

/** An overview with one row per community name; the catalogue is the shipped one. */
function overviewOf(names: string[]): Overview {
  const catalogue = loadDefaultCatalogue();
  const rows = names.map((name) => ({ communityId: name, name, street: '桂湖街道', streetId: 's', total: 10, grade: null, categories: {}, tiers: {}, warnings: 0, trend: [] }));
  return { year: 2026, catalogue, rows, distribution: {}, streets: [] } as unknown as Overview;
}

function cellsOf(csv: string): string[] {
  return csv.replace(/^\uFEFF/, '').split('\r\n')[1]!.split(',');
}

describe('overviewCsv', () => {
  it('neutralises a formula, also after leading spaces or a full-width space', () => {
    for (const name of ['=1+1', ' =1+1', '  +SUM(A1)', '\u3000-2', ' @cmd', '\t=1']) {
      const community = cellsOf(overviewCsv(overviewOf([name]), 'zh-CN'))[2]!;
      expect(community, JSON.stringify(name)).toBe(`"'${name}"`);
    }
  });

  it('leaves ordinary names alone and quotes commas and quotes', () => {
    expect(cellsOf(overviewCsv(overviewOf(['桂湖社区']), 'zh-CN'))[2]).toBe('桂湖社区');
    expect(overviewCsv(overviewOf(['a "b", c']), 'zh-CN')).toContain('"a ""b"", c"');
  });
});
