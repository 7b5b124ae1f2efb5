import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { majorityPresets } from '../voting/outcome';
import { itemIdOf, MeetingSession, member } from '../../tests/factories/meeting';
import { expectedFacts } from './expected-facts';
import { minutesHTML, minutesJSON, minutesMarkdown } from './export';
import { factId, factLines, parseFactAttr } from './facts';
import { factsInPlace, reconcileFacts } from './reconcile';
import { MINUTES_FIELD } from './schema';
import { eventsWithoutFacts } from './writer';

const motion = { question: '是否同意加装电梯？', kind: 'motion', rule: majorityPresets.simple_majority } as const;

/** A live meeting (5 seats, 4 in the hall) where item 1 had a speaker and a motion passed 3–1. */
function heldMeeting() {
  const m = new MeetingSession({ seats: 5, checkedIn: 4, currentItem: 1 });
  const [req] = m.run('speaker.request', { stance: 'support' }, member(2));
  m.run('speaker.grant', { id: (req!.data as { id: string }).id });
  m.run('speaker.end', { id: (req!.data as { id: string }).id });
  const pollId = m.createPoll(motion);
  m.run('poll.open', { pollId });
  for (const [n, c] of [[1, 'yes'], [2, 'yes'], [3, 'no'], [4, 'yes']] as const) m.run('poll.vote', { pollId, choices: [c], idempotencyKey: `key-0000${n}` }, member(n));
  m.run('poll.close', { pollId });
  return { m, pollId };
}

function topLevel(doc: Y.Doc): { name: string; factId?: string; text?: string }[] {
  return doc.getXmlFragment(MINUTES_FIELD).toArray().map((n) => {
    const el = n as Y.XmlElement;
    return { name: el.nodeName, ...(el.nodeName === 'factBlock' ? { factId: String(el.getAttribute('factId')) } : { text: el.toString() }) };
  });
}

function paragraph(text: string) {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  t.insert(0, text);
  p.insert(0, [t]);
  return p;
}

describe('expected facts', () => {
  it('hold the header, attendance, a section per item, the speakers and the poll with its tally and outcome', () => {
    const { m, pollId } = heldMeeting();
    const facts = expectedFacts(m.state, ['李记录']);
    expect(facts.map((f) => factId(f.fact))).toEqual(['header', 'attendance', `item:${itemIdOf(1)}`, `speakers:${itemIdOf(1)}`, `poll:${pollId}`, `item:${itemIdOf(2)}`]);
    const attendance = facts[1]!.fact;
    expect(attendance).toMatchObject({ kind: 'attendance', members: 5, hall: 4, remote: 0, required: 3, met: true });
    const poll = facts.find((f) => f.fact.kind === 'poll')!;
    expect(poll.section).toBe(itemIdOf(1));
    expect(poll.fact).toMatchObject({ tally: { yes: 3, no: 1, abstain: 0 }, voted: 4, result: 'passed', support: 3 });
  });

  it('do not change with the events the writer skips (ballots, the message on the screen)', () => {
    for (const secret of [false, true]) {
      const m = new MeetingSession({ seats: 5, checkedIn: 5, currentItem: 1 });
      const pollId = m.createPoll({ question: '是否同意？', kind: 'motion', rule: majorityPresets.simple_majority, secret });
      m.run('poll.open', { pollId });
      const steps = [
        () => m.run('poll.vote', { pollId, choices: ['yes'], idempotencyKey: `k-${secret}-1` }, member(1)),
        () => m.run('message.show', { text: '请安静' }),
        () => m.run('message.clear', {}),
      ];
      for (const step of steps) {
        const before = expectedFacts(m.state, ['李记录']);
        const events = step();
        expect(events.every((e) => eventsWithoutFacts.has(e.type))).toBe(true);
        expect(expectedFacts(m.state, ['李记录'])).toEqual(before);
      }
    }
  });

  it('has no attendance before the meeting starts', () => {
    const m = new MeetingSession({ status: 'draft' });
    expect(expectedFacts(m.state, []).map((f) => f.fact.kind)).toEqual(['header', 'item', 'item']);
  });
});

describe('reconcileFacts', () => {
  it('builds the template: facts in order, a paragraph to write in under each item', () => {
    const { m, pollId } = heldMeeting();
    const doc = new Y.Doc();
    expect(reconcileFacts(doc, expectedFacts(m.state, []))).toBe(true);
    expect(topLevel(doc).map((n) => n.factId ?? n.name)).toEqual([
      'header', 'attendance', `item:${itemIdOf(1)}`, 'paragraph', `speakers:${itemIdOf(1)}`, `poll:${pollId}`, `item:${itemIdOf(2)}`, 'paragraph',
    ]);
    expect(reconcileFacts(doc, expectedFacts(m.state, []))).toBe(false);
  });

  it('puts back a changed tally, re-inserts a deleted poll block and removes a forged one, keeping the recorders’ text', () => {
    const { m, pollId } = heldMeeting();
    const facts = expectedFacts(m.state, []);
    const doc = new Y.Doc();
    reconcileFacts(doc, facts);
    const fragment = doc.getXmlFragment(MINUTES_FIELD);
    fragment.insert(4, [paragraph('王建国发言支持加装电梯。')]);
    const pollIndex = topLevel(doc).findIndex((n) => n.factId === `poll:${pollId}`);
    // A recorder's client edits the figures …
    const forgedData = JSON.stringify({ ...JSON.parse(String((fragment.get(pollIndex) as Y.XmlElement).getAttribute('data'))), tally: { yes: 1, no: 3, abstain: 0 } });
    (fragment.get(pollIndex) as Y.XmlElement).setAttribute('data', forgedData);
    expect(reconcileFacts(doc, facts)).toBe(true);
    expect(parseFactAttr((fragment.get(pollIndex) as Y.XmlElement).getAttribute('data'))).toMatchObject({ tally: { yes: 3, no: 1, abstain: 0 } });
    // … deletes the poll block and forges another.
    fragment.delete(pollIndex, 1);
    const forged = new Y.XmlElement('factBlock');
    forged.setAttribute('factId', 'poll:fake');
    forged.setAttribute('data', '{}');
    fragment.insert(0, [forged]);
    expect(reconcileFacts(doc, facts)).toBe(true);
    const ids = topLevel(doc).map((n) => n.factId).filter(Boolean);
    expect(ids).not.toContain('poll:fake');
    expect(ids).toContain(`poll:${pollId}`);
    expect(topLevel(doc).some((n) => n.text?.includes('王建国发言支持加装电梯。'))).toBe(true);
  });

  it('tells without writing whether the facts are in place (the check after each keystroke)', () => {
    const { m, pollId } = heldMeeting();
    const facts = expectedFacts(m.state, []);
    const doc = new Y.Doc();
    expect(factsInPlace(doc, facts)).toBe(false);
    reconcileFacts(doc, facts);
    expect(factsInPlace(doc, facts)).toBe(true);
    doc.getXmlFragment(MINUTES_FIELD).insert(4, [paragraph('记录员的文字不影响。')]);
    expect(factsInPlace(doc, facts)).toBe(true);
    const i = topLevel(doc).findIndex((n) => n.factId === `poll:${pollId}`);
    (doc.getXmlFragment(MINUTES_FIELD).get(i) as Y.XmlElement).setAttribute('data', '{}');
    expect(factsInPlace(doc, facts)).toBe(false);
    reconcileFacts(doc, facts);
    doc.getXmlFragment(MINUTES_FIELD).delete(i, 1);
    expect(factsInPlace(doc, facts)).toBe(false);
  });

  it('writes the facts in canonical order: speakers before polls, polls in opening order, whatever happened first', () => {
    const m = new MeetingSession({ seats: 5, checkedIn: 5, currentItem: 1 });
    const doc = new Y.Doc();
    const write = () => reconcileFacts(doc, expectedFacts(m.state, []));
    write();
    // A named poll is opened first, a secret one second.
    const named = m.createPoll(motion);
    const secret = m.createPoll({ ...motion, question: '是否同意（无记名）？', secret: true });
    m.run('poll.open', { pollId: named });
    m.run('poll.vote', { pollId: named, choices: ['yes'], idempotencyKey: 'key-named01' }, member(1));
    m.run('poll.close', { pollId: named });
    write();
    m.run('poll.open', { pollId: secret });
    m.run('poll.vote', { pollId: secret, choices: ['yes'], idempotencyKey: 'key-secret1' }, member(1));
    m.run('poll.close', { pollId: secret });
    write();
    // A recorder deletes both poll blocks (three Backspaces); the server writes them back, in order.
    for (const id of [`poll:${named}`, `poll:${secret}`]) doc.getXmlFragment(MINUTES_FIELD).delete(topLevel(doc).findIndex((n) => n.factId === id), 1);
    write();
    // The speakers' list appears only now, after both polls.
    const [req] = m.run('speaker.request', { stance: 'support' }, member(2));
    m.run('speaker.grant', { id: (req!.data as { id: string }).id });
    m.run('speaker.end', { id: (req!.data as { id: string }).id });
    write();
    const canonical = ['header', 'attendance', `item:${itemIdOf(1)}`, 'paragraph', `speakers:${itemIdOf(1)}`, `poll:${named}`, `poll:${secret}`, `item:${itemIdOf(2)}`, 'paragraph'];
    expect(topLevel(doc).map((n) => n.factId ?? n.name)).toEqual(canonical);
    expect(factsInPlace(doc, expectedFacts(m.state, []))).toBe(true);
  });

  it('puts facts a client moved back in canonical order, keeping the recorders’ text where it was', () => {
    const { m, pollId } = heldMeeting();
    const facts = expectedFacts(m.state, []);
    const doc = new Y.Doc();
    reconcileFacts(doc, facts);
    const fragment = doc.getXmlFragment(MINUTES_FIELD);
    fragment.insert(4, [paragraph('王建国发言支持加装电梯。')]);
    // A client "moves" the poll above the speakers and the attendance to the end (delete + insert, as Yjs does).
    const moveTo = (id: string, to: number) => {
      const from = topLevel(doc).findIndex((n) => n.factId === id);
      const data = String((fragment.get(from) as Y.XmlElement).getAttribute('data'));
      fragment.delete(from, 1);
      const el = new Y.XmlElement('factBlock');
      el.setAttribute('factId', id);
      el.setAttribute('data', data);
      fragment.insert(to, [el]);
    };
    moveTo(`poll:${pollId}`, 3);
    moveTo('attendance', fragment.length - 1);
    expect(factsInPlace(doc, facts)).toBe(false);
    expect(reconcileFacts(doc, facts)).toBe(true);
    const after = topLevel(doc);
    expect(after.flatMap((n) => n.factId ?? [])).toEqual(['header', 'attendance', `item:${itemIdOf(1)}`, `speakers:${itemIdOf(1)}`, `poll:${pollId}`, `item:${itemIdOf(2)}`]);
    // The recorder's text is still in item 1's section.
    const text = after.findIndex((n) => n.text?.includes('王建国发言支持加装电梯。'));
    expect(text).toBeGreaterThan(after.findIndex((n) => n.factId === `item:${itemIdOf(1)}`));
    expect(text).toBeLessThan(after.findIndex((n) => n.factId === `item:${itemIdOf(2)}`));
    expect(factsInPlace(doc, facts)).toBe(true);
  });

  it('adds the section of a new agenda item before the next existing one', () => {
    const m = new MeetingSession({ status: 'draft' });
    const doc = new Y.Doc();
    reconcileFacts(doc, expectedFacts(m.state, []));
    m.run('agenda.add', { title: '临时动议' });
    reconcileFacts(doc, expectedFacts(m.state, []));
    const items = topLevel(doc).filter((n) => n.factId?.startsWith('item:'));
    expect(items).toHaveLength(3);
  });
});

describe('exports', () => {
  it('renders the facts and the recorders’ text as HTML and Markdown', () => {
    const { m } = heldMeeting();
    const doc = new Y.Doc();
    reconcileFacts(doc, expectedFacts(m.state, ['李记录']));
    doc.getXmlFragment(MINUTES_FIELD).insert(3, [paragraph('会议讨论热烈。')]);
    const json = minutesJSON(doc);
    const html = minutesHTML(json);
    expect(html).toContain('第一次居民议事会');
    expect(html).toContain('计票：赞成 3 票，反对 1 票，弃权 0 票；共 4 人投票。');
    expect(html).toContain('结果：通过');
    expect(html).toContain('会议讨论热烈。');
    const md = minutesMarkdown(json);
    expect(md).toContain('# 第一次居民议事会');
    expect(md).toContain('## 议题1：议题一：加装电梯');
    expect(md).toContain('结果：通过');
    expect(md).toContain('会议讨论热烈。');
  });

  it('escapes markup typed as text and drops script links', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(MINUTES_FIELD);
    fragment.insert(0, [paragraph('<script>alert(1)</script>')]);
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    t.insert(0, '点这里', { link: { href: 'javascript:alert(1)' } });
    p.insert(0, [t]);
    fragment.insert(1, [p]);
    const html = minutesHTML(minutesJSON(doc));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('点这里');
  });
});

describe('poll facts in plain words', () => {
  it('state the rule and outcome as the console does, the decision sentence, and paper and staff-entered ballots', () => {
    const m = new MeetingSession({ seats: 5, checkedIn: 4, currentItem: 1 });
    const pollId = m.createPoll({ question: '是否同意3号楼加装电梯费用按楼层分摊方案？', kind: 'motion', rule: majorityPresets.simple_majority });
    m.run('poll.open', { pollId });
    m.run('poll.vote', { pollId, choices: ['yes'], idempotencyKey: 'plain-key-1' }, member(1));
    m.run('poll.vote', { pollId, choices: ['yes'], idempotencyKey: 'plain-key-2' }, member(2));
    m.run('poll.vote', { pollId, choices: ['no'], idempotencyKey: 'plain-key-3' }, member(3));
    m.run('poll.voteFor', { pollId, seatId: 'seat-4', choices: ['abstain'], idempotencyKey: 'plain-key-4' });
    m.run('poll.close', { pollId });
    const fact = expectedFacts(m.state, ['李记录']).find((f) => f.fact.kind === 'poll')!.fact;
    const text = factLines(fact).lines.join('\n');
    expect(text).toContain('赞成 2 票，超过有效票 3 票的一半（弃权不计入）');
    expect(text).toContain('决议：同意3号楼加装电梯费用按楼层分摊方案。');
    expect(text).toContain('工作人员代录 1 票');
    expect(text).not.toMatch(/基数|支持/);
  });
});
