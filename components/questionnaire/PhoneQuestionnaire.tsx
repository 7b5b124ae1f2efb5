'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { Frame } from '@/components/meeting/phone/MeetingFrame';
import { PhoneConfirm } from '@/components/topics/PhoneConfirm';
import type { ResidentView } from '@/components/topics/resident-api';
import { Button } from '@/components/ui/Button';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { checkAnswers, isEmptyAnswer, questionsOf, type AnswerIssue } from '@/lib/questionnaire/answer-rules';
import type { Answers, AnswerValue } from '@/lib/questionnaire/answers';
import type { Definition } from '@/lib/questionnaire/definition';
import { ApiError, getJson, postJson } from './api';
import { draftKey, givenKey, readStored, writeStored } from './draft-store';
import { AnswerSummary } from './AnswerSummary';
import { QuestionnaireForm, type DraftAnswers } from './QuestionnaireForm';

/** GET /api/questionnaires/<code>: the opened questionnaire as a resident reads it. */
export type AnsweringView = {
  meetingId: string; title: string; communityName: string;
  status: 'open' | 'closed'; answering: 'before' | 'during' | 'after';
  anonymous: boolean; opensAt: string | null; closesAt: string | null;
  version: number; definition: Definition;
};
type Mine = { answered: boolean; anonymous: boolean; version: number | null; answers: Answers | null };
type Given = { version: number; answers: Answers };

/** Waits between attempts to send: short at first, then every 15 s, and at once when the phone is back online. */
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000];

type Sending = 'idle' | 'sending' | 'retrying';

/**
 * /q/<code>: a questionnaire: the resident reads it, confirms a phone number, answers (a draft kept
 * on the phone across reloads) and sends it — on a slow or failing network the answer waits and is sent
 * again until the server has it; a second copy the server refuses as already answered means the first
 * arrived, so it counts as sent. Then a thank-you with the answers given.
 */
export function PhoneQuestionnaire({ joinCode, resident: initialResident, boardHref }: { joinCode: string; resident: ResidentView; boardHref?: string }) {
  const t = useT();
  const locale = useLocale();
  const [form, setForm] = useState<AnsweringView | null>(null);
  const [loadError, setLoadError] = useState<'missing' | 'network' | null>(null);
  const [resident, setResident] = useState<ResidentView>(initialResident);
  const [answers, setAnswers] = useState<DraftAnswers>({});
  const [issues, setIssues] = useState<Record<string, AnswerIssue>>({});
  const [given, setGiven] = useState<Given | 'unknown' | null>(null);
  const [sending, setSending] = useState<Sending>('idle');
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [blocked, setBlocked] = useState<'closed' | 'audience' | null>(null);
  const wake = useRef<(() => void) | null>(null);

  const load = useCallback(async () => {
    try {
      const view = await getJson<AnsweringView>(`/api/questionnaires/${encodeURIComponent(joinCode)}`);
      setForm(view);
      setAnswers(readStored<DraftAnswers>(draftKey(view.meetingId, view.version)) ?? {});
      setLoadError(null);
      return view;
    } catch (e) {
      setLoadError((e as ApiError).code === 'NOT_FOUND' ? 'missing' : 'network');
      return null;
    }
  }, [joinCode]);

  /** Whether this phone already answered (a reload, or a reply that was lost on the way back). */
  const checkMine = useCallback(async (view: AnsweringView): Promise<boolean> => {
    const mine = await getJson<Mine>(`/api/questionnaires/${encodeURIComponent(joinCode)}/mine`);
    if (!mine.answered) return false;
    const local = readStored<Given>(givenKey(view.meetingId));
    setGiven(mine.answers && mine.version ? { version: mine.version, answers: mine.answers } : local ?? 'unknown');
    return true;
  }, [joinCode]);

  useEffect(() => {
    void (async () => {
      const view = await load();
      if (view && initialResident) {
        try {
          await checkMine(view);
        } catch (e) {
          if ((e as ApiError).code === 'UNAUTHENTICATED') setResident(null);
        }
      }
    })();
  }, [load, checkMine, initialResident]);

  // Back online: try the waiting answer now rather than at the next tick.
  useEffect(() => {
    const now = () => wake.current?.();
    window.addEventListener('online', now);
    return () => window.removeEventListener('online', now);
  }, []);

  function change(questionId: string, value: AnswerValue | undefined) {
    if (!form) return;
    setAnswers((prev) => {
      const next = { ...prev };
      if (value === undefined) delete next[questionId];
      else next[questionId] = value;
      writeStored(draftKey(form.meetingId, form.version), next);
      return next;
    });
    setIssues((prev) => {
      if (!prev[questionId]) return prev;
      const next = { ...prev };
      delete next[questionId];
      return next;
    });
  }

  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      wake.current = null;
      resolve();
    }
    wake.current = done;
  });

  async function send() {
    if (!form || sending !== 'idle') return;
    setProblem(null);
    setNotice(null);
    const { answers: checked, issues: found } = checkAnswers(form.definition, answers);
    if (found.length) {
      setIssues(Object.fromEntries(found.map((i) => [i.questionId, i])));
      document.getElementById(`question-${found[0]!.questionId}`)?.scrollIntoView({ block: 'center' });
      setProblem(t('questionnairePhone.issue.summary', { count: found.length }));
      return;
    }
    setSending('sending');
    const body = { version: form.version, answers: checked };
    for (let attempt = 0; ; attempt++) {
      try {
        await postJson(`/api/questionnaires/${encodeURIComponent(joinCode)}/responses`, body);
        return finish({ version: form.version, answers: checked });
      } catch (err) {
        const e = err as ApiError;
        if (e.code === 'ALREADY_ANSWERED') {
          // The first copy arrived and its reply was lost (or another tab sent it): it is answered.
          try {
            if (await checkMine(form)) return finish({ version: form.version, answers: checked }, false);
          } catch { /* fall through to the message */ }
          return finish({ version: form.version, answers: checked });
        }
        if (e.code === 'NETWORK' || e.status >= 500 || e.code === 'RATE_LIMITED') {
          setSending('retrying');
          await pause(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!);
          continue;
        }
        setSending('idle');
        if (e.code === 'UNAUTHENTICATED') {
          setResident(null);
          setProblem(t('questionnairePhone.error.session'));
        } else if (e.code === 'VERSION_SUPERSEDED') {
          const view = await load();
          if (view) {
            // Answers to questions the new version still asks are kept; the resident checks and sends again.
            const ids = new Set(questionsOf(view.definition).map((q) => q.id));
            const kept = Object.fromEntries(Object.entries(answers).filter(([id]) => ids.has(id)));
            setAnswers(kept);
            writeStored(draftKey(view.meetingId, view.version), kept);
          }
          setNotice(t('questionnairePhone.error.newVersion'));
        } else if (e.code === 'INVALID_STATE') {
          await load();
          setBlocked('closed');
        } else if (e.code === 'FORBIDDEN') {
          setBlocked('audience');
        } else if (e.code === 'BAD_REQUEST') {
          const list = Array.isArray(e.details.issues) ? (e.details.issues as { path?: string; code?: string }[]) : [];
          const byQuestion = Object.fromEntries(list.filter((i) => i.path?.startsWith('answers.')).map((i) => [i.path!.slice(8), { questionId: i.path!.slice(8), code: 'choice' } as AnswerIssue]));
          setIssues(byQuestion);
          setProblem(t('questionnairePhone.issue.summary', { count: Math.max(1, list.length) }));
        } else {
          setProblem(t('questionnairePhone.error.generic'));
        }
        return;
      }
    }
  }

  function finish(g: Given, keep = true) {
    if (!form) return;
    if (keep) writeStored(givenKey(form.meetingId), g);
    writeStored(draftKey(form.meetingId, form.version), null);
    setGiven(g);
    setSending('idle');
    window.scrollTo?.(0, 0);
  }

  const header = (
    <div>
      <p className="text-base text-ink-muted">{form ? t('questionnairePhone.kicker', { community: form.communityName }) : t('questionnairePhone.kickerPlain')}</p>
      <h1 className="break-words text-xl font-bold leading-snug text-ink">{form?.definition.title || form?.title || t('questionnairePhone.kickerPlain')}</h1>
    </div>
  );

  if (loadError === 'missing') return <Frame header={header}><Message text={t('questionnairePhone.missing')} board={boardHref} /></Frame>;
  if (loadError === 'network') {
    return (
      <Frame header={header}>
        <Message text={t('questionnairePhone.loadFailed')} board={boardHref} />
        <Button size="large" className="w-full" onClick={() => void load()}>{t('questionnairePhone.retryLoad')}</Button>
      </Frame>
    );
  }
  if (!form) return <Frame header={header}><p role="status" className="py-10 text-center text-xl">{t('questionnairePhone.loading')}</p></Frame>;

  if (given) {
    return (
      <Frame header={header}>
        <div role="status" className="rounded-2xl border-2 border-civic-700 bg-civic-50 p-4">
          <p className="text-2xl font-bold text-civic-900">{t('questionnairePhone.thanks.title')}</p>
          <p className="mt-1 text-lg text-ink">{form.anonymous ? t('questionnairePhone.thanks.anonymous') : t('questionnairePhone.thanks.identified')}</p>
        </div>
        {given === 'unknown' ? (
          <p className="mt-4 text-lg text-ink-muted">{t('questionnairePhone.thanks.notKept')}</p>
        ) : (
          <section className="mt-4" aria-labelledby="given-title">
            <h2 id="given-title" className="text-xl font-semibold">{t('questionnairePhone.thanks.yourAnswers')}</h2>
            <AnswerSummary definition={form.definition} answers={given.answers} />
          </section>
        )}
        {boardHref ? <p className="mt-6 text-lg"><a className="underline" href={boardHref}>{t('questionnairePhone.board')}</a></p> : null}
      </Frame>
    );
  }

  const closedText = form.closesAt
    ? t('questionnairePhone.closedAt', { at: new Date(form.closesAt).toLocaleString(locale, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }) })
    : t('questionnairePhone.closed');
  if (blocked === 'closed' || form.status === 'closed' || form.answering === 'after') return <Frame header={header}><Message text={closedText} board={boardHref} /></Frame>;
  if (form.answering === 'before') {
    const at = form.opensAt ? new Date(form.opensAt).toLocaleString(locale, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }) : '';
    return <Frame header={header}><Message text={t('questionnairePhone.notYet', { at })} board={boardHref} /></Frame>;
  }
  if (blocked === 'audience') return <Frame header={header}><Message text={t('questionnairePhone.notInAudience')} board={boardHref} /></Frame>;

  const all = questionsOf(form.definition);
  const done = all.filter((q) => !isEmptyAnswer(answers[q.id])).length;
  return (
    <Frame header={header}>
      {form.definition.intro ? <p className="whitespace-pre-line text-lg text-ink">{form.definition.intro}</p> : null}
      <p className="mt-2 text-base text-ink-muted">{form.anonymous ? t('questionnairePhone.anonymousNote') : t('questionnairePhone.identifiedNote')}</p>
      <div className="sticky top-0 z-10 -mx-4 mt-3 border-b border-ink/10 bg-paper/95 px-4 py-2">
        <ProgressBar value={done} max={all.length} label={t('questionnairePhone.progress')} valueText={t('questionnairePhone.progressValue', { done, total: all.length })} />
      </div>
      {notice ? <p role="status" className="mt-3 rounded-xl border-2 border-accent-700 bg-white p-3 text-lg">{notice}</p> : null}
      <div className="mt-4">
        <QuestionnaireForm definition={form.definition} answers={answers} onChange={change} issues={issues} disabled={sending !== 'idle'} />
      </div>
      <div className="mt-6 space-y-3">
        {resident ? (
          <>
            <p className="text-base text-ink-muted">{t('questionnairePhone.asPhone', { phone: resident.phoneMasked })}</p>
            <div aria-live="polite">
              {sending === 'retrying' ? (
                <p role="status" className="rounded-xl border-2 border-accent-700 bg-white p-3 text-lg font-semibold text-accent-800">{t('questionnairePhone.retrying')}</p>
              ) : sending === 'sending' ? (
                <p role="status" className="text-lg">{t('questionnairePhone.sending')}</p>
              ) : null}
            </div>
            <p role="alert" className="text-lg font-semibold text-accent-800">{problem ?? ''}</p>
            <Button size="large" className="w-full" disabled={sending !== 'idle'} onClick={() => void send()}>
              {sending === 'idle' ? t('questionnairePhone.submit') : t('questionnairePhone.submitting')}
            </Button>
            <p className="text-base text-ink-muted">{t('questionnairePhone.draftKept')}</p>
          </>
        ) : (
          <>
            <p role="alert" className="text-lg font-semibold text-accent-800">{problem ?? ''}</p>
            <p className="text-lg">{t('questionnairePhone.confirmFirst')}</p>
            <PhoneConfirm onConfirmed={(r) => {
              setResident(r);
              setProblem(null);
              void checkMine(form).catch(() => {});
            }} />
          </>
        )}
      </div>
    </Frame>
  );
}

function Message({ text, board }: { text: string; board?: string }) {
  const t = useT();
  return (
    <div className="py-8">
      <p role="status" className="text-xl text-ink">{text}</p>
      {board ? <p className="mt-6 text-lg"><a className="underline" href={board}>{t('questionnairePhone.board')}</a></p> : null}
    </div>
  );
}
