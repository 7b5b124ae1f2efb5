import { describe, expect, it } from 'vitest';
import { MeetingSession, timeOf } from '../../tests/factories/meeting';
import { AppError } from '../platform/errors';
import { noticeLead } from './notice-lead';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
  return 'no error';
};
const at = (iso: string) => new Date(iso);

describe('notice lead time', () => {
  it('counts Shanghai calendar days: a hearing announced on 1 Dec late at night may start on 8 Dec, not 7 Dec', () => {
    const announced = at('2026-12-01T15:30:00Z'); // 23:30 on 1 Dec in Shanghai
    expect(noticeLead(7, announced, at('2026-12-07T08:00:00Z'))).toEqual({ requiredDays: 7, announcedDaysAgo: 6, met: false });
    expect(noticeLead(7, announced, at('2026-12-07T16:30:00Z'))).toEqual({ requiredDays: 7, announcedDaysAgo: 7, met: true });
  });

  it('an unannounced meeting misses any lead time; a meeting without one may start unannounced', () => {
    expect(noticeLead(3, null, at('2026-12-07T08:00:00Z')).met).toBe(false);
    expect(noticeLead(0, null, at('2026-12-07T08:00:00Z'))).toEqual({ requiredDays: 0, announcedDaysAgo: null, met: true });
  });
});

describe('before the sitting', () => {
  // The factory stamps event n at 2025-03-01 09:00 Shanghai + n minutes.
  const draft = (noticeLeadDays = 7) => new MeetingSession({ status: 'draft', checkedIn: 0, noticeLeadDays });

  it('a hearing may not start before its notice has been up 7 days, unless a reason is given, which the log keeps', () => {
    const m = draft();
    m.run('meeting.announce', { text: '定于3月8日举行听证会' });
    m.now = at('2025-03-05T02:00:00Z');
    expect(codeOf(() => m.decide('meeting.start', {}))).toBe('NOTICE_LEAD_NOT_MET');
    const [e] = m.run('meeting.start', { overrideReason: '汛期抢修，须立即决定' });
    expect(e).toMatchObject({ type: 'meeting.statusChanged', data: { status: 'live', reason: '汛期抢修，须立即决定' } });
    expect(m.state.statusReason).toBe('汛期抢修，须立即决定');
  });

  it('once the lead time has passed it starts without a reason, and no reason is recorded', () => {
    const m = draft();
    m.run('meeting.announce', { text: '公告' });
    m.now = at('2025-03-08T01:00:00Z');
    const [e] = m.run('meeting.start', { overrideReason: '不需要' });
    expect(e!.data).toEqual({ status: 'live' });
  });

  it('an unannounced meeting with a lead time cannot start without a reason; one without a lead time can', () => {
    expect(codeOf(() => draft(7).decide('meeting.start', {}))).toBe('NOTICE_LEAD_NOT_MET');
    expect(draft(0).decide('meeting.start', {}).events[0]!.data).toEqual({ status: 'live' });
  });

  it('a meeting with no agenda item cannot start', () => {
    const m = new MeetingSession({ status: 'draft', agenda: [], noticeLeadDays: 0 });
    expect(codeOf(() => m.decide('meeting.start', {}))).toBe('INVALID_STATE');
  });

  it('rescheduling an announced meeting publishes a revision with the reason; ending before the start is refused', () => {
    const m = draft();
    m.run('meeting.announce', { text: '公告' });
    m.run('meeting.reschedule', { scheduledAt: '2025-03-10T01:00:00Z', endsAt: '2025-03-10T03:00:00Z', reason: '会议室检修' });
    expect(m.state.scheduledAt).toBe('2025-03-10T01:00:00.000Z');
    expect(m.state.endsAt).toBe('2025-03-10T03:00:00.000Z');
    expect(m.state.notices.map((n) => [n.kind, n.text])).toEqual([['notice', '公告'], ['revision', '会议室检修']]);
    expect(codeOf(() => m.decide('meeting.reschedule', { scheduledAt: '2025-03-10T03:00:00Z', endsAt: '2025-03-10T01:00:00Z', reason: '改期' }))).toBe('BAD_REQUEST');
  });

  it('a revision does not restart the lead-time clock', () => {
    const m = draft(3);
    m.run('meeting.announce', { text: '公告' }); // 1 March
    m.now = at('2025-03-04T02:00:00Z');
    m.run('meeting.announce', { text: '补充说明' });
    expect(m.decide('meeting.start', {}).events[0]!.data).toEqual({ status: 'live' });
  });

  it('cancelling keeps the notices, adds the cancellation, and nothing can be done with the meeting after', () => {
    const m = draft();
    m.run('meeting.announce', { text: '公告' });
    m.run('meeting.cancel', { reason: '议题已由业委会解决' });
    expect(m.state.status).toBe('cancelled');
    expect(m.state.notices.map((n) => n.kind)).toEqual(['notice', 'cancellation']);
    for (const [name, input] of [['meeting.start', { overrideReason: '理由足够长' }], ['agenda.add', { title: '新议题' }], ['meeting.announce', { text: '再公告' }]] as const) {
      expect(codeOf(() => m.decide(name, input as never))).toBe('INVALID_STATE');
    }
  });

  it('title, venue and agenda items can be edited or removed until the meeting starts, then not', () => {
    const m = draft(0);
    m.run('meeting.edit', { venue: '二楼会议室' });
    const first = m.state.agenda[0]!.id;
    m.run('agenda.edit', { itemId: first, title: '加装电梯费用分摊' });
    m.run('agenda.remove', { itemId: m.state.agenda[1]!.id });
    expect(m.state.venue).toBe('二楼会议室');
    expect(m.state.agenda.map((a) => a.title)).toEqual(['加装电梯费用分摊']);
    m.run('meeting.start', {});
    expect(codeOf(() => m.decide('meeting.edit', { title: '改名' }))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('agenda.edit', { itemId: first, title: '改名' }))).toBe('INVALID_STATE');
    expect(codeOf(() => m.decide('meeting.reschedule', { scheduledAt: timeOf(100), reason: '改期' }))).toBe('INVALID_STATE');
  });
});
