import { EditorState, NodeSelection, TextSelection, type Transaction } from '@tiptap/pm/state';
import { deleteSelection, joinBackward } from '@tiptap/pm/commands';
import { describe, expect, it } from 'vitest';
import { FactGuard } from './fact-guard';
import { minutesSchema } from './schema';

const schema = minutesSchema();
const fact = (id: string) => schema.nodes.factBlock!.create({ factId: id, data: '{}' });
const para = (text: string) => schema.nodes.paragraph!.create(null, text ? schema.text(text) : null);

/** header, paragraph "ab", item:1, paragraph "cd", poll:1 */
function state() {
  const doc = schema.nodes.doc!.create(null, [fact('header'), para('ab'), fact('item:1'), para('cd'), fact('poll:1')]);
  return EditorState.create({ schema, doc, plugins: FactGuard.config.addProseMirrorPlugins!.call({} as never) });
}

const facts = (s: EditorState) => {
  const ids: string[] = [];
  s.doc.forEach((n) => { if (n.type.name === 'factBlock') ids.push(String(n.attrs.factId)); });
  return ids;
};

/** Runs a command through the filters, as the editor view does; returns the state after. */
function run(s: EditorState, command: (s: EditorState, dispatch: (tr: Transaction) => void) => boolean) {
  let next = s;
  command(s, (tr) => { next = s.applyTransaction(tr).state; });
  return next;
}

describe('FactGuard', () => {
  it('lets recorders type and delete their own text around the facts', () => {
    const s = state();
    const typed = s.applyTransaction(s.tr.insertText('x', 3)).state;
    expect(typed.doc.textContent).toContain('axb');
    const deleted = typed.applyTransaction(typed.tr.delete(2, 5)).state;
    expect(facts(deleted)).toEqual(['header', 'item:1', 'poll:1']);
    expect(deleted.doc.child(1).textContent).toBe('');
  });

  it('refuses Backspace on a selected fact, Delete across one, and a selection typed over', () => {
    const s = state();
    // The item heading sits after header (1) + paragraph "ab" (4): position 5.
    const selected = s.apply(s.tr.setSelection(NodeSelection.create(s.doc, 5)));
    expect(facts(run(selected, deleteSelection))).toEqual(['header', 'item:1', 'poll:1']);
    // Backspace at the start of "cd" (right after the heading) joins backward into it.
    const atStart = s.apply(s.tr.setSelection(TextSelection.create(s.doc, 7)));
    expect(facts(run(atStart, (st, d) => joinBackward(st, d) || deleteSelection(st, d)))).toEqual(['header', 'item:1', 'poll:1']);
    const across = s.apply(s.tr.setSelection(TextSelection.create(s.doc, 2, 8)));
    expect(facts(run(across, (st, d) => { d(st.tr.insertText('x')); return true; }))).toEqual(['header', 'item:1', 'poll:1']);
  });

  it('refuses moving a fact (drag and drop: delete and insert) and pasting a copy of one', () => {
    const s = state();
    const poll = s.doc.child(4);
    const moveTr = s.tr.delete(s.doc.content.size - poll.nodeSize, s.doc.content.size).insert(1, poll);
    expect(facts(s.applyTransaction(moveTr).state)).toEqual(['header', 'item:1', 'poll:1']);
    expect(s.applyTransaction(moveTr).state.doc.eq(s.doc)).toBe(true);
    const copy = s.applyTransaction(s.tr.insert(1, fact('poll:1'))).state;
    expect(facts(copy)).toEqual(['header', 'item:1', 'poll:1']);
  });

  it('lets changes from the shared document through (the server removes or adds facts)', () => {
    const s = state();
    const tr = s.tr.delete(5, 6).setMeta('y-sync$', { isChangeOrigin: true });
    expect(facts(s.applyTransaction(tr).state)).toEqual(['header', 'poll:1']);
  });
});
