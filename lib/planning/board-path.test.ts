import { describe, expect, it } from 'vitest';
import { boardPath, CommunityCode } from './board-path';
import { newCommunityCode } from './community-code';

describe('community code', () => {
  it.each(['guihu', 'san-he', 'c22', 'abc', 'x'.repeat(32), 'a1b2c3'])('accepts %s', (code) => {
    expect(CommunityCode.parse(code)).toBe(code);
  });
  it('trims and lowercases what staff type', () => {
    expect(CommunityCode.parse('  GuiHu ')).toBe('guihu');
  });
  it.each(['ab', 'x'.repeat(33), '-guihu', 'guihu-', 'gui--hu', 'gui hu', 'gui_hu', 'guí', 'a/b', '桂湖', '', '3f9c1a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b'])('refuses %j', (code) => {
    expect(CommunityCode.safeParse(code).success).toBe(false);
  });
  it('a generated code is valid, 6 characters of the join-code alphabet (no 0/o/1/i/l)', () => {
    for (let i = 0; i < 200; i++) {
      const code = newCommunityCode();
      expect(CommunityCode.parse(code)).toBe(code);
      expect(code).toMatch(/^[2-9a-hjkmnp-z]{6}$/);
    }
  });
  it('the board path is the code under /c/', () => {
    expect(boardPath('guihu')).toBe('/c/guihu');
  });
});
