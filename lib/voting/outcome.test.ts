import { describe, expect, it } from 'vitest';
import { computeOutcome, decisionSentence, majorityPresets, MOTION_OPTIONS, outcomeSentence, type MajorityRule, type OutcomeInput, type OutcomeMessageKey, type Tally } from './outcome';
import { t as translate } from '../i18n/locale';

const motionOptions = [...MOTION_OPTIONS];

function motion(rule: MajorityRule, tally: Tally, extra: Partial<OutcomeInput> = {}) {
  const ballots = (tally.yes ?? 0) + (tally.no ?? 0) + (tally.abstain ?? 0);
  return computeOutcome({ kind: 'motion', options: motionOptions, rule, tally, ballots, present: ballots, members: ballots, ...extra });
}

const simple = majorityPresets.simple_majority; // votes_cast, > 1/2, abstentions excluded
const votesCastCounted: MajorityRule = { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'counted' };
const votesCastTwoThirds: MajorityRule = { basis: 'votes_cast', threshold: 'two_thirds', abstentions: 'excluded' };

describe('motion, votes cast', () => {
  it('abstentions excluded: 5 yes / 4 no / 10 abstain passes over 9 votes', () => {
    expect(motion(simple, { yes: 5, no: 4, abstain: 10 })).toEqual({
      result: 'passed', support: 5, denominator: 9, required: 5, winners: ['yes'],
    });
  });

  it('abstentions counted: the same ballots fail, because 5 of 19 is not more than half', () => {
    expect(motion(votesCastCounted, { yes: 5, no: 4, abstain: 10 })).toEqual({
      result: 'failed', support: 5, denominator: 19, required: 10, winners: [],
    });
  });

  it('abstentions counted: boundary at more than half of all ballots', () => {
    expect(motion(votesCastCounted, { yes: 6, no: 4, abstain: 2 }).result).toBe('failed'); // 6 of 12
    expect(motion(votesCastCounted, { yes: 7, no: 3, abstain: 2 }).result).toBe('passed'); // 7 of 12
  });

  it('a bare majority of one passes, exactly half fails', () => {
    expect(motion(simple, { yes: 2, no: 1, abstain: 0 }).result).toBe('passed');
    expect(motion(simple, { yes: 1, no: 1, abstain: 0 }).result).toBe('failed');
  });

  it('everyone abstaining (no yes, no no) does not pass', () => {
    const o = motion(simple, { yes: 0, no: 0, abstain: 3 });
    expect(o.result).toBe('failed');
    expect(o.winners).toEqual([]);
    expect(o.denominator).toBe(0);
  });
});

describe('motion, ties', () => {
  it.each([
    ['votes cast, abstentions excluded', simple, { yes: 4, no: 4, abstain: 1 }],
    ['votes cast, abstentions counted', votesCastCounted, { yes: 3, no: 3, abstain: 1 }],
    ['two thirds', votesCastTwoThirds, { yes: 5, no: 5, abstain: 0 }],
    ['present', majorityPresets.half_of_present, { yes: 5, no: 5, abstain: 0 }],
  ] as const)('yes == no fails with reason tie (%s)', (_label, rule, tally) => {
    const o = motion(rule, { ...tally });
    expect(o.result).toBe('failed');
    expect(o.reason).toBe('tie');
    expect(o.winners).toEqual([]);
  });

  it('a plain failure carries no reason', () => {
    expect(motion(simple, { yes: 3, no: 5, abstain: 0 })).not.toHaveProperty('reason');
    expect(motion(simple, { yes: 5, no: 3, abstain: 0 })).not.toHaveProperty('reason');
  });
});

describe('motion, present and all members', () => {
  it('present: yes must be more than half of those present, whatever the others did', () => {
    const rule = majorityPresets.half_of_present;
    // 20 present, 10 yes, 2 no, 8 did not vote: 10 is not more than 10.
    expect(motion(rule, { yes: 10, no: 2, abstain: 0 }, { present: 20, members: 25 })).toEqual({
      result: 'failed', support: 10, denominator: 20, required: 11, winners: [],
    });
    expect(motion(rule, { yes: 11, no: 2, abstain: 0 }, { present: 20, members: 25 }).result).toBe('passed');
  });

  it('all members: measured against the whole roster, not those present', () => {
    const rule: MajorityRule = { basis: 'all_members', threshold: 'more_than_half', abstentions: 'counted' };
    expect(motion(rule, { yes: 12, no: 0, abstain: 0 }, { present: 14, members: 25 })).toMatchObject({ result: 'failed', denominator: 25, required: 13 });
    expect(motion(rule, { yes: 13, no: 0, abstain: 0 }, { present: 14, members: 25 })).toMatchObject({ result: 'passed', denominator: 25 });
  });
});

describe('motion, two thirds', () => {
  it('exactly two thirds of those present passes; one fewer fails', () => {
    const rule = majorityPresets.two_thirds_of_present;
    expect(motion(rule, { yes: 6, no: 3, abstain: 0 }, { present: 9 })).toMatchObject({ result: 'passed', required: 6, denominator: 9 });
    expect(motion(rule, { yes: 5, no: 3, abstain: 1 }, { present: 9 })).toMatchObject({ result: 'failed', required: 6 });
  });

  it('two thirds of 25 members needs 17', () => {
    const rule = majorityPresets.two_thirds_of_members;
    expect(motion(rule, { yes: 16, no: 0, abstain: 0 }, { present: 20, members: 25 })).toMatchObject({ result: 'failed', required: 17 });
    expect(motion(rule, { yes: 17, no: 0, abstain: 0 }, { present: 20, members: 25 })).toMatchObject({ result: 'passed', required: 17 });
  });

  it('two thirds of votes cast: 2 of 3 passes, 3 of 5 fails', () => {
    expect(motion(votesCastTwoThirds, { yes: 2, no: 1, abstain: 4 }).result).toBe('passed');
    expect(motion(votesCastTwoThirds, { yes: 3, no: 2, abstain: 0 }).result).toBe('failed');
  });
});

describe('no votes', () => {
  it.each(['motion', 'single', 'multiple'] as const)('%s with zero ballots fails with reason no_votes', (kind) => {
    const options = kind === 'motion' ? motionOptions : ['A', 'B'];
    const o = computeOutcome({ kind, options, rule: simple, tally: {}, ballots: 0, present: 10, members: 12 });
    expect(o).toMatchObject({ result: 'failed', support: 0, winners: [], reason: 'no_votes' });
  });

  it('zero ballots fails even against a basis of present', () => {
    const o = computeOutcome({ kind: 'motion', options: motionOptions, rule: majorityPresets.half_of_present, tally: { yes: 0, no: 0, abstain: 0 }, ballots: 0, present: 10, members: 10 });
    expect(o).toMatchObject({ result: 'failed', reason: 'no_votes', denominator: 10 });
  });
});

describe('single choice', () => {
  const options = ['甲方案', '乙方案', '丙方案'];
  const single = (tally: Tally, rule: MajorityRule = simple, extra: Partial<OutcomeInput> = {}) =>
    computeOutcome({ kind: 'single', options, rule, tally, ballots: Object.values(tally).reduce((a, b) => a + b, 0), present: 20, members: 25, ...extra });

  it('a clear leader with more than half of the ballots wins', () => {
    expect(single({ 甲方案: 5, 乙方案: 3, 丙方案: 1 })).toEqual({ result: 'passed', support: 5, denominator: 9, required: 5, winners: ['甲方案'] });
  });

  it('a leader without more than half does not win', () => {
    expect(single({ 甲方案: 4, 乙方案: 3, 丙方案: 2 })).toEqual({ result: 'failed', support: 4, denominator: 9, required: 5, winners: [] });
  });

  it('a tie for first place decides nothing', () => {
    expect(single({ 甲方案: 4, 乙方案: 4, 丙方案: 1 })).toMatchObject({ result: 'failed', winners: [], reason: 'tie', support: 4 });
  });

  it('a tie below first place does not matter', () => {
    expect(single({ 甲方案: 6, 乙方案: 2, 丙方案: 2 })).toMatchObject({ result: 'passed', winners: ['甲方案'] });
  });

  it('options missing from the tally count as zero', () => {
    expect(single({ 乙方案: 3 })).toMatchObject({ result: 'passed', winners: ['乙方案'], support: 3, denominator: 3 });
  });

  it('two thirds of those present', () => {
    expect(single({ 甲方案: 8, 乙方案: 1 }, majorityPresets.two_thirds_of_present, { present: 12 })).toMatchObject({ result: 'passed', required: 8 });
    expect(single({ 甲方案: 7, 乙方案: 1 }, majorityPresets.two_thirds_of_present, { present: 12 })).toMatchObject({ result: 'failed', required: 8 });
  });
});

describe('multiple choice', () => {
  const options = ['修路', '绿化', '路灯', '停车'];

  it('every option reaching more than half of the ballots wins, in option order', () => {
    // 10 ballots of up to 2 choices each.
    const o = computeOutcome({ kind: 'multiple', options, rule: simple, tally: { 修路: 6, 绿化: 8, 路灯: 5, 停车: 1 }, ballots: 10, present: 10, members: 10 });
    expect(o).toEqual({ result: 'passed', support: 8, denominator: 10, required: 6, winners: ['修路', '绿化'] });
  });

  it('the denominator is ballots, not the sum of choices', () => {
    const o = computeOutcome({ kind: 'multiple', options, rule: simple, tally: { 修路: 6, 绿化: 6, 路灯: 6, 停车: 0 }, ballots: 10, present: 10, members: 10 });
    expect(o.denominator).toBe(10);
    expect(o.winners).toEqual(['修路', '绿化', '路灯']);
  });

  it('two thirds: exactly two thirds wins, one fewer does not', () => {
    const rule: MajorityRule = { basis: 'votes_cast', threshold: 'two_thirds', abstentions: 'excluded' };
    const o = computeOutcome({ kind: 'multiple', options, rule, tally: { 修路: 6, 绿化: 5, 路灯: 0, 停车: 9 }, ballots: 9, present: 9, members: 9 });
    expect(o).toMatchObject({ result: 'passed', required: 6, winners: ['修路', '停车'] });
  });

  it('no option reaching the threshold fails', () => {
    const o = computeOutcome({ kind: 'multiple', options, rule: simple, tally: { 修路: 5, 绿化: 5, 路灯: 3, 停车: 2 }, ballots: 10, present: 10, members: 10 });
    expect(o).toMatchObject({ result: 'failed', winners: [] });
  });
});

describe('outcomeSentence: the rule in words that match the arithmetic', () => {
  const zh = (key: OutcomeMessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params);
  const en = (key: OutcomeMessageKey, params?: Record<string, string | number>) => translate('en', key, params);
  const motion = (rule: MajorityRule, tally: Record<string, number>, present = 5, members = 7) => {
    const o = computeOutcome({ kind: 'motion', options: [...MOTION_OPTIONS], rule, tally, ballots: Object.values(tally).reduce((a, b) => a + b, 0), present, members });
    return { o, zh: outcomeSentence(zh, { kind: 'motion', rule }, o), en: outcomeSentence(en, { kind: 'motion', rule }, o) };
  };

  it('2 for, 1 against, 1 abstaining passes on more than half of the 3 valid votes, and says so', () => {
    const r = motion(majorityPresets.simple_majority, { yes: 2, no: 1, abstain: 1 });
    expect(r.o.result).toBe('passed');
    expect(r.zh).toBe('赞成 2 票，超过有效票 3 票的一半（弃权不计入）');
    expect(r.en).toBe('For: 2, more than half of the 3 valid votes (abstentions not counted)');
  });

  it('2 of 4 valid votes is not more than half, and the words say not', () => {
    const r = motion(majorityPresets.simple_majority, { yes: 2, no: 2, abstain: 0 });
    expect(r.o.result).toBe('failed');
    expect(r.zh).toBe('赞成 2 票，未超过有效票 4 票的一半（弃权不计入）');
  });

  it('names members present or all members when they are the base, and counts abstentions when the rule does', () => {
    expect(motion(majorityPresets.half_of_present, { yes: 3, no: 1, abstain: 1 }).zh).toBe('赞成 3 票，超过出席 5 人的一半');
    expect(motion(majorityPresets.two_thirds_of_members, { yes: 4, no: 1, abstain: 0 }).zh).toBe('赞成 4 票，未达到应到 7 人的三分之二');
    expect(motion(majorityPresets.two_thirds_of_present, { yes: 4, no: 1, abstain: 0 }).zh).toBe('赞成 4 票，达到出席 5 人的三分之二');
    expect(motion({ basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'counted' }, { yes: 2, no: 1, abstain: 1 }).zh)
      .toBe('赞成 2 票，未超过投票 4 票的一半（弃权计入）');
  });

  it('no words about a base when nobody voted; a choice poll speaks of its leading option', () => {
    expect(motion(majorityPresets.simple_majority, {}).zh).toBe('无人投票');
    const rule = majorityPresets.simple_majority;
    const o = computeOutcome({ kind: 'single', options: ['甲', '乙'], rule, tally: { 甲: 3, 乙: 1 }, ballots: 4, present: 5, members: 5 });
    expect(outcomeSentence(zh, { kind: 'single', rule }, o)).toBe('得票最多的选项 3 票，超过投票 4 人的一半');
  });

  it('never says 基数 or 支持', () => {
    for (const rule of Object.values(majorityPresets)) {
      const { zh: words } = motion(rule, { yes: 3, no: 2, abstain: 1 });
      expect(words).not.toMatch(/基数|支持/);
    }
  });
});

describe('decisionSentence', () => {
  it('turns the motion question into what was decided', () => {
    expect(decisionSentence('是否同意3号楼、5号楼加装电梯费用按楼层分摊方案？')).toBe('同意3号楼、5号楼加装电梯费用按楼层分摊方案');
    expect(decisionSentence('是否在小区东门设置临时停车位?')).toBe('在小区东门设置临时停车位');
  });
  it('keeps a sentence entered with the motion, and a question it cannot read as it is', () => {
    expect(decisionSentence('是否同意方案？', '  同意按楼层分摊电梯费用 ')).toBe('同意按楼层分摊电梯费用');
    expect(decisionSentence('电梯费用分摊方案', '')).toBe('电梯费用分摊方案');
  });
});
