import Link from 'next/link';

/**
 * The product's mark and name at the start of a page header, linking to `href` (the console's home
 * for staff, the site's home on public pages). The mark prints in colour like the rest of the brand.
 */
export function BrandLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 text-xl font-bold text-ink no-underline">
      <span aria-hidden="true" className="grid size-9 place-items-center rounded-lg bg-accent-700 text-lg leading-none text-white [print-color-adjust:exact]">议</span>
      {label}
    </Link>
  );
}
