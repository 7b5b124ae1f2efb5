import { generateHTML } from '@tiptap/html/server';
import { MarkdownManager } from '@tiptap/markdown';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type { JSONContent } from '@tiptap/core';
import * as Y from 'yjs';
import { MINUTES_FIELD, minutesExtensions, minutesSchema } from './schema';

/**
 * Exports of the minutes. Both are produced from the document through the schema: only the schema's
 * nodes and marks can appear, text is escaped, and links keep only http(s)/mailto targets, so the HTML
 * is sanitised by construction (and checked by tests).
 */
export function minutesJSON(doc: Y.Doc): JSONContent {
  return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(MINUTES_FIELD), minutesSchema()).toJSON() as JSONContent;
}

export function minutesJSONFromState(state: Uint8Array): JSONContent {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return minutesJSON(doc);
}

const SAFE_HREF = /^(https?:|mailto:)/i;

function dropUnsafeLinks(node: JSONContent): JSONContent {
  return {
    ...node,
    ...(node.marks ? { marks: node.marks.filter((m) => m.type !== 'link' || SAFE_HREF.test(String(m.attrs?.href ?? ''))) } : {}),
    ...(node.content ? { content: node.content.map(dropUnsafeLinks) } : {}),
  };
}

export function minutesHTML(json: JSONContent): string {
  return generateHTML(dropUnsafeLinks(json), minutesExtensions());
}

export function minutesMarkdown(json: JSONContent): string {
  const manager = new MarkdownManager({ extensions: minutesExtensions() });
  return manager.serialize(dropUnsafeLinks(json));
}
