import type { HTMLAttributes, ReactNode } from 'react';

type CardProps = Omit<HTMLAttributes<HTMLElement>, 'title'> & {
  /** Rendered as the card's heading; the card becomes a labelled <section>. */
  title?: ReactNode;
  headingLevel?: 2 | 3 | 4;
};

export function Card({ title, headingLevel = 2, className = '', children, ...rest }: CardProps) {
  const Heading = `h${headingLevel}` as const;
  const body = (
    <>
      {title ? <Heading className="mb-3 text-xl font-semibold text-ink">{title}</Heading> : null}
      {children}
    </>
  );
  const classes = `rounded-2xl border border-ink/15 bg-white p-5 shadow-sm sm:p-6 ${className}`;
  return title ? (
    <section className={classes} {...rest}>
      {body}
    </section>
  ) : (
    <div className={classes} {...rest}>
      {body}
    </div>
  );
}
