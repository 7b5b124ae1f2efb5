'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { taskStatuses, type ConsoleDecision, type TaskStatusName } from './console-decision';
import { DecisionCard } from './DecisionCard';

type Filter = 'all' | TaskStatusName | 'overdue';
/** A community files about a hundred records a year, each with a few decisions: a page shows this many at a time. */
const PAGE = 30;

/**
 * 决议落实: the community's decisions, newest first, filtered by status or by 已逾期 (past the deadline and
 * not finished), the first 30 shown with 显示更多 for the rest.
 */
export function DecisionConsole({ decisions }: { decisions: ConsoleDecision[] }) {
  const t = useT();
  const [filter, setFilter] = useState<Filter>('all');
  const [shown, setShown] = useState(PAGE);
  const matches = (d: ConsoleDecision, f: Filter) => f === 'all' || (f === 'overdue' ? d.overdue : d.status === f);
  const list = decisions.filter((d) => matches(d, filter));
  const count = (f: Filter) => decisions.filter((d) => matches(d, f)).length;
  const filters: { value: Filter; label: string }[] = [
    { value: 'all', label: t('decisions.filter.all', { count: decisions.length }) },
    ...taskStatuses.map((s) => ({ value: s, label: t('decisions.filter.status', { status: t(`decisions.status.${s}`), count: count(s) }) })),
    { value: 'overdue', label: t('decisions.filter.overdue', { count: count('overdue') }) },
  ];

  if (!decisions.length) return <p className="mt-6 text-lg text-ink-muted">{t('decisions.empty')}</p>;
  return (
    <section className="mt-6" aria-label={t('decisions.title')}>
      <div role="group" aria-label={t('decisions.filter.label')} className="flex flex-wrap gap-2">
        {filters.map((f) => (
          <Button key={f.value} variant={filter === f.value ? 'primary' : 'secondary'} aria-pressed={filter === f.value}
            className={f.value === 'overdue' && filter !== 'overdue' ? 'border-accent-700 text-accent-800' : ''}
            onClick={() => { setFilter(f.value); setShown(PAGE); }}>
            {f.label}
          </Button>
        ))}
      </div>
      <p className="mt-3 text-base text-ink-muted" aria-live="polite">{t('decisions.shown', { shown: Math.min(shown, list.length), total: list.length })}</p>
      {list.length === 0 ? <p className="mt-3 text-lg text-ink-muted">{t('decisions.filter.none')}</p> : (
        <ul className="mt-3 space-y-4">
          {list.slice(0, shown).map((d) => <li key={d.id}><DecisionCard decision={d} /></li>)}
        </ul>
      )}
      {list.length > shown ? (
        <Button variant="secondary" className="mt-4 w-full sm:w-auto" onClick={() => setShown(shown + PAGE)}>{t('decisions.more')}</Button>
      ) : null}
    </section>
  );
}
