import { useId, type HTMLAttributes, type ReactNode } from 'react';

type CardProps = Omit<HTMLAttributes<HTMLElement>, 'title'> & {
  /** Rendered as the card's heading; the card becomes a labelled <section>. */
  title?: ReactNode;
  headingLevel?: 2 | 3 | 4;
};

export function Card({ title, headingLevel = 2, className = '', children, ...rest }: CardProps) {
  const Heading = `h${headingLevel}` as const;
  const headingId = useId();
  const body = (
    <>
      {title ? <Heading id={headingId} className="mb-3 text-xl font-semibold text-ink">{title}</Heading> : null}
      {children}
    </>
  );
  const classes = `rounded-2xl border border-ink/15 bg-white p-5 shadow-sm sm:p-6 ${className}`;
  return title ? (
    <section className={classes} aria-labelledby={headingId} {...rest}>
      {body}
    </section>
  ) : (
    <div className={classes} {...rest}>
      {body}
    </div>
  );
}
