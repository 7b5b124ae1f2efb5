'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import type { MessageKey } from '@/lib/i18n/format';
import { QA_LIMITS, rankQuestions, type Question, type SeatQuestions } from '@/lib/meeting/procedure/qa/model';
import type { MeetingState } from '@/lib/meeting/state';
import type { MeetingConnection } from '../useMeeting';
import { bringIntoView } from './bring-into-view';
import { errorMessageKey } from './error-message';

/**
 * 现场提问 on the phone: ask a question (optionally anonymous), follow what became of one's own, and
 * upvote (附议) the questions the facilitator has put up, once each. The list is the projector's order.
 */
export default function QuestionsPanel({ state, own, checkedIn, send }: {
  state: MeetingState;
  /** this seat's questions and upvotes as the server told it on connecting (`meeting:me`) */
  own: SeatQuestions | undefined;
  checkedIn: boolean;
  send: MeetingConnection['send'];
}) {
  const t = useT();
  // Since connecting: what this device asked and upvoted, from the acknowledgements (only it receives them).
  const [since, setSince] = useState<SeatQuestions>({ asked: [], upvoted: [] });
  const mine: SeatQuestions = {
    asked: [...(own?.asked ?? []), ...since.asked.filter((a) => !own?.asked.some((o) => o.id === a.id))],
    upvoted: [...new Set([...(own?.upvoted ?? []), ...since.upvoted])],
  };

  const [writing, setWriting] = useState(false);
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const [note, setNote] = useState<MessageKey | null>(null);
  const inFlight = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (writing) bringIntoView(formRef.current, { focus: formRef.current?.querySelector('textarea') });
  }, [writing]);

  async function ask(e: React.FormEvent) {
    e.preventDefault();
    if (inFlight.current || !text.trim()) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setNote(null);
    const r = await send('question.ask', { text: text.trim(), anonymous });
    if (r.ok && r.result.id) {
      const asked = { id: r.result.id, text: text.trim() };
      setSince((x) => ({ ...x, asked: [...x.asked, asked] }));
      setText('');
      setAnonymous(false);
      setWriting(false);
      setNote('phone.qa.sent');
    } else if (!r.ok) {
      setError(r.error.code === 'RATE_LIMITED' ? 'phone.qa.tooMany' : errorMessageKey(r.error));
    }
    inFlight.current = false;
    setBusy(false);
  }

  async function upvote(q: Question) {
    if (inFlight.current) return;
    inFlight.current = true;
    setError(null);
    const r = await send('question.upvote', { id: q.id });
    // CONFLICT: this seat upvoted it already (from another device, or before a reload without storage).
    if (r.ok || r.error.code === 'CONFLICT') setSince((x) => ({ ...x, upvoted: [...x.upvoted, q.id] }));
    else setError(errorMessageKey(r.error));
    inFlight.current = false;
  }

  const byId = new Map(state.questions.map((q) => [q.id, q]));
  const ranked = rankQuestions(state.questions);
  const answered = state.questions.filter((q) => q.status === 'answered');
  const myOwn = mine.asked.map((a) => ({ ...a, q: byId.get(a.id) })).filter((a) => a.q).reverse();
  const live = state.status === 'live';

  let askBlock: React.ReactNode;
  if (!live) askBlock = <p className="text-xl text-ink-muted">{t('phone.qa.notLive')}</p>;
  else if (!checkedIn) askBlock = <p className="text-xl font-semibold text-accent-700">{t('phone.qa.checkInFirst')}</p>;
  else if (writing) {
    askBlock = (
      <form ref={formRef} onSubmit={(e) => void ask(e)} className="space-y-3">
        <label htmlFor="qa-text" className="block text-xl font-semibold text-ink">{t('phone.qa.label')}</label>
        <textarea
          id="qa-text" value={text} maxLength={QA_LIMITS.textMax} rows={3} required
          onChange={(e) => setText(e.target.value)}
          aria-describedby="qa-count"
          className="block w-full rounded-xl border-2 border-ink/30 p-3 text-xl leading-snug focus:border-civic-800 focus:outline-none"
        />
        <p id="qa-count" className="text-right text-base tabular-nums text-ink-muted">{t('phone.qa.count', { count: text.length, max: QA_LIMITS.textMax })}</p>
        <label className="flex items-start gap-3 text-lg text-ink">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} className="mt-1 size-6 shrink-0 accent-civic-800" />
          <span><span className="font-semibold">{t('phone.qa.anonymous')}</span><br /><span className="text-ink-muted">{t('phone.qa.anonymousHint')}</span></span>
        </label>
        <div className="grid grid-cols-2 gap-3">
          <Button size="large" variant="ghost" type="button" disabled={busy} onClick={() => setWriting(false)}>{t('common.cancel')}</Button>
          <Button size="large" type="submit" disabled={busy || !text.trim()} aria-busy={busy}>{busy ? t('phone.speak.sending') : t('phone.qa.submit')}</Button>
        </div>
      </form>
    );
  } else {
    askBlock = <Button size="large" variant="secondary" className="w-full text-2xl" onClick={() => setWriting(true)}>{t('phone.qa.ask')}</Button>;
  }

  return (
    <div className="space-y-4">
      {askBlock}
      <div role="status" aria-live="polite">
        {note ? <p className="text-lg font-semibold text-ink">{t(note)}</p> : null}
      </div>
      {error ? <p role="alert" className="rounded-xl border-2 border-accent-700 bg-accent-50 p-3 text-lg font-semibold text-accent-900">{t(error)}</p> : null}

      {myOwn.length ? (
        <div>
          <h3 className="text-lg font-semibold text-ink-muted">{t('phone.qa.mine')}</h3>
          <ul className="mt-1 space-y-2">
            {myOwn.map(({ id, text: own, q }) => (
              <li key={id} className="rounded-xl bg-civic-50 p-3">
                <p className="break-words text-lg text-ink">{own}</p>
                <p className="mt-1 text-base font-semibold text-civic-900">{t(`meeting.qa.status.${q!.status}`)}{q!.anonymous ? ` · ${t('meeting.qa.anonymous')}` : ''}</p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div>
        <h3 className="text-lg font-semibold text-ink-muted">{t('phone.qa.list', { count: ranked.length })}</h3>
        {ranked.length === 0 ? <p className="mt-1 text-lg text-ink-muted">{t('phone.qa.none')}</p> : (
          <ol className="mt-1 space-y-2">
            {ranked.map((q) => {
              const voted = mine.upvoted.includes(q.id);
              return (
                <li key={q.id} className={`flex items-start gap-3 rounded-xl border p-3 ${q.pinned ? 'border-2 border-civic-800' : 'border-ink/15'}`}>
                  <div className="min-w-0 flex-1">
                    {q.pinned ? <p className="text-base font-semibold text-civic-800">{t('meeting.qa.pinned')}</p> : null}
                    <p id={`qa-${q.id}`} className="break-words text-xl leading-snug text-ink">{q.text}</p>
                    <p className="mt-1 text-base text-ink-muted">{q.name ?? t('meeting.qa.anonymous')}</p>
                  </div>
                  {/* Named by what it shows (the count and 附议); the question it is for is its description. */}
                  <Button
                    variant={voted ? 'primary' : 'secondary'} className="min-w-20 shrink-0 flex-col !px-2 text-lg"
                    aria-pressed={voted} disabled={voted || !live || !checkedIn} aria-describedby={`qa-${q.id}`}
                    onClick={() => void upvote(q)}
                  >
                    <span className="text-2xl font-bold tabular-nums">{q.votes}</span>
                    <span className="text-sm">{voted ? t('phone.qa.upvoted') : t('phone.qa.upvote')}</span>
                  </Button>
                </li>
              );
            })}
          </ol>
        )}
      </div>

      {answered.length ? (
        <details>
          <summary className="cursor-pointer text-lg font-semibold text-ink">{t('phone.qa.answered', { count: answered.length })}</summary>
          <ul className="mt-2 space-y-2">
            {answered.map((q) => (
              <li key={q.id} className="rounded-xl bg-civic-50 p-3 text-lg text-ink">
                <p className="break-words">{q.text}</p>
                <p className="text-base text-ink-muted">{q.name ?? t('meeting.qa.anonymous')}{q.movedTo ? ` · ${t(`meeting.qa.movedTo.${q.movedTo.kind}`)}` : ''}</p>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
