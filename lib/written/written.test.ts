import { describe, expect, it } from 'vitest';
import { newToken } from '../platform/tokens';
import { replyProblem } from './answers';
import { ReplyInput } from './inputs';
import { LINK_READABLE_DAYS, linkPhase, TOKEN_SHAPE } from './links';
import { reminderDue } from './reminders';

const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;

describe('an answer', () => {
  it('needs text for 修改意见 and 不同意, not for 同意; within the limit; one of the three', () => {
    expect(replyProblem('agree', '')).toBeNull();
    expect(replyProblem('agree', '同意，另建议加雨棚')).toBeNull();
    expect(replyProblem('amend', '   ')).toBe('text_required');
    expect(replyProblem('disagree', '')).toBe('text_required');
    expect(replyProblem('disagree', '消防通道')).toBeNull();
    expect(replyProblem('amend', 'x'.repeat(4001))).toBe('text_too_long');
    expect(replyProblem('abstain', '')).toBe('unknown_answer');
  });

  it('the server’s schema applies the same rule, at the text field', () => {
    expect(ReplyInput.safeParse({ answer: 'amend', text: '' }).error?.issues[0]).toMatchObject({ path: ['text'], message: 'text_required' });
    expect(ReplyInput.parse({ answer: 'agree' })).toEqual({ answer: 'agree', text: '', fileId: null });
    expect(ReplyInput.safeParse({ answer: 'agree', text: '', extra: 1 }).success).toBe(false);
  });
});

describe('a personal link', () => {
  it('is 256 random bits in the shape the routes accept; anything else is no link', () => {
    const t = newToken();
    expect(TOKEN_SHAPE.test(t)).toBe(true);
    expect(t).not.toBe(newToken());
    expect(TOKEN_SHAPE.test(t.slice(1))).toBe(false);
    expect(TOKEN_SHAPE.test(`${t.slice(1)}/`)).toBe(false);
  });

  it('answers until the deadline or the close, then reads for 30 days after the later, then has expired', () => {
    const deadline = at('2026-12-10T00:00:00Z');
    const sent = { status: 'sent', deadline };
    expect(linkPhase(at('2026-12-09T23:59:59Z'), sent)).toBe('answering');
    expect(linkPhase(deadline, sent)).toBe('readonly');
    expect(linkPhase(new Date(deadline.getTime() + LINK_READABLE_DAYS * DAY - 1), sent)).toBe('readonly');
    expect(linkPhase(new Date(deadline.getTime() + LINK_READABLE_DAYS * DAY), sent)).toBe('expired');
    // Closed early: read-only at once; closed after the deadline: read for 30 days after the close.
    expect(linkPhase(at('2026-12-05T00:00:00Z'), { status: 'closed', deadline, closedAt: at('2026-12-04T00:00:00Z') })).toBe('readonly');
    expect(linkPhase(at('2027-01-12T00:00:00Z'), { status: 'closed', deadline, closedAt: at('2026-12-20T00:00:00Z') })).toBe('readonly');
    // A draft's link (written before a refused send) never answers.
    expect(linkPhase(at('2026-12-05T00:00:00Z'), { status: 'draft', deadline })).toBe('expired');
  });
});

describe('a reminder', () => {
  const c = { sentAt: at('2026-12-01T00:00:00Z'), deadline: at('2026-12-08T00:00:00Z'), answering: true };
  const silent = { answered: false, remindedAt: null };
  it('is due a day after sending or after the last reminder, and again when the deadline is a day away', () => {
    expect(reminderDue(at('2026-12-01T12:00:00Z'), c, silent)).toBe(false);
    expect(reminderDue(at('2026-12-02T00:00:00Z'), c, silent)).toBe(true);
    expect(reminderDue(at('2026-12-03T00:00:00Z'), c, { answered: false, remindedAt: at('2026-12-02T12:00:00Z') })).toBe(false);
    expect(reminderDue(at('2026-12-03T12:00:00Z'), c, { answered: false, remindedAt: at('2026-12-02T12:00:00Z') })).toBe(true);
    // Reminded 2 hours before the last day began: due again once the deadline is a day away.
    expect(reminderDue(at('2026-12-07T01:00:00Z'), c, { answered: false, remindedAt: at('2026-12-06T22:00:00Z') })).toBe(true);
    expect(reminderDue(at('2026-12-07T01:00:00Z'), c, { answered: false, remindedAt: at('2026-12-07T00:30:00Z') })).toBe(false);
  });
  it('is never due for someone who answered, after the deadline, or once closed', () => {
    expect(reminderDue(at('2026-12-05T00:00:00Z'), c, { answered: true, remindedAt: null })).toBe(false);
    expect(reminderDue(at('2026-12-08T00:00:00Z'), c, silent)).toBe(false);
    expect(reminderDue(at('2026-12-05T00:00:00Z'), { ...c, answering: false }, silent)).toBe(false);
  });
});
