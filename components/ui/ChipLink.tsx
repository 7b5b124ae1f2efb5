import Link from 'next/link';
import type { ComponentProps } from 'react';

/**
 * One choice of a small set of links (a year, a street): the current one filled and marked
 * `aria-current="page"`, so the choice is not told by colour alone. No script needed.
 */
export function ChipLink({ current, className = '', ...rest }: ComponentProps<typeof Link> & { current: boolean }) {
  return (
    <Link
      aria-current={current ? 'page' : undefined}
      className={`inline-flex min-h-11 items-center rounded-lg border-2 px-3 text-base font-medium no-underline ${
        current ? 'border-civic-800 bg-civic-800 text-white' : 'border-civic-800/40 bg-white text-civic-900 hover:bg-civic-50'
      } ${className}`}
      {...rest}
    />
  );
}
