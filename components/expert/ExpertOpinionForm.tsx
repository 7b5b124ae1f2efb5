'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import { formatDateTime } from '@/lib/i18n/format';

type View = {
  communityName: string; meetingTitle: string; scheduledAt: string; expertName: string;
  question: string; askerName: string; opining: boolean; closed: boolean;
  opinion: { title: string; text: string; at: string; revisions: number } | null;
};

/**
 * An invited expert's page (/x/<token>), on their phone: the question and who asked, then their written
 * opinion (a title and the text), signed with their name in the record. They may change it until the
 * conclusion (the last counts); afterwards the page shows it read-only. No login: the token in the address
 * is the whole authorisation and only goes to this server's API. Plain fetch and form controls, for
 * WeChat's browser and older phones; no zod (the server validates).
 */
export function ExpertOpinionForm({ token }: { token: string }) {
  const t = useT();
  const locale = useLocale();
  const [view, setView] = useState<View | null>(null);
  const [missing, setMissing] = useState(false);
  const [failed, setFailed] = useState(false);
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const base = `/api/x/${encodeURIComponent(token)}`;

  async function load() {
    try {
      const res = await fetch(base, { cache: 'no-store' });
      if (res.status === 404) return setMissing(true);
      if (!res.ok) return setFailed(true);
      const v = (await res.json()) as View;
      setView(v);
      setFailed(false);
      if (v.opinion) {
        setTitle(v.opinion.title);
        setText(v.opinion.text);
      }
      setEditing(v.opining && !v.opinion);
    } catch {
      setFailed(true);
    }
  }
  // Loaded once per link; `load` only reads state setters and the link.
  useEffect(() => {
    void load();
  }, [token]); // eslint-disable-line react-hooks/exhaustive-deps

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim() || !text.trim()) return setProblem(t('expert.phone.required'));
    setBusy(true);
    setProblem(null);
    try {
      const res = await fetch(`${base}/opinion`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title, text }) });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) {
        setProblem(t(`meeting.error.${(body.error?.code ?? 'INTERNAL') as 'INTERNAL'}`));
        if (res.status === 409 || res.status === 404) await load();
        return;
      }
      setDone(true);
      await load();
    } catch {
      setProblem(t('expert.phone.retry'));
    } finally {
      setBusy(false);
    }
  }

  if (missing) return <p role="alert" className="text-xl">{t('expert.phone.invalid')}</p>;
  if (!view) return <p role={failed ? 'alert' : 'status'} className="text-xl">{t(failed ? 'expert.phone.retry' : 'expert.phone.loading')}</p>;
  const mine = view.opinion;

  return (
    <div className="space-y-5">
      <header>
        <h1 className="text-2xl font-bold leading-snug">{t('expert.phone.title')}</h1>
        <p className="mt-1 text-lg">{t('expert.phone.greeting', { name: view.expertName })}</p>
        <p className="mt-1 text-base text-ink-muted">{t('expert.phone.intro', { community: view.communityName })}</p>
        <p className="mt-1 text-base">{t('expert.phone.meeting', { title: view.meetingTitle, at: formatDateTime(locale, view.scheduledAt) })}</p>
      </header>

      <section aria-labelledby="x-question" className="rounded-xl border border-ink/20 bg-white p-4">
        <h2 id="x-question" className="text-xl font-semibold">{t('expert.phone.question')}</h2>
        <p className="mt-2 whitespace-pre-line text-lg leading-relaxed">{view.question}</p>
        <p className="mt-2 text-base text-ink-muted">{t('expert.phone.asker', { name: view.askerName })}</p>
      </section>

      {done && !editing ? <p role="status" className="rounded-xl border-2 border-ok-600 bg-white p-3 text-lg">{t('expert.phone.submitted')}</p> : null}

      {!editing ? (
        <section aria-labelledby="x-mine" className="rounded-xl border-2 border-ink/20 p-4">
          {mine ? (
            <>
              <h2 id="x-mine" className="text-xl font-semibold">{t('expert.phone.yours', { at: formatDateTime(locale, mine.at) })}</h2>
              <p className="mt-2 text-lg font-semibold">{mine.title}</p>
              <p className="mt-1 whitespace-pre-line text-lg">{mine.text}</p>
            </>
          ) : <h2 id="x-mine" className="text-xl font-semibold">{t('expert.opinion.none')}</h2>}
          {view.opining
            ? <Button size="large" variant="secondary" className="mt-3 w-full" onClick={() => { setDone(false); setEditing(true); }}>{t('expert.phone.resubmit')}</Button>
            : <p className="mt-2 text-lg">{t('expert.phone.closed')}</p>}
        </section>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="space-y-4" noValidate>
          <label className="block text-lg font-semibold">
            {t('expert.phone.titleLabel')}
            <input name="title" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} className={`${inputClass} text-lg`} />
          </label>
          <label className="block text-lg font-semibold">
            {t('expert.phone.textLabel')}
            <textarea name="text" rows={8} maxLength={10000} value={text} onChange={(e) => setText(e.target.value)} className={`${inputClass} text-lg`} />
          </label>
          {problem ? <p role="alert" className="rounded-lg border-2 border-accent-700 bg-accent-50 p-2 text-lg text-accent-800">{problem}</p> : null}
          <Button type="submit" size="large" className="w-full" disabled={busy}>{busy ? t('expert.saving') : t('expert.phone.submit')}</Button>
        </form>
      )}
    </div>
  );
}
