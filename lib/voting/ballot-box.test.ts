import { describe, expect, it } from 'vitest';
import { addBallot, boxTally, emptyBox, parseBox, serialiseBox, type BallotBox } from './ballot-box';

const OPTIONS = ['甲', '乙', '丙'];
const fill = (ballots: string[][]) => ballots.reduce<BallotBox>((box, b) => addBallot(box, OPTIONS, b), emptyBox);

describe('ballot box', () => {
  it('stores the same bytes whatever order the ballots arrived in', () => {
    const ballots = [['甲'], ['乙', '甲'], ['丙'], ['甲', '乙'], ['甲']];
    const stored = serialiseBox(fill(ballots));
    expect(serialiseBox(fill([...ballots].reverse()))).toEqual(stored);
    expect(serialiseBox(fill([ballots[2]!, ballots[0]!, ballots[4]!, ballots[3]!, ballots[1]!]))).toEqual(stored);
    expect(stored.ballots).toBe(5);
  });

  it('counts a ballot once and each option it names once', () => {
    const box = fill([['甲'], ['乙', '甲'], ['丙'], ['甲', '乙']]);
    expect(box.ballots).toBe(4);
    expect(boxTally(box, OPTIONS)).toEqual({ 甲: 3, 乙: 2, 丙: 1 });
    expect(boxTally(emptyBox, OPTIONS)).toEqual({ 甲: 0, 乙: 0, 丙: 0 });
  });

  it('reads back what it stored, merging equal ballots stored in another choice order', () => {
    const box = fill([['乙', '甲'], ['丙']]);
    expect(boxTally(parseBox(serialiseBox(box), OPTIONS), OPTIONS)).toEqual(boxTally(box, OPTIONS));
    const legacy = parseBox({ ballots: 3, contents: JSON.stringify([[['乙', '甲'], 1], [['甲', '乙'], 2]]) }, OPTIONS);
    expect([...legacy.contents]).toEqual([[JSON.stringify(['甲', '乙']), 3]]);
  });

  it('refuses stored contents that are not a ballot list', () => {
    expect(() => parseBox({ ballots: 1, contents: '{"甲":1}' }, OPTIONS)).toThrow();
  });
});
