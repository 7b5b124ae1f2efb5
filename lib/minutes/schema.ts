import { getSchema, mergeAttributes, Node, type Extensions } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { factLines, parseFactAttr } from './facts';

/**
 * The minutes' document schema, shared by the recorders' editor, the read-only viewers and the server
 * (which builds the template, writes facts and exports). Every party must use exactly this list, or
 * the Yjs document would hold nodes another party cannot read.
 */
export const FactBlock = Node.create({
  name: 'factBlock',
  group: 'block',
  // An atom: its content is not editable in the editor; the server owns `data` and restores it.
  atom: true,
  selectable: true,
  draggable: false,
  addAttributes() {
    return {
      factId: { default: '' },
      data: { default: '{}' },
    };
  },
  parseHTML() {
    return [{ tag: 'section[data-fact-id]', getAttrs: (el) => ({ factId: (el as HTMLElement).dataset.factId, data: (el as HTMLElement).dataset.fact }) }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const fact = parseFactAttr(node.attrs.data);
    const { title, lines } = fact ? factLines(fact) : { title: '', lines: [] };
    const heading = fact?.kind === 'header' ? 'h1' : fact?.kind === 'item' ? 'h2' : 'h3';
    return [
      'section',
      mergeAttributes({ 'data-fact-id': HTMLAttributes.factId, 'data-fact-kind': fact?.kind ?? 'unknown', class: 'minutes-fact' }),
      [heading, {}, title],
      ...lines.map((l) => ['p', {}, l] as [string, object, string]),
    ];
  },
  renderMarkdown(node) {
    const fact = parseFactAttr(node.attrs?.data);
    if (!fact) return '';
    const { title, lines } = factLines(fact);
    const prefix = fact.kind === 'header' ? '#' : fact.kind === 'item' ? '##' : '###';
    return [`${prefix} ${title}`, ...lines.map((l) => (fact.kind === 'speakers' ? l : `${l}`))].join('\n\n');
  },
});

export function minutesExtensions(): Extensions {
  // Collaboration brings its own undo (per client, over Yjs): the built-in history must be off.
  return [StarterKit.configure({ undoRedo: false }), TableKit, FactBlock];
}

export const minutesSchema = () => getSchema(minutesExtensions());

/** The Yjs fragment the Collaboration extension binds to. */
export const MINUTES_FIELD = 'default';
export const minutesDocName = (meetingId: string) => `minutes:${meetingId}`;
