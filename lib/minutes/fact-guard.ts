import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';

/**
 * The meta key of the Collaboration extension's sync plugin (y-tiptap's `ySyncPluginKey`, a PluginKey
 * named 'y-sync'): changes that come from the shared document — the server's facts, the others' edits,
 * undo over Yjs — carry `{ isChangeOrigin: true }` under it and are never filtered here.
 */
const Y_SYNC_META = 'y-sync$';

const isFact = (node: PMNode) => node.type.name === 'factBlock';

/**
 * Whether a local edit keeps every server-written fact block where it is: none deleted (Backspace,
 * Delete, a selection typed over or cut), none moved (drag and drop is a delete plus an insert) and
 * none added (a pasted copy). The server would restore them anyway (reconcile.ts), but only after the
 * edit had reached the others, and a deleted fact restored is a new block at the end of its section.
 */
export function keepsFacts(tr: Transaction, state: EditorState): boolean {
  if (!tr.docChanged) return true;
  if ((tr.getMeta(Y_SYNC_META) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin) return true;
  let before = 0;
  let kept = true;
  state.doc.descendants((node, pos) => {
    if (!kept) return false;
    if (!isFact(node)) return true;
    before++;
    const mapped = tr.mapping.mapResult(pos, 1);
    const now = mapped.deleted ? null : tr.doc.nodeAt(mapped.pos);
    if (!now || !isFact(now) || now.attrs.factId !== node.attrs.factId) kept = false;
    return false;
  });
  if (!kept) return false;
  let after = 0;
  tr.doc.descendants((node) => {
    if (isFact(node)) after++;
    return !isFact(node);
  });
  return after === before;
}

/** The editor's guard of the fact blocks (the recorders' editor; viewers cannot edit anyway). */
export const FactGuard = Extension.create({
  name: 'factGuard',
  addProseMirrorPlugins() {
    return [new Plugin({ key: new PluginKey('factGuard'), filterTransaction: keepsFacts })];
  },
});
