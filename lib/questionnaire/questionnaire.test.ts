import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors';
import { aggregate, type VersionedAnswers } from './aggregate';
import { addToBox, readBox, validateAnswers, type Answers } from './answers';
import { parseDefinition, type Definition } from './definition';
import { definitionHash } from './hash';
import { answeringWindow, QuestionnaireSettings } from './settings';
import { exportLines } from './service';

/** Small definitions with defaults: one section, the questions given. */
function definition(questions: unknown[], title = '小区停车调查'): Definition {
  return parseDefinition({ title, sections: [{ id: 's1', title: '基本情况', questions }] });
}
const single = { id: 'q1', kind: 'single', title: '您家有几辆车？', options: [{ id: 'a', label: '没有' }, { id: 'b', label: '一辆' }, { id: 'c', label: '两辆及以上' }] };
const multiple = { id: 'q2', kind: 'multiple', title: '您在哪里停车？', maxChoices: 2, options: [{ id: 'a', label: '地面' }, { id: 'b', label: '地下' }, { id: 'c', label: '路边' }] };
const rating = { id: 'q3', kind: 'rating', title: '对现在的停车秩序打分' };
const ranking = { id: 'q4', kind: 'ranking', title: '请排列改造的优先次序', options: [{ id: 'x', label: '划线' }, { id: 'y', label: '照明' }, { id: 'z', label: '充电桩' }] };
const text = { id: 'q5', kind: 'text', title: '其他建议', required: false, maxLength: 10 };
const all = definition([single, multiple, rating, ranking, text]);

function issuesOf(f: () => unknown): { path: string; message: string }[] {
  try {
    f();
  } catch (err) {
    if (err instanceof AppError && err.code === 'BAD_REQUEST') return err.details!.issues as { path: string; message: string }[];
    throw err;
  }
  throw new Error('expected BAD_REQUEST');
}

describe('questionnaire definition', () => {
  it('accepts the five kinds with their defaults and gives ids to items without one', () => {
    expect(all.sections[0]!.questions.map((q) => q.kind)).toEqual(['single', 'multiple', 'rating', 'ranking', 'text']);
    expect(all.sections[0]!.questions[0]).toMatchObject({ required: true, help: '' });
    const fresh = parseDefinition({ title: '问卷', sections: [{ questions: [{ kind: 'single', title: '问题', options: [{ label: '是' }, { label: '否' }] }] }] });
    const q = fresh.sections[0]!.questions[0]!;
    expect(q.id).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect('options' in q && q.options.map((o) => o.id)).toEqual([expect.stringMatching(/^[A-Za-z0-9_-]{8}$/), expect.stringMatching(/^[A-Za-z0-9_-]{8}$/)]);
    // Saved again, it keeps its ids (and so its hash).
    expect(definitionHash(parseDefinition(fresh))).toBe(definitionHash(fresh));
  });

  it('names every fault by its path', () => {
    const shape = issuesOf(() => parseDefinition({
      title: '',
      sections: [{ questions: [
        { id: 'q1', kind: 'single', title: '没有选项', options: [] },
        { kind: 'ranking', title: '一个不能排', options: [{ label: '甲' }] },
        { kind: 'text', title: '太长', maxLength: 100000 },
        { kind: 'essay', title: '未知题型' },
      ] }],
    }));
    expect(shape.map((i) => i.path)).toEqual(['title', 'sections.0.questions.0.options', 'sections.0.questions.1.options', 'sections.0.questions.2.maxLength', 'sections.0.questions.3.kind']);
    // The rules across fields are checked once each question has its shape.
    const rules = issuesOf(() => parseDefinition({
      title: '问卷',
      sections: [{ questions: [
        { id: 'q1', kind: 'single', title: '甲', options: [{ label: '是' }] },
        { id: 'q1', kind: 'single', title: '重复', options: [{ label: '是' }, { label: '是' }] },
        { kind: 'multiple', title: '多选', minChoices: 3, maxChoices: 2, options: [{ label: '甲' }, { label: '乙' }] },
        { kind: 'multiple', title: '必答却可不选', minChoices: 0, options: [{ label: '甲' }] },
      ] }],
    }));
    expect(rules.map((i) => i.path)).toEqual(['sections.0.questions.1.id', 'sections.0.questions.1.options.1.label', 'sections.0.questions.2.minChoices', 'sections.0.questions.3.minChoices']);
    expect(issuesOf(() => parseDefinition({ title: '空', sections: [] })).map((i) => i.path)).toEqual(['sections']);
  });

  it('limits the number of questions in all', () => {
    const section = (n: number) => ({ questions: Array.from({ length: 50 }, (_, i) => ({ id: `s${n}q${i}`, kind: 'rating', title: `第${i}题` })) });
    expect(issuesOf(() => parseDefinition({ title: '太长的问卷', sections: [section(1), section(2), section(3)] })).map((i) => i.path)).toEqual(['sections']);
  });
});

describe('answers', () => {
  const good = { q1: 'b', q2: ['c', 'a'], q3: 4, q4: ['y', 'x', 'z'], q5: '  多装灯 ' };

  it('are normalised: choices in the options’ order, text trimmed; an optional question may be left out', () => {
    expect(validateAnswers(all, good)).toEqual({ q1: 'b', q2: ['a', 'c'], q3: 4, q4: ['y', 'x', 'z'], q5: '多装灯' });
    const { q5: _skip, ...noText } = good;
    expect(validateAnswers(all, noText)).not.toHaveProperty('q5');
    expect(validateAnswers(all, { ...good, q5: '' })).not.toHaveProperty('q5');
  });

  it('are refused question by question when they do not fit the version', () => {
    const issues = issuesOf(() => validateAnswers(all, { q1: 'zzz', q2: ['a', 'b', 'c'], q3: 6, q4: ['x', 'y'], q5: '一二三四五六七八九十十一', q9: 'x' }));
    expect(issues.map((i) => i.path).sort()).toEqual(['answers.q1', 'answers.q2', 'answers.q3', 'answers.q4', 'answers.q5', 'answers.q9']);
    expect(issuesOf(() => validateAnswers(all, {})).map((i) => i.path)).toEqual(['answers.q1', 'answers.q2', 'answers.q3', 'answers.q4']);
    expect(issuesOf(() => validateAnswers(all, { ...good, q4: ['x', 'x', 'y'] })).map((i) => i.path)).toEqual(['answers.q4']);
    expect(issuesOf(() => validateAnswers(all, { ...good, q3: 3.5 })).map((i) => i.path)).toEqual(['answers.q3']);
  });

  it('answers to another version of the questionnaire do not pass for this one', () => {
    const v2 = definition([{ ...single, options: [...single.options.slice(0, 2), { id: 'd', label: '三辆' }] }]);
    expect(validateAnswers(v2, { q1: 'd' })).toEqual({ q1: 'd' });
    expect(issuesOf(() => validateAnswers(all, { ...good, q1: 'd' })).map((i) => i.path)).toEqual(['answers.q1']);
  });
});

describe('anonymous answer box', () => {
  it('holds only the answer sets, sorted: no phone, no time, nothing in the answering order', () => {
    const answers: Answers[] = [{ q1: 'c', q3: 1 }, { q1: 'a', q3: 5 }, { q1: 'b', q3: 3 }];
    const box = answers.reduce<string[]>((b, a) => addToBox(b, a), []);
    const reversed = [...answers].reverse().reduce<string[]>((b, a) => addToBox(b, a), []);
    // Any answering order stores the same bytes.
    expect(JSON.stringify(box)).toBe(JSON.stringify(reversed));
    expect(box).toEqual([...box].sort());
    expect(readBox(JSON.stringify(box))).toEqual([{ q1: 'a', q3: 5 }, { q1: 'b', q3: 3 }, { q1: 'c', q3: 1 }]);
    expect(JSON.stringify(box)).not.toMatch(/phone|hash|\d{4}-\d{2}-\d{2}|at"/i);
  });
});

describe('aggregation', () => {
  const responses: VersionedAnswers[] = [
    { version: 1, answers: { q1: 'a', q2: ['a'], q3: 5, q4: ['x', 'y', 'z'], q5: '乙' } },
    { version: 1, answers: { q1: 'b', q2: ['a', 'b'], q3: 4, q4: ['y', 'x', 'z'] } },
    { version: 1, answers: { q1: 'b', q2: ['c'], q3: 4, q4: ['x', 'z', 'y'], q5: '甲' } },
  ];

  it('counts options, rating distribution and mean, ranking by Borda points and mean rank, text sorted', () => {
    const [q1, q2, q3, q4, q5] = aggregate([{ version: 1, definition: all }], responses);
    expect(q1).toMatchObject({ kind: 'single', respondents: 3, answered: 3, options: [{ id: 'a', count: 1 }, { id: 'b', count: 2 }, { id: 'c', count: 0 }] });
    expect(q2).toMatchObject({ kind: 'multiple', options: [{ id: 'a', count: 2 }, { id: 'b', count: 1 }, { id: 'c', count: 1 }] });
    expect(q3).toMatchObject({ kind: 'rating', distribution: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 1 }, mean: 4.33 });
    // x: places 1,2,1 → 2+1+2 = 5 points, mean 1.33; y: 2,1,3 → 1+2+0 = 3, mean 2; z: 3,3,2 → 0+0+1 = 1, mean 2.67
    expect(q4).toMatchObject({
      kind: 'ranking',
      options: [{ id: 'x', borda: 5, meanRank: 1.33, places: [2, 1, 0] }, { id: 'y', borda: 3, meanRank: 2, places: [1, 1, 1] }, { id: 'z', borda: 1, meanRank: 2.67, places: [0, 1, 2] }],
    });
    expect(q5).toMatchObject({ kind: 'text', answered: 2, answers: ['乙', '甲'].sort() });
  });

  it('ties in the ranking keep the options’ order; nobody answering gives null means', () => {
    const [, , q3, q4] = aggregate([{ version: 1, definition: all }], [
      { version: 1, answers: { q4: ['x', 'y', 'z'] } }, { version: 1, answers: { q4: ['z', 'y', 'x'] } },
    ]);
    expect(q3).toMatchObject({ mean: null, answered: 0, respondents: 2 });
    expect((q4 as { options: { id: string }[] }).options.map((o) => o.id)).toEqual(['x', 'y', 'z']);
  });

  it('adds an unchanged question up across versions; a changed one is a result of its own per form', () => {
    // Version 2 adds an option to q1 and leaves the rating alone.
    const v2 = definition([{ ...single, options: [...single.options, { id: 'd', label: '不方便说' }] }, rating]);
    const results = aggregate([{ version: 1, definition: all }, { version: 2, definition: v2 }], [
      ...responses, { version: 2, answers: { q1: 'd', q3: 1 } },
    ]);
    const q1s = results.filter((r) => r.questionId === 'q1');
    expect(q1s.map((r) => r.versions)).toEqual([[2], [1]]);
    expect(q1s[0]).toMatchObject({ respondents: 1, options: [{ id: 'a', count: 0 }, { id: 'b', count: 0 }, { id: 'c', count: 0 }, { id: 'd', count: 1 }] });
    expect(q1s[1]).toMatchObject({ respondents: 3, options: [{ id: 'a', count: 1 }, { id: 'b', count: 2 }, { id: 'c', count: 0 }] });
    const q3 = results.find((r) => r.questionId === 'q3')!;
    expect(q3).toMatchObject({ versions: [1, 2], respondents: 4, answered: 4, distribution: { 1: 1, 4: 2, 5: 1 }, mean: 3.5 });
    // The newest version's questions first, then the forms no longer asked.
    expect(results.map((r) => `${r.questionId}@${r.versions.join('+')}`)).toEqual(['q1@2', 'q3@1+2', 'q1@1', 'q2@1', 'q4@1', 'q5@1']);
  });
});

describe('settings', () => {
  it('default to the whole community, anonymous, open until closed; a close before the opening is refused', () => {
    expect(QuestionnaireSettings.parse({})).toEqual({ audience: { kind: 'community' }, anonymous: true, opensAt: null, closesAt: null });
    expect(QuestionnaireSettings.safeParse({ opensAt: '2026-12-10T08:00:00+08:00', closesAt: '2026-12-09T08:00:00+08:00' }).error?.issues[0]?.path).toEqual(['closesAt']);
    expect(QuestionnaireSettings.safeParse({ audience: { kind: 'categories', categories: ['martians'] } }).success).toBe(false);
    const s = QuestionnaireSettings.parse({ opensAt: '2026-12-10T08:00:00+08:00', closesAt: '2026-12-20T20:00:00+08:00' });
    expect(answeringWindow(s, new Date('2026-12-10T07:59:59+08:00'))).toBe('before');
    expect(answeringWindow(s, new Date('2026-12-10T08:00:00+08:00'))).toBe('during');
    expect(answeringWindow(s, new Date('2026-12-20T20:00:00+08:00'))).toBe('after');
  });
});

describe('export lines', () => {
  it('one line per response under a header; labels for choices, "a > b" for a ranking; a changed question has a column per form', () => {
    const v2 = definition([{ ...single, options: [...single.options, { id: 'd', label: '不方便说' }] }, ranking]);
    const lines = exportLines([{ version: 1, definition: all }, { version: 2, definition: v2 }], [
      { version: 1, answers: { q1: 'b', q2: ['a', 'c'], q3: 4, q4: ['y', 'x', 'z'], q5: '=1+1' } },
      { version: 2, answers: { q1: 'd', q4: ['z', 'y', 'x'] } },
    ], 'zh-CN');
    expect(lines[0]).toEqual(['问卷版本', '您家有几辆车？（第2版）', '请排列改造的优先次序', '您家有几辆车？（第1版）', '您在哪里停车？', '对现在的停车秩序打分', '其他建议']);
    expect(lines[1]).toEqual(['1', '', '照明 > 划线 > 充电桩', '一辆', '地面；路边', '4', '=1+1']);
    expect(lines[2]).toEqual(['2', '不方便说', '充电桩 > 照明 > 划线', '', '', '', '']);
  });
});
