'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import { unfinishedWork, type CloseDecision } from '@/lib/meeting/closing';
import type { MeetingState } from '@/lib/meeting/state';
import type { RunCommand } from './useCommandRunner';

type Choice = { action: CloseDecision['action'] | null; reason: string };

/**
 * The closing step: everything still unfinished (agenda items, speakers waiting or speaking, open
 * polls) is listed, and the facilitator says for each what becomes of it before the meeting closes.
 * The server refuses a close that leaves anything undecided; this form only makes that easy.
 */
export function CloseMeetingDialog({ state, run, onDone }: { state: MeetingState; run: RunCommand; onDone: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  // Live: a request to speak that arrives while the dialog is open is listed too (the server would ask).
  const work = unfinishedWork(state);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const key = (w: { kind: string; id: string }) => `${w.kind}:${w.id}`;
  const label = (w: (typeof work)[number]) => {
    if (w.kind === 'item') return t('console.close.item', { title: state.agenda.find((a) => a.id === w.id)?.title ?? '' });
    if (w.kind === 'speaker') {
      const r = state.speakers.find((x) => x.id === w.id);
      return t(r?.status === 'speaking' ? 'console.close.speaking' : 'console.close.speaker', { name: r?.name ?? '' });
    }
    return t('console.close.poll', { question: state.polls.find((p) => p.id === w.id)?.question ?? '' });
  };

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const decisions: CloseDecision[] = work.map((w) => {
      const c = choices[key(w)]!;
      return { kind: w.kind, id: w.id, action: c.action!, ...(c.action === 'drop' ? { reason: c.reason.trim() } : {}) };
    });
    setBusy(true);
    const r = await run('meeting.close', { decisions });
    setBusy(false);
    if (r.ok) onDone();
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby="close-title"
      onClose={onDone}
      className="m-auto max-h-[90vh] w-[min(44rem,95vw)] overflow-y-auto rounded-2xl border-2 border-ink/20 bg-white p-0 text-ink backdrop:bg-ink/50"
    >
      <form onSubmit={submit} className="space-y-4 p-5">
        <h2 id="close-title" className="text-2xl font-bold">{t('console.close.title')}</h2>
        <p className="text-base">{work.length ? t('console.close.intro') : t('console.close.nothingOpen')}</p>
        {work.map((w) => {
          const c = choices[key(w)] ?? { action: null, reason: '' };
          const set = (next: Partial<Choice>) => setChoices((all) => ({ ...all, [key(w)]: { ...c, ...next } }));
          return (
            <fieldset key={key(w)} className="rounded-xl border border-ink/20 p-3">
              <legend className="px-1 text-lg font-semibold">{label(w)}</legend>
              <div className="flex flex-wrap gap-x-5 gap-y-1">
                {w.actions.map((a) => (
                  <label key={a} className="flex items-center gap-2 text-base">
                    <input type="radio" required name={key(w)} value={a} checked={c.action === a} onChange={() => set({ action: a })} className="size-5" />
                    {t(`console.close.${w.kind}.${a}`)}
                  </label>
                ))}
              </div>
              {c.action === 'drop' ? (
                <label className="mt-2 block text-base font-semibold">
                  {t('console.close.reason')}
                  <input required minLength={2} maxLength={500} value={c.reason} onChange={(e) => set({ reason: e.target.value })} className={inputClass} />
                </label>
              ) : null}
            </fieldset>
          );
        })}
        <p className="text-sm text-ink-muted">{t('console.close.after')}</p>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" variant="danger" disabled={busy}>{t('console.close.confirm')}</Button>
          <Button variant="ghost" onClick={() => ref.current?.close()}>{t('common.cancel')}</Button>
        </div>
      </form>
    </dialog>
  );
}
