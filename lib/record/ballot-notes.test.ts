// Issue 10 in the record: 代签到 (and its undo), ballots staff entered for members without a phone, and
// paper ballots of a secret poll, built from a meeting driven through the real commands and reducer.
import { describe, expect, it } from 'vitest';
import { facilitator, MeetingSession, member, itemIdOf, seatIdOf } from '../../tests/factories/meeting';
import { COMMUNITY, CONVENER, RECORDER } from '../../tests/factories/record';
import { t } from '../i18n/locale';
import { majorityPresets } from '../voting/outcome';
import { pollBallotNotes, proxyCheckInNote, undoneCheckInLines } from './ballot-notes';
import { buildRecord } from './build';
import { canonicalJson } from './canonical';
import { commitmentOf, commitmentsOf } from './disclosure';
import { MeetingRecord } from './format';
import { commitValue, nodeCrypto, sha256Hex } from './node-crypto';
import { readableRecord } from './readable';

const zh = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t('zh-CN', key, params);
const staffMember = { ...facilitator, label: '王书记' };

function meetingWithStaffBallots() {
  const m = new MeetingSession({ seats: 6, checkedIn: 0, currentItem: 1 });
  for (const n of [1, 2]) m.run('attendance.checkInSelf', {}, member(n));
  for (const n of [3, 4, 5, 6]) m.run('attendance.checkIn', { seatId: seatIdOf(n) }, staffMember);
  m.run('attendance.undoCheckIn', { seatId: seatIdOf(6), reason: '误签，本人未到场' }, staffMember);

  const named = m.createPoll({ question: '是否同意加装电梯？', kind: 'motion', rule: majorityPresets.simple_majority });
  m.run('poll.open', { pollId: named });
  m.run('poll.vote', { pollId: named, choices: ['yes'], idempotencyKey: 'key-named-1' }, member(1));
  for (const n of [3, 4]) m.run('poll.voteFor', { pollId: named, seatId: seatIdOf(n), choices: ['yes'], idempotencyKey: `key-named-${n}` }, staffMember);
  m.run('poll.close', { pollId: named });

  const secret = m.createPoll({ question: '推选监督员', kind: 'single', options: ['张秀英', '王建国'], secret: true, rule: majorityPresets.simple_majority });
  m.run('poll.open', { pollId: secret });
  m.run('poll.vote', { pollId: secret, choices: ['王建国'], idempotencyKey: 'key-secret-1' }, member(1));
  m.run('poll.paperCount', { pollId: secret, ballots: 3, counts: { 张秀英: 2, 王建国: 1 }, tellers: ['赵计票', '钱监票'] }, staffMember);
  m.run('poll.close', { pollId: secret });
  m.run('meeting.close', { decisions: [{ kind: 'item', id: itemIdOf(1), action: 'finish' }, { kind: 'item', id: itemIdOf(2), action: 'defer' }] });

  const namedBallots = new Map([[named, new Map([[seatIdOf(1), ['yes']], [seatIdOf(3), ['yes']], [seatIdOf(4), ['yes']]])]]);
  return buildRecord({
    recordId: 'record-10', state: m.state, community: COMMUNITY, announcedAt: null, signers: [CONVENER, RECORDER], namedBallots,
    minutes: { html: '<p>纪要</p>', markdown: '纪要', yjsStateSha256: sha256Hex('minutes') },
    eventLog: { events: m.log.length, lastSeq: m.log.at(-1)!.seq, sha256: sha256Hex(canonicalJson(m.log)) },
    chain: { communityId: COMMUNITY.id, seq: 1, previousRecordHash: null }, frozenAt: m.state.closedAt!, commit: commitValue,
  });
}

describe('the record of staff check-ins, staff-entered and paper ballots', () => {
  const { record, disclosures } = meetingWithStaffBallots();

  it('records who checked each member in on their behalf, and the withdrawn one with a committed reason', () => {
    expect(MeetingRecord.parse(JSON.parse(canonicalJson(record)))).toEqual(record);
    expect(record.attendance.filter((a) => a.checkedInBy).map((a) => a.seatId).sort()).toEqual([3, 4, 5].map(seatIdOf));
    expect(record.attendance.find((a) => a.seatId === seatIdOf(1))).not.toHaveProperty('checkedInBy');
    expect(record.undoneCheckIns).toEqual([{ seatId: seatIdOf(6), by: '王书记', at: expect.any(String), reasonCommitment: expect.any(String) }]);
  });

  it('marks staff-entered named ballots and keeps paper counts aggregate, tellers committed', () => {
    const [named, secret] = record.polls;
    expect(named!.votes!.filter((v) => v.staffEntered).map((v) => v.seatId).sort()).toEqual([seatIdOf(3), seatIdOf(4)]);
    expect(named!.paper).toBeUndefined();
    expect(secret).toMatchObject({ voted: 4, tally: { 张秀英: 2, 王建国: 2 }, votes: null, paper: { ballots: 3 } });
    expect(secret!.paper).not.toHaveProperty('counts');
    const text = canonicalJson(record);
    for (const secretText of ['赵计票', '钱监票', '误签，本人未到场']) expect(text).not.toContain(secretText);
    expect(commitmentsOf(record).has(secret!.paper!.tellerCommitments[0]!)).toBe(true);
  });

  it('reads as 其中代签到, 工作人员代录 and 其中纸质票 for staff; the public sees no tellers\' names or reason', async () => {
    const opened = new Map<string, string>();
    for (const d of disclosures) opened.set(await commitmentOf(nodeCrypto, d), d[1]);
    const staffView = readableRecord(record, opened, (n) => `成员 ${n}`);
    expect(proxyCheckInNote(zh, staffView)).toBe('其中代签到 3 人');
    expect(pollBallotNotes(zh, 'zh-CN', staffView.polls[0]!)).toEqual(['工作人员代录 2 票']);
    expect(pollBallotNotes(zh, 'zh-CN', staffView.polls[1]!)).toEqual(['其中纸质票 3 张（计票人：赵计票、钱监票）']);
    expect(undoneCheckInLines(zh, () => '09:00', staffView)).toEqual([`撤销代签到：居民6（王书记，09:00，原因：误签，本人未到场）`]);

    const publicView = readableRecord(record, null, (n) => `成员 ${n}`);
    expect(pollBallotNotes(zh, 'zh-CN', publicView.polls[1]!)).toEqual(['其中纸质票 3 张（计票人 2 名）']);
    expect(undoneCheckInLines(zh, () => '09:00', publicView)[0]).toContain('原因：仅工作人员可见');
  });
});
