'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { useT } from '@/components/ui/I18nProvider';
import type { AgendaItem, MeetingState } from '@/lib/meeting/state';
import { inputClass } from '@/components/ui/form-styles';
import type { RunCommand } from './useCommandRunner';

const statusBadge: Record<AgendaItem['status'], string> = {
  pending: 'border-ink/30 text-ink',
  active: 'border-ok-600 bg-ok-600 text-white',
  done: 'border-ink/20 bg-ink/5 text-ink-muted',
  deferred: 'border-ink/30 bg-ink/5 text-ink',
  dropped: 'border-ink/20 bg-ink/5 text-ink-muted',
};

export function AgendaPanel({ state, run }: { state: MeetingState; run: RunCommand }) {
  const t = useT();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const live = state.status === 'live';
  // Items are edited or removed only before the meeting starts (after, the record has begun).
  const beforeStart = state.status === 'draft' || state.status === 'announced';

  async function edit(e: FormEvent<HTMLFormElement>, itemId: string) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const r = await run('agenda.edit', {
      itemId, title: String(data.get('title') ?? ''), notes: String(data.get('notes') ?? ''), speakLimitSec: Math.round(Number(data.get('minutes') ?? 3) * 60),
    });
    if (r.ok) setEditing(null);
  }

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const minutes = Number(data.get('minutes') ?? 3);
    const r = await run('agenda.add', {
      title: String(data.get('title') ?? ''),
      notes: String(data.get('notes') ?? ''),
      speakLimitSec: Math.round(minutes * 60),
    });
    if (r.ok) {
      form.reset();
      setAdding(false);
    }
  }

  return (
    <Card title={t('meeting.agenda')} className="!p-4">
      {state.agenda.length === 0 ? <p className="text-base text-ink-muted">{t('console.agenda.empty')}</p> : null}
      <ol className="space-y-2">
        {state.agenda.map((item, index) => (
          <li key={item.id} className={`rounded-xl border px-3 py-2 ${item.status === 'active' ? 'border-ok-600 bg-ok-600/5' : 'border-ink/15'}`}>
            <div className="flex items-start gap-2">
              <span className="mt-0.5 w-6 shrink-0 text-right font-bold tabular-nums text-ink-muted">{index + 1}.</span>
              <div className="min-w-0 flex-1">
                <p className="font-semibold leading-snug text-ink">{item.title}</p>
                {item.notes ? <p className="mt-0.5 text-sm text-ink-muted">{item.notes}</p> : null}
                <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-ink-muted">
                  <span className={`rounded-full border px-2 font-semibold ${statusBadge[item.status]}`}>{t(`meeting.agenda.${item.status}`)}</span>
                  {t('console.agenda.limit', { minutes: Math.round((item.speakLimitSec / 60) * 10) / 10 })}
                </p>
              </div>
            </div>
            {editing === item.id ? (
              <form onSubmit={(e) => edit(e, item.id)} className="mt-2 space-y-2 rounded-xl border border-civic-200 bg-civic-50 p-3">
                <label className="block text-base font-semibold">{t('console.agenda.titleLabel')}<input name="title" required maxLength={200} defaultValue={item.title} className={inputClass} /></label>
                <label className="block text-base font-semibold">{t('console.agenda.notesLabel')}<textarea name="notes" rows={2} maxLength={2000} defaultValue={item.notes} className={inputClass} /></label>
                <label className="block text-base font-semibold">{t('console.agenda.limitLabel')}<input name="minutes" type="number" min={0.5} max={60} step={0.5} defaultValue={item.speakLimitSec / 60} className={`${inputClass} !w-28`} /></label>
                <div className="flex gap-2">
                  <Button type="submit">{t('planning.agenda.save')}</Button>
                  <Button variant="ghost" onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
                </div>
              </form>
            ) : null}
            <div className="mt-1 flex flex-wrap justify-end gap-2">
              {beforeStart ? (
                <>
                  <Button variant="ghost" className="!min-h-9 !px-2" aria-label={t('planning.agenda.editLabel', { title: item.title })} onClick={() => setEditing(item.id)}>{t('planning.agenda.edit')}</Button>
                  <Button variant="ghost" className="!min-h-9 !px-2" aria-label={t('planning.agenda.removeLabel', { title: item.title })} onClick={() => void run('agenda.remove', { itemId: item.id })}>{t('planning.agenda.remove')}</Button>
                </>
              ) : null}
              <Button variant="ghost" className="!min-h-9 !px-2" disabled={index === 0} aria-label={t('console.agenda.moveUp', { title: item.title })}
                onClick={() => void run('agenda.move', { itemId: item.id, toIndex: index - 1 })}>↑</Button>
              <Button variant="ghost" className="!min-h-9 !px-2" disabled={index === state.agenda.length - 1} aria-label={t('console.agenda.moveDown', { title: item.title })}
                onClick={() => void run('agenda.move', { itemId: item.id, toIndex: index + 1 })}>↓</Button>
              {item.status === 'active' ? (
                <Button variant="secondary" className="!min-h-9" onClick={() => void run('agenda.finish', { itemId: item.id })}>{t('console.agenda.finish')}</Button>
              ) : (
                <Button className="!min-h-9" disabled={!live} onClick={() => void run('agenda.start', { itemId: item.id })}>
                  {item.status === 'done' ? t('console.agenda.restart') : t('console.agenda.start')}
                </Button>
              )}
            </div>
          </li>
        ))}
      </ol>
      {adding ? (
        <form onSubmit={add} className="mt-4 space-y-3 rounded-xl border border-civic-200 bg-civic-50 p-3">
          <label className="block text-base font-semibold">
            {t('console.agenda.titleLabel')}
            <input name="title" required maxLength={200} className={inputClass} />
          </label>
          <label className="block text-base font-semibold">
            {t('console.agenda.notesLabel')}
            <textarea name="notes" rows={2} maxLength={2000} className={inputClass} />
          </label>
          <label className="block text-base font-semibold">
            {t('console.agenda.limitLabel')}
            <input name="minutes" type="number" min={0.5} max={60} step={0.5} defaultValue={3} className={`${inputClass} !w-28`} />
          </label>
          <div className="flex gap-2">
            <Button type="submit">{t('console.agenda.add')}</Button>
            <Button variant="ghost" onClick={() => setAdding(false)}>{t('common.cancel')}</Button>
          </div>
        </form>
      ) : (
        <Button variant="secondary" className="mt-3 w-full" disabled={state.status === 'closed'} onClick={() => setAdding(true)}>
          {t('console.agenda.addOpen')}
        </Button>
      )}
    </Card>
  );
}
