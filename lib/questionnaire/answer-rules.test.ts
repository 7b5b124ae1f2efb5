// The answer rules the phone checks with before sending (no zod there): each fault a code per question,
// the same verdict as the server's validateAnswers, which throws them as BAD_REQUEST issues.
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors';
import { checkAnswers } from './answer-rules';
import { validateAnswers } from './answers';
import { parseDefinition } from './definition';

const definition = parseDefinition({
  title: '问卷',
  sections: [{ id: 's', questions: [
    { id: 'one', kind: 'single', title: '单选', options: [{ id: 'a', label: '甲' }, { id: 'b', label: '乙' }] },
    { id: 'many', kind: 'multiple', title: '多选', maxChoices: 2, options: [{ id: 'a', label: '甲' }, { id: 'b', label: '乙' }, { id: 'c', label: '丙' }] },
    { id: 'score', kind: 'rating', title: '评分' },
    { id: 'order', kind: 'ranking', title: '排序', options: [{ id: 'x', label: '子' }, { id: 'y', label: '丑' }] },
    { id: 'note', kind: 'text', title: '意见', required: false, maxLength: 5 },
  ] }],
});

describe('checkAnswers', () => {
  it('takes a complete answer set, normalised (choices in the options’ order, text trimmed, blanks absent)', () => {
    const { answers, issues } = checkAnswers(definition, { one: 'b', many: ['c', 'a'], score: 3, order: ['y', 'x'], note: '  好  ' });
    expect(issues).toEqual([]);
    expect(answers).toEqual({ one: 'b', many: ['a', 'c'], score: 3, order: ['y', 'x'], note: '好' });
    expect(checkAnswers(definition, { one: 'a', many: ['a'], score: 1, order: ['x', 'y'], note: '   ' }).answers).not.toHaveProperty('note');
  });

  it('names each fault by question with a code the phone can put in words', () => {
    const { issues } = checkAnswers(definition, { many: ['a', 'b', 'c'], score: 6, order: ['x'], note: '太长了太长了', ghost: 'a' });
    expect(issues).toEqual([
      { questionId: 'ghost', code: 'unknown' },
      { questionId: 'one', code: 'required' },
      { questionId: 'many', code: 'count', min: 1, max: 2 },
      { questionId: 'score', code: 'rating' },
      { questionId: 'order', code: 'ranking' },
      { questionId: 'note', code: 'tooLong', max: 5 },
    ]);
  });

  it('gives the same verdict as the server', () => {
    let thrown: unknown;
    try {
      validateAnswers(definition, { one: 'z', many: ['a'], score: 2, order: ['x', 'y'] });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).details!.issues).toEqual([{ path: 'answers.one', message: 'Choose among the options, each once', code: 'choice' }]);
    expect(checkAnswers(definition, { one: 'z', many: ['a'], score: 2, order: ['x', 'y'] }).issues).toEqual([{ questionId: 'one', code: 'choice' }]);
  });
});
