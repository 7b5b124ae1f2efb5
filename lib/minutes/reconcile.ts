import * as Y from 'yjs';
import { factId } from './facts';
import type { PlacedFact } from './expected-facts';
import { MINUTES_FIELD } from './schema';

/**
 * Makes the document's fact blocks exactly the expected ones: missing facts are inserted in their
 * section, changed figures are put back, fact blocks nobody expects (forged or stale) are removed.
 * Recorders' own paragraphs are never touched. Returns whether anything changed. Call inside a
 * transaction with the server's origin.
 *
 * Sections: the document starts with the top facts (header, attendance); each agenda item's section
 * starts at its `item:<id>` fact and runs to the next item fact.
 */
export function reconcileFacts(doc: Y.Doc, expected: readonly PlacedFact[]): boolean {
  const fragment = doc.getXmlFragment(MINUTES_FIELD);
  let changed = false;
  const wanted = new Map(expected.map((p) => [factId(p.fact), { ...p, json: JSON.stringify(p.fact) }]));

  // 1. Remove forged or duplicate fact blocks; put back changed data.
  const seen = new Set<string>();
  for (let i = fragment.length - 1; i >= 0; i--) {
    const node = fragment.get(i);
    if (!(node instanceof Y.XmlElement) || node.nodeName !== 'factBlock') continue;
    const id = String(node.getAttribute('factId') ?? '');
    const want = wanted.get(id);
    if (!want || seen.has(id)) {
      fragment.delete(i, 1);
      changed = true;
      continue;
    }
    seen.add(id);
    if (node.getAttribute('data') !== want.json) {
      node.setAttribute('data', want.json);
      changed = true;
    }
  }

  // 2. Insert the missing ones where they belong.
  for (const [id, want] of wanted) {
    if (seen.has(id)) continue;
    fragment.insert(insertionIndex(fragment, want, expected), [factElement(id, want.json)]);
    // A new section gets an empty paragraph for the recorders to write in.
    if (want.fact.kind === 'item') {
      const at = indexOfFact(fragment, id) + 1;
      fragment.insert(at, [new Y.XmlElement('paragraph')]);
    }
    changed = true;
  }

  // 3. Every document needs at least one block after the top facts for a cursor to land in.
  if (fragment.length === 0) fragment.insert(0, [new Y.XmlElement('paragraph')]);
  return changed;
}

function factElement(id: string, json: string): Y.XmlElement {
  const el = new Y.XmlElement('factBlock');
  el.setAttribute('factId', id);
  el.setAttribute('data', json);
  return el;
}

function factIdAt(fragment: Y.XmlFragment, i: number): string | null {
  const node = fragment.get(i);
  return node instanceof Y.XmlElement && node.nodeName === 'factBlock' ? String(node.getAttribute('factId') ?? '') : null;
}

function indexOfFact(fragment: Y.XmlFragment, id: string): number {
  for (let i = 0; i < fragment.length; i++) if (factIdAt(fragment, i) === id) return i;
  return -1;
}

function insertionIndex(fragment: Y.XmlFragment, want: PlacedFact & { json: string }, expected: readonly PlacedFact[]): number {
  if (want.fact.kind === 'header') return 0;
  if (want.section === 'top') {
    // After the header and any other top facts, before the first section.
    let i = 0;
    while (i < fragment.length) {
      const id = factIdAt(fragment, i);
      if (id === null || id.startsWith('item:')) break;
      i++;
    }
    return i;
  }
  if (want.fact.kind === 'item') {
    // Sections follow the agenda: before the section of the next item that already exists, else at the end.
    const items = expected.filter((p) => p.fact.kind === 'item').map((p) => factId(p.fact));
    for (const next of items.slice(items.indexOf(factId(want.fact)) + 1)) {
      const at = indexOfFact(fragment, next);
      if (at >= 0) return at;
    }
    return fragment.length;
  }
  // The end of the item's section: just before the next item fact, or the end of the document.
  const start = indexOfFact(fragment, `item:${want.section}`);
  if (start < 0) return fragment.length;
  let i = start + 1;
  while (i < fragment.length && !(factIdAt(fragment, i) ?? '').startsWith('item:')) i++;
  return i;
}

/**
 * Whether the document already holds exactly the expected facts, read without changing anything.
 * Checked after every keystroke of every recorder, so it must stay cheap: one pass over the top-level
 * blocks; `reconcileFacts` (which needs a system write) runs only when this says no.
 */
export function factsInPlace(doc: Y.Doc, expected: readonly PlacedFact[]): boolean {
  const fragment = doc.getXmlFragment(MINUTES_FIELD);
  if (fragment.length === 0) return false;
  const wanted = new Map(expected.map((p) => [factId(p.fact), JSON.stringify(p.fact)]));
  let found = 0;
  for (let i = 0; i < fragment.length; i++) {
    const node = fragment.get(i);
    if (!(node instanceof Y.XmlElement) || node.nodeName !== 'factBlock') continue;
    const json = wanted.get(String(node.getAttribute('factId') ?? ''));
    if (json === undefined || node.getAttribute('data') !== json) return false;
    found++;
  }
  return found === wanted.size;
}
