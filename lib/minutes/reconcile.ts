import * as Y from 'yjs';
import { factId } from './facts';
import type { PlacedFact } from './expected-facts';
import { MINUTES_FIELD } from './schema';

/**
 * Makes the document's fact blocks exactly the expected ones, in the expected (canonical) order:
 * missing facts are inserted in their section, changed figures are put back, fact blocks nobody
 * expects (forged or stale) are removed, and facts out of order (a client moved them) are taken out
 * and written again where they belong. Recorders' own paragraphs are never touched. Returns whether
 * anything changed. Call inside a transaction with the server's origin.
 *
 * Sections: the document starts with the top facts (header, attendance, polls of no item); each agenda
 * item's section starts at its `item:<id>` fact and runs to the next item fact. The order is the one of
 * `expected` (expected-facts.ts defines it).
 */
export function reconcileFacts(doc: Y.Doc, expected: readonly PlacedFact[]): boolean {
  const fragment = doc.getXmlFragment(MINUTES_FIELD);
  let changed = false;
  const wanted = new Map(expected.map((p, rank) => [factId(p.fact), { ...p, rank, json: JSON.stringify(p.fact) }]));

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

  // 2. Facts out of the canonical order: the longest run already in order stays, the rest are removed
  // here and written again in step 3 (Yjs cannot move a node).
  const present = factPositions(fragment, wanted);
  const keep = longestIncreasing(present.map((p) => p.rank));
  for (let k = present.length - 1; k >= 0; k--) {
    if (keep.has(k)) continue;
    fragment.delete(present[k]!.index, 1);
    seen.delete(present[k]!.id);
    changed = true;
  }

  // 3. Insert the missing ones where they belong, in canonical order.
  for (const [id, want] of wanted) {
    if (seen.has(id)) continue;
    fragment.insert(insertionIndex(fragment, want, wanted), [factElement(id, want.json)]);
    seen.add(id);
    // A new section gets an empty paragraph for the recorders to write in.
    if (want.fact.kind === 'item') {
      const at = indexOfFact(fragment, id) + 1;
      fragment.insert(at, [new Y.XmlElement('paragraph')]);
    }
    changed = true;
  }

  // 4. Every document needs at least one block after the top facts for a cursor to land in.
  if (fragment.length === 0) fragment.insert(0, [new Y.XmlElement('paragraph')]);
  return changed;
}

type Wanted = Map<string, PlacedFact & { rank: number; json: string }>;

/** The expected fact blocks at the top level, in document order, with their canonical rank. */
function factPositions(fragment: Y.XmlFragment, wanted: Wanted): { index: number; id: string; rank: number }[] {
  const out: { index: number; id: string; rank: number }[] = [];
  for (let i = 0; i < fragment.length; i++) {
    const id = factIdAt(fragment, i);
    const want = id === null ? undefined : wanted.get(id);
    if (id !== null && want) out.push({ index: i, id, rank: want.rank });
  }
  return out;
}

/** The positions of one longest strictly increasing subsequence of `ranks` (a few dozen facts: O(n²) is fine). */
function longestIncreasing(ranks: number[]): Set<number> {
  const length = ranks.map(() => 1);
  const prev = ranks.map(() => -1);
  let best = -1;
  for (let i = 0; i < ranks.length; i++) {
    for (let j = 0; j < i; j++) {
      if (ranks[j]! < ranks[i]! && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1;
        prev[i] = j;
      }
    }
    if (best < 0 || length[i]! > length[best]!) best = i;
  }
  const keep = new Set<number>();
  for (let i = best; i >= 0; i = prev[i]!) keep.add(i);
  return keep;
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

/**
 * Where a missing fact goes, the facts present being in canonical order already: the header first; a
 * top fact right after the top fact before it; an item's heading before the next fact of a later
 * rank (the next section); any other fact before the next fact of its own section, else at the end of
 * its section (after the recorders' text).
 */
function insertionIndex(fragment: Y.XmlFragment, want: PlacedFact & { rank: number }, wanted: Wanted): number {
  if (want.fact.kind === 'header') return 0;
  const rankAt = (i: number) => {
    const id = factIdAt(fragment, i);
    return id === null ? undefined : wanted.get(id)?.rank;
  };
  if (want.section === 'top') {
    let after = 0;
    for (let i = 0; i < fragment.length; i++) {
      const r = rankAt(i);
      if (r === undefined) continue;
      if (r > want.rank) break;
      after = i + 1;
    }
    return after;
  }
  if (want.fact.kind === 'item') {
    for (let i = 0; i < fragment.length; i++) if ((rankAt(i) ?? -1) > want.rank) return i;
    return fragment.length;
  }
  const start = indexOfFact(fragment, `item:${want.section}`);
  if (start < 0) return fragment.length;
  let i = start + 1;
  while (i < fragment.length) {
    const id = factIdAt(fragment, i);
    if (id !== null && id.startsWith('item:')) break;
    if ((rankAt(i) ?? -1) > want.rank) break;
    i++;
  }
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
  const wanted = new Map(expected.map((p, rank) => [factId(p.fact), { rank, json: JSON.stringify(p.fact) }]));
  let found = 0;
  let lastRank = -1;
  for (let i = 0; i < fragment.length; i++) {
    const node = fragment.get(i);
    if (!(node instanceof Y.XmlElement) || node.nodeName !== 'factBlock') continue;
    const want = wanted.get(String(node.getAttribute('factId') ?? ''));
    // Unknown, changed, or out of the canonical order (which also catches a duplicate).
    if (want === undefined || node.getAttribute('data') !== want.json || want.rank <= lastRank) return false;
    lastRank = want.rank;
    found++;
  }
  return found === wanted.size;
}
