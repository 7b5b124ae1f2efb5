import * as Y from 'yjs';
import { factId } from './facts';
import type { PlacedFact } from './expected-facts';
import { MINUTES_FIELD } from './schema';

/**
 * Makes the document's fact blocks exactly the expected ones, in the expected (canonical) order:
 * missing facts are inserted in their section, changed figures are put back, fact blocks nobody
 * expects (forged or stale) are removed, fact blocks nested in a list, a table or a quote are taken
 * out (facts live only at the top level), sections whose agenda item moved are moved whole, and
 * facts out of order (a client moved them) are taken out and written again where they belong.
 * Recorders' own text is never lost: it stays in its section, and moves with it. Returns whether
 * anything changed. Call inside one transaction with the server's origin, so that every editor sees a
 * moved section arrive in the same update as its removal.
 *
 * Sections: the document starts with the top facts (header, attendance, polls of no item); each agenda
 * item's section starts at its `item:<id>` fact and runs to the next item fact. The order is the one of
 * `expected` (expected-facts.ts defines it).
 */
export function reconcileFacts(doc: Y.Doc, expected: readonly PlacedFact[]): boolean {
  const fragment = doc.getXmlFragment(MINUTES_FIELD);
  let changed = false;
  const wanted = new Map(expected.map((p, rank) => [factId(p.fact), { ...p, rank, json: JSON.stringify(p.fact) }]));

  // 0. Facts nested inside lists, tables or quotes (pasted or dragged there) are removed; an expected
  // one is then missing at the top level and written again in its section by step 3.
  if (removeNestedFacts(fragment)) changed = true;

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

  // 1b. Sections in the order of the agenda: a reordered agenda moves each item's whole section — its
  // heading, the recorders' text and the facts under it — before the facts are put in order one by one.
  if (orderSections(fragment, wanted)) changed = true;

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

const isFactElement = (el: Y.XmlElement): boolean => el.nodeName === 'factBlock';

/**
 * Text blocks hold only inline content (y-prosemirror keeps their text in XmlText children), so no
 * fact can hide inside one: the nested-fact walk skips them, which keeps the per-keystroke check cheap.
 */
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

/** Whether a fact block sits somewhere inside a top-level container block (list, table, quote). */
function hasNestedFact(el: Y.XmlElement): boolean {
  for (const child of el.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (isFactElement(child)) return true;
    if (!TEXT_BLOCKS.has(child.nodeName) && hasNestedFact(child)) return true;
  }
  return false;
}

/**
 * Removes every fact block below the top level. A container left with no block at all (a table cell,
 * a quote) gets an empty paragraph instead, so the recorders' editors can still read the document.
 */
function removeNestedFacts(fragment: Y.XmlFragment): boolean {
  let changed = false;
  const visit = (parent: Y.XmlElement) => {
    for (let i = parent.length - 1; i >= 0; i--) {
      const child = parent.get(i);
      if (!(child instanceof Y.XmlElement)) continue;
      if (isFactElement(child)) {
        parent.delete(i, 1);
        if (parent.length === 0) parent.insert(0, [new Y.XmlElement('paragraph')]);
        changed = true;
      } else if (!TEXT_BLOCKS.has(child.nodeName)) {
        visit(child);
      }
    }
  };
  for (const node of fragment.toArray()) {
    if (node instanceof Y.XmlElement && !isFactElement(node) && !TEXT_BLOCKS.has(node.nodeName)) visit(node);
  }
  return changed;
}

/**
 * Puts the agenda items' sections in canonical order. Yjs cannot move a node, so a section is moved by
 * deleting its blocks and inserting copies of them (the whole section, recorders' text with its marks
 * included) where it belongs. Only the sections outside the longest run already in order move: moving
 * one item to another place moves one section, whatever the length of the agenda.
 *
 * Known limit, inherent to delete-and-copy: a keystroke a recorder makes in a moving section while the
 * move is on its way to them lands in the deleted original. Reordering happens before the meeting
 * starts, when the minutes are all but empty.
 */
function orderSections(fragment: Y.XmlFragment, wanted: Wanted): boolean {
  type Section = { id: string; rank: number; start: number; end: number };
  const sections: Section[] = [];
  for (let i = 0; i < fragment.length; i++) {
    const id = factIdAt(fragment, i);
    const want = id === null ? undefined : wanted.get(id);
    if (!want || want.fact.kind !== 'item') continue;
    const last = sections[sections.length - 1];
    if (last) last.end = i;
    sections.push({ id: id!, rank: want.rank, start: i, end: fragment.length });
  }
  const keep = longestIncreasing(sections.map((s) => s.rank));
  if (keep.size === sections.length) return false;
  const moving = sections.filter((_, k) => !keep.has(k));
  // Copies first (a deleted type cannot be copied), then the deletions from the back.
  const copies = new Map(moving.map((s) => [s.id, (fragment.slice(s.start, s.end) as Y.XmlElement[]).map((n) => n.clone())]));
  for (const s of [...moving].reverse()) fragment.delete(s.start, s.end - s.start);
  // The sections left are in order; each moved one goes before the first section of a later rank.
  for (const s of [...moving].sort((a, b) => a.rank - b.rank)) {
    let at = fragment.length;
    for (let i = 0; i < fragment.length; i++) {
      const id = factIdAt(fragment, i);
      const want = id === null ? undefined : wanted.get(id);
      if (want?.fact.kind === 'item' && want.rank > s.rank) {
        at = i;
        break;
      }
    }
    fragment.insert(at, copies.get(s.id)!);
  }
  return true;
}

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
 * blocks, descending only into containers (lists, tables, quotes) to find a nested fact; `reconcileFacts` (which needs a system write) runs only when this says no.
 */
export function factsInPlace(doc: Y.Doc, expected: readonly PlacedFact[]): boolean {
  const fragment = doc.getXmlFragment(MINUTES_FIELD);
  if (fragment.length === 0) return false;
  const wanted = new Map(expected.map((p, rank) => [factId(p.fact), { rank, json: JSON.stringify(p.fact) }]));
  let found = 0;
  let lastRank = -1;
  for (let i = 0; i < fragment.length; i++) {
    const node = fragment.get(i);
    if (!(node instanceof Y.XmlElement)) continue;
    if (node.nodeName !== 'factBlock') {
      // A fact pasted into a list or a table (only containers are walked, never a paragraph's text).
      if (!TEXT_BLOCKS.has(node.nodeName) && hasNestedFact(node)) return false;
      continue;
    }
    const want = wanted.get(String(node.getAttribute('factId') ?? ''));
    // Unknown, changed, or out of the canonical order (which also catches a duplicate).
    if (want === undefined || node.getAttribute('data') !== want.json || want.rank <= lastRank) return false;
    lastRank = want.rank;
    found++;
  }
  return found === wanted.size;
}
