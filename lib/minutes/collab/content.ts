import * as Y from 'yjs';

/**
 * What a shared document may hold: only what the editor shows and writes. The Tiptap Collaboration
 * extension binds one root (an XmlFragment, `MINUTES_FIELD`) and fills it with elements, text, marks
 * (formats) and attributes; the server writes into the same root. Anything else — another root, a key on
 * the root (a map entry the fragment never lists), a nested map/array/text, a subdocument, binary or
 * embedded content — is invisible in the editor and in every export, so it can only be a place to hide
 * bytes. An update that creates any of it is refused whole.
 *
 * The check reads the decoded update's structs, which the server decodes anyway to validate it (and whose
 * size the writer's message cap bounds). It is complete for roots: a struct names its parent only when it
 * has no left or right neighbour; every other one inherits the parent of a neighbour, so the first item
 * put into any root or root key is always one that names it.
 */
export function refusedContent(update: ReturnType<typeof Y.decodeUpdate>, roots: ReadonlySet<string>): string | null {
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue; // GC and skips carry no content
    // Typed for integrated items; in a decoded update a root parent is still its name.
    const parent: unknown = struct.parent;
    if (typeof parent === 'string') {
      // (The reason becomes a close reason: ASCII and short, so not the client's root name.)
      if (!roots.has(parent)) return 'a root other than the editor fragment';
      if (struct.parentSub !== null) return 'keys on the root are not part of the minutes';
    }
    const { content } = struct;
    if (content instanceof Y.ContentType) {
      if (!(content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText)) return 'only elements and text may be nested';
    } else if (!(content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentAny || content instanceof Y.ContentDeleted)) {
      return 'binary, embedded, JSON or subdocument content is not part of the minutes';
    }
  }
  return null;
}
