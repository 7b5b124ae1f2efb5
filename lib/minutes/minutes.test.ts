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

  it('hold the answered questions under the item they were asked in, anonymous ones without a name', () => {
    const m = new MeetingSession({ seats: 5, checkedIn: 4, currentItem: 1 });
    const ask = (n: number, text: string, anonymous: boolean) => {
      const [e] = m.run('question.ask', { text, anonymous }, member(n));
      return (e!.data as { id: string }).id;
    };
    const named = ask(1, '电费怎么分摊？', false);
    const anon = ask(2, '谁来监督施工？', true);
    ask(3, '还没展示的问题', false);
    for (const id of [named, anon]) m.run('question.approve', { id });
    m.run('question.upvote', { id: anon }, member(4));
    m.run('question.answer', { id: anon });
    m.run('question.answer', { id: named });
    const fact = expectedFacts(m.state, []).find((f) => f.fact.kind === 'questions')!;
    expect(fact.section).toBe(itemIdOf(1));
    expect(fact.fact).toEqual({ kind: 'questions', itemId: itemIdOf(1), questions: [
      { text: '电费怎么分摊？', name: '居民1', votes: 0 }, { text: '谁来监督施工？', name: null, votes: 1 },
    ] });
    expect(factLines(fact.fact).lines).toEqual(['1. 电费怎么分摊？（居民1，附议 0）', '2. 谁来监督施工？（匿名，附议 1）']);
    expect(JSON.stringify(expectedFacts(m.state, []))).not.toContain('还没展示的问题');
  });

  it('hold an open space: its sessions in grid order with hosts, participants and dots, and what was agreed', () => {
    const m = new MeetingSession({ form: 'open_space', seats: 5, checkedIn: 5 });
    m.run('openSpace.configure', { theme: '适老化改造', rooms: [{ id: 'r1', name: '活动室' }, { id: 'r2', name: '会议室' }], slots: [{ id: 's1', label: '14:00' }, { id: 's2', label: '15:00' }] });
    const propose = (n: number, title: string) => (m.run('openSpace.propose', { title }, member(n))[0]!.data as { id: string }).id;
    const late = propose(1, '健身器材');
    const early = propose(2, '扶手');
    m.run('openSpace.place', { id: late, roomId: 'r1', slotId: 's2' });
    m.run('openSpace.place', { id: early, roomId: 'r2', slotId: 's1' });
    m.run('openSpace.phase', { phase: 'sessions' });
    m.run('openSpace.join', { slotId: 's1', sessionId: early }, member(3));
    m.run('openSpace.join', { slotId: 's1', sessionId: early }, member(4));
    m.run('openSpace.join', { slotId: 's1', sessionId: null }, member(4));
    m.run('openSpace.phase', { phase: 'prioritising' });
    m.run('openSpace.dots', { allocation: { [early]: 3 } }, member(5));
    m.run('openSpace.confirm', { text: '先装扶手', sessionId: early });
    const fact = expectedFacts(m.state, []).find((f) => f.fact.kind === 'openSpace')!.fact;
    expect(factLines(fact)).toEqual({
      title: '开放空间：适老化改造',
      lines: ['1. 14:00 · 会议室：扶手（发起人：居民2），参加 2 人，得 3 点。', '2. 15:00 · 活动室：健身器材（发起人：居民1），参加 0 人，得 0 点。', '每人 3 点。', '达成共识：', '（1）先装扶手'],
    });
  });

  it('hold a hearing’s transcript: a section per turn with speaker, role, side and time, the speaker’s confirmation and corrections; then the result', () => {
    const m = new MeetingSession({ form: 'hearing', seats: 4, checkedIn: 4 });
    m.run('hearing.configure', { proposer: '物业公司', turnSeconds: 180 });
    const a = (m.run('hearing.apply', { role: 'representative', stake: 'oppose', summary: '' }, member(1))[0]!.data as { id: string }).id;
    m.run('hearing.admit', { id: a });
    for (const stage of ['discipline', 'explanation', 'representatives'] as const) m.run('hearing.stage', { stage });
    const [started] = m.run('hearing.turnStart', { registrationId: a, stage: 'representatives' });
    m.now = new Date(Date.parse(started!.at) + 125_000);
    m.run('hearing.turnEnd', {});
    const turnId = m.state.hearing!.turns[0]!.id;
    m.run('hearing.correct', { turnId, text: '是先公开账目' }, member(1));
    m.run('hearing.confirm', { turnId }, member(1));
    m.run('hearing.result', { decision: '暂缓调整', reasons: '账目先公开' });
    const facts = expectedFacts(m.state, []).filter((f) => f.fact.kind === 'hearingTurn' || f.fact.kind === 'hearingResult');
    expect(facts.map((f) => factId(f.fact))).toEqual([`turn:${turnId}`, 'hearingResult']);
    const turn = factLines(facts[0]!.fact);
    expect(turn.title).toBe('听证代表发言：居民1（听证代表，反对）');
    expect(turn.lines.slice(1)).toEqual(['本人更正：是先公开账目', '本人已确认笔录。']);
    expect(turn.lines[0]).toMatch(/，用时 2分05秒$/);
    expect(factLines(facts[1]!.fact)).toEqual({ title: '听证结果', lines: ['决定：暂缓调整', '理由：账目先公开'] });
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

/** The top-level blocks as fact ids and paragraph texts, for order checks. */
function outline(doc: Y.Doc): string[] {
  return doc.getXmlFragment(MINUTES_FIELD).toArray().map((n) => {
    const el = n as Y.XmlElement;
    if (el.nodeName === 'factBlock') return String(el.getAttribute('factId'));
    const text = el.toArray().map((c) => (c instanceof Y.XmlText ? c.toString().replace(/<[^>]+>/g, '') : '')).join('');
    return `${el.nodeName}:${text}`;
  });
}

function factElement(id: string, data = '{}') {
  const el = new Y.XmlElement('factBlock');
  el.setAttribute('factId', id);
  el.setAttribute('data', data);
  return el;
}

describe('reconcileFacts: sections follow the agenda', () => {
  /** A planned meeting with three items and a recorder's paragraph written under each. */
  function plannedWithNotes() {
    const m = new MeetingSession({ status: 'draft', agenda: ['加装电梯', '停车管理', '垃圾分类'] });
    const doc = new Y.Doc();
    reconcileFacts(doc, expectedFacts(m.state, []));
    const fragment = doc.getXmlFragment(MINUTES_FIELD);
    for (const n of [1, 2, 3]) {
      const at = topLevel(doc).findIndex((b) => b.factId === `item:${itemIdOf(n)}`) + 1;
      // Replace the template's empty paragraph by the recorder's text, with a bold run.
      fragment.delete(at, 1);
      const p = paragraph(`议题${n}的记录。`);
      fragment.insert(at, [p, paragraph(`议题${n}的第二段。`)]);
      (p.get(0) as Y.XmlText).insert(0, `第${n}条`, { bold: true });
    }
    return { m, doc, fragment };
  }

  it('moves each item’s whole section (heading, recorders’ text with its marks) when the agenda is reordered', () => {
    const { m, doc } = plannedWithNotes();
    // An editor elsewhere, following the server's updates.
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));

    m.run('agenda.move', { itemId: itemIdOf(1), toIndex: 2 });
    doc.transact(() => expect(reconcileFacts(doc, expectedFacts(m.state, []))).toBe(true));
    const expected = [
      'header',
      `item:${itemIdOf(2)}`, 'paragraph:第2条议题2的记录。', 'paragraph:议题2的第二段。',
      `item:${itemIdOf(3)}`, 'paragraph:第3条议题3的记录。', 'paragraph:议题3的第二段。',
      `item:${itemIdOf(1)}`, 'paragraph:第1条议题1的记录。', 'paragraph:议题1的第二段。',
    ];
    expect(outline(doc)).toEqual(expected);
    // The headings carry their new numbers; the bold run moved with its text.
    const heading = doc.getXmlFragment(MINUTES_FIELD).get(7) as Y.XmlElement;
    expect(parseFactAttr(heading.getAttribute('data'))).toMatchObject({ kind: 'item', index: 3, title: '加装电梯' });
    expect((doc.getXmlFragment(MINUTES_FIELD).get(8) as Y.XmlElement).toString()).toContain('<bold>第1条</bold>');
    expect(factsInPlace(doc, expectedFacts(m.state, []))).toBe(true);
    expect(reconcileFacts(doc, expectedFacts(m.state, []))).toBe(false);

    // One update carries the whole move, and the peer ends with the same document, nothing doubled.
    expect(updates).toHaveLength(1);
    Y.applyUpdate(peer, updates[0]!);
    expect(outline(peer)).toEqual(expected);
  });

  it('moves only the sections out of order: the last item brought to the front moves one section', () => {
    const { m, doc } = plannedWithNotes();
    const fragment = doc.getXmlFragment(MINUTES_FIELD);
    // Keep the blocks of items 1 and 2 (their identity survives only if they are not moved).
    const untouched = [fragment.get(1), fragment.get(2), fragment.get(4)];
    m.run('agenda.move', { itemId: itemIdOf(3), toIndex: 0 });
    reconcileFacts(doc, expectedFacts(m.state, []));
    expect(outline(doc).filter((b) => b.startsWith('item:'))).toEqual([`item:${itemIdOf(3)}`, `item:${itemIdOf(1)}`, `item:${itemIdOf(2)}`]);
    for (const node of untouched) expect(fragment.toArray()).toContain(node);
    expect(outline(doc)[2]).toBe('paragraph:第3条议题3的记录。');
  });

  it('keeps the facts of a section inside it when it moves (speakers and polls of a held item)', () => {
    const { m, pollId } = heldMeeting();
    const doc = new Y.Doc();
    reconcileFacts(doc, expectedFacts(m.state, []));
    doc.getXmlFragment(MINUTES_FIELD).insert(4, [paragraph('王建国发言支持加装电梯。')]);
    m.run('agenda.move', { itemId: itemIdOf(2), toIndex: 0 });
    reconcileFacts(doc, expectedFacts(m.state, []));
    expect(outline(doc)).toEqual([
      'header', 'attendance', `item:${itemIdOf(2)}`, 'paragraph:',
      `item:${itemIdOf(1)}`, 'paragraph:', 'paragraph:王建国发言支持加装电梯。', `speakers:${itemIdOf(1)}`, `poll:${pollId}`,
    ]);
  });
});

describe('reconcileFacts: facts live only at section level', () => {
  it('takes fact blocks out of lists and tables and writes them back in their section, keeping the recorders’ text', () => {
    const { m, pollId } = heldMeeting();
    const facts = expectedFacts(m.state, []);
    const doc = new Y.Doc();
    reconcileFacts(doc, facts);
    const fragment = doc.getXmlFragment(MINUTES_FIELD);
    const pollData = String((fragment.get(topLevel(doc).findIndex((n) => n.factId === `poll:${pollId}`)) as Y.XmlElement).getAttribute('data'));
    // A recorder drags the poll block into a list item and pastes a copy of the attendance into a table cell.
    fragment.delete(topLevel(doc).findIndex((n) => n.factId === `poll:${pollId}`), 1);
    const list = new Y.XmlElement('bulletList');
    const li = new Y.XmlElement('listItem');
    li.insert(0, [paragraph('要点一'), factElement(`poll:${pollId}`, pollData)]);
    list.insert(0, [li]);
    const table = new Y.XmlElement('table');
    const row = new Y.XmlElement('tableRow');
    const cell = new Y.XmlElement('tableCell');
    cell.insert(0, [factElement('attendance', '{}')]);
    row.insert(0, [cell]);
    table.insert(0, [row]);
    fragment.insert(3, [list, table]);
    expect(factsInPlace(doc, facts)).toBe(false);

    expect(reconcileFacts(doc, facts)).toBe(true);
    expect(outline(doc).filter((b) => !b.includes(':') || b.includes(':') && !b.startsWith('paragraph') && !b.startsWith('bulletList') && !b.startsWith('table'))).toEqual(
      ['header', 'attendance', `item:${itemIdOf(1)}`, `speakers:${itemIdOf(1)}`, `poll:${pollId}`, `item:${itemIdOf(2)}`],
    );
    // The list keeps the recorder's point; the emptied cell holds an empty paragraph, not nothing.
    expect(li.toArray().map((n) => (n as Y.XmlElement).nodeName)).toEqual(['paragraph']);
    expect(li.toString()).toContain('要点一');
    expect(cell.toArray().map((n) => (n as Y.XmlElement).nodeName)).toEqual(['paragraph']);
    // The poll is back at the top level of item 1's section with its figures.
    const poll = fragment.toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('factId') === `poll:${pollId}`) as Y.XmlElement;
    expect(parseFactAttr(poll.getAttribute('data'))).toMatchObject({ tally: { yes: 3, no: 1, abstain: 0 } });
    expect(factsInPlace(doc, facts)).toBe(true);
    expect(reconcileFacts(doc, facts)).toBe(false);
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
