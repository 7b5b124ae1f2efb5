import { Fragment, type ReactNode } from 'react';
import { formatList, type Locale } from '@/lib/i18n/format';

// Private-use characters: they never occur in the separators Intl.ListFormat puts between items.
const MARK = '\uE000';
const SLOT = new RegExp(`${MARK}(\\d+)${MARK}`);

/**
 * Items that may be elements (links) joined as a list in the reader's language, with the very
 * separators `formatList` uses for plain text ("甲、乙和丙" / "A, B, and C"): the list is formatted
 * with numbered placeholders, which are then replaced by the items.
 */
export function InlineList({ items, locale, kind = 'list' }: { items: readonly ReactNode[]; locale: Locale; kind?: 'list' | 'and' }) {
  const text = formatList(locale, items.map((_, i) => `${MARK}${i}${MARK}`), kind);
  // split with a capturing group alternates: separator text, item index, separator text, …
  return <>{text.split(SLOT).map((piece, k) => <Fragment key={k}>{k % 2 === 1 ? items[Number(piece)] : piece}</Fragment>)}</>;
}
