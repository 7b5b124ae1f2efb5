// What the minutes' document may hold: everything the editor writes passes, anything it never writes
// (another root, a key on the root, a nested map, a subdocument, binary content) is refused.
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { reconcileFacts } from '../reconcile';
import { MINUTES_FIELD, minutesSchema } from '../schema';
import { refusedContent } from './content';

const roots = new Set([MINUTES_FIELD]);
const check = (change: (doc: Y.Doc) => void) => {
  const doc = new Y.Doc();
  change(doc);
  return refusedContent(Y.decodeUpdate(Y.encodeStateAsUpdate(doc)), roots);
};
const text = (t: string, marks?: { type: string; attrs?: object }[]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });

describe('refusedContent', () => {
  it('passes everything the editor and the server write: facts, headings, marks, links, lists, tables, edits', () => {
    const json = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [text('议题一')] },
        { type: 'paragraph', content: [text('加粗', [{ type: 'bold' }]), text('链接', [{ type: 'link', attrs: { href: 'https://example.org' } }]), { type: 'hardBreak' }, text('斜体', [{ type: 'italic' }])] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('一')] }] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('二')] }] }] },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [text('引文')] }] },
        { type: 'codeBlock', content: [text('code')] },
        { type: 'horizontalRule' },
        { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableHeader', content: [{ type: 'paragraph', content: [text('甲')] }] }, { type: 'tableCell', content: [{ type: 'paragraph', content: [text('乙')] }] }] }] },
      ],
    };
    expect(check((doc) => {
      prosemirrorJSONToYXmlFragment(minutesSchema(), json, doc.getXmlFragment(MINUTES_FIELD));
      reconcileFacts(doc, []);
      // Typing, deleting and formatting inside, as the editor does.
      const p = doc.getXmlFragment(MINUTES_FIELD).get(1) as Y.XmlElement;
      const t = p.get(0) as Y.XmlText;
      t.insert(0, '再加');
      t.delete(1, 1);
      t.format(0, 1, { underline: {} });
      p.setAttribute('textAlign', 'center');
    })).toBeNull();
  });

  it('refuses another root, a key on the root, nested maps, arrays and text, subdocuments and binary content', () => {
    expect(check((doc) => doc.getText('hidden').insert(0, 'x'))).toMatch(/a root other than/);
    expect(check((doc) => doc.getMap(MINUTES_FIELD).set('k', 1))).toMatch(/keys on the root/);
    expect(check((doc) => doc.getXmlFragment(MINUTES_FIELD).insert(0, [new Y.Map() as never]))).toMatch(/only elements and text/);
    expect(check((doc) => doc.getXmlFragment(MINUTES_FIELD).insert(0, [new Y.XmlHook('hook') as never]))).toMatch(/only elements and text/);
    expect(check((doc) => {
      const p = new Y.XmlElement('paragraph');
      doc.getXmlFragment(MINUTES_FIELD).insert(0, [p]);
      p.setAttribute('data', new Y.Array() as never);
    })).toMatch(/only elements and text/);
    expect(check((doc) => doc.getXmlFragment(MINUTES_FIELD).insert(0, [new Y.Doc() as never]))).toMatch(/subdocument/);
    expect(check((doc) => {
      const p = new Y.XmlElement('paragraph');
      doc.getXmlFragment(MINUTES_FIELD).insert(0, [p]);
      p.setAttribute('blob', new Uint8Array(8) as never);
    })).toMatch(/binary/);
  });
});
