import Link from 'next/link';
import type { ComponentProps } from 'react';
import { buttonClassName, type StyleProps } from './Button';

// Apart from Button: Next's link (prefetching, router hooks, ~3 KB compressed) would otherwise come with
// every page that has a button, the resident's join page among them.
/** A navigation link that looks like a button (use for links, keep <Button> for actions). */
export function ButtonLink({ variant, size, className, ...rest }: ComponentProps<typeof Link> & StyleProps) {
  return <Link className={buttonClassName({ variant, size, className })} {...rest} />;
}
