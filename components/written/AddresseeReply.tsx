'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import { formatDateTime } from '@/lib/i18n/format';
import { replyProblem, writtenAnswers, type WrittenAnswer } from '@/lib/written/answers';

type FileMeta = { id?: string; fileName: string; size: number };
type View = {
  communityName: string;
  addressee: { name: string; unit: string };
  document: { title: string; text: string; attachment: { fileName: string; size: number } | null };
  deadline: string;
  answering: boolean;
  closed: boolean;
  reply: { answer: WrittenAnswer; text: string; file: FileMeta | null; revision: number; at: string } | null;
};

/**
 * An addressee's page (/w/<token>), on their phone: the consultation document, then their answer —
 * 同意 / 修改意见 / 不同意 with reasons (required for the last two, checked here with the server's rule)
 * and an optional file. They may change it until the deadline (each change a revision; the latest
 * counts); afterwards, and once closed, the page shows their answer read-only. No login: the token in
 * the address is the whole authorisation, so it only ever goes to this server's API. Plain fetch and
 * form controls only, for WeChat's browser and older phones; no zod (the server validates).
 */
export function AddresseeReply({ token }: { token: string }) {
  const t = useT();
  const locale = useLocale();
  const [view, setView] = useState<View | null>(null);
  const [missing, setMissing] = useState(false);
  const [failed, setFailed] = useState(false);
  const [editing, setEditing] = useState(false);
  const [answer, setAnswer] = useState<WrittenAnswer | ''>('');
  const [text, setText] = useState('');
  const [file, setFile] = useState<FileMeta | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const base = `/api/w/${encodeURIComponent(token)}`;

  async function load() {
    try {
      const res = await fetch(base, { cache: 'no-store' });
      if (res.status === 404) return setMissing(true);
      if (!res.ok) return setFailed(true);
      const v = (await res.json()) as View;
      setView(v);
      setFailed(false);
      if (v.reply) {
        setAnswer(v.reply.answer);
        setText(v.reply.text);
        setFile(v.reply.file);
      }
      setEditing(v.answering && !v.reply);
    } catch {
      setFailed(true);
    }
  }
  // Loaded once per link; `load` itself only reads state setters and the link.
  useEffect(() => {
    void load();
  }, [token]); // eslint-disable-line react-hooks/exhaustive-deps

  async function attach(input: HTMLInputElement) {
    const f = input.files && input.files[0];
    if (!f) return;
    setBusy(true);
    setProblem(null);
    try {
      const res = await fetch(`${base}/files?name=${encodeURIComponent(f.name)}`, { method: 'POST', headers: { 'content-type': f.type || 'application/octet-stream' }, body: f });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) setProblem(t(`meeting.error.${(body.error?.code ?? 'INTERNAL') as 'INTERNAL'}`));
      else setFile({ id: body.id, fileName: body.fileName, size: body.size });
    } catch {
      setProblem(t('written.phone.failed'));
    } finally {
      setBusy(false);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!answer) return setProblem(t('written.phone.yourAnswer'));
    const p = replyProblem(answer, text);
    if (p) return setProblem(t(p === 'text_too_long' ? 'written.phone.textTooLong' : 'written.phone.textRequired'));
    setBusy(true);
    setProblem(null);
    try {
      const res = await fetch(`${base}/replies`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answer, text, fileId: file && file.id ? file.id : null }),
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) {
        setProblem(t(`meeting.error.${(body.error?.code ?? 'INTERNAL') as 'INTERNAL'}`));
        if (res.status === 409 || res.status === 404) await load();
        return;
      }
      setDone(body.revision);
      await load();
    } catch {
      setProblem(t('written.phone.failed'));
    } finally {
      setBusy(false);
    }
  }

  if (missing) return <p role="alert" className="text-xl">{t('written.phone.notFound')}</p>;
  if (!view) return failed ? <p role="alert" className="text-xl">{t('written.phone.failed')}</p> : null;
  const when = formatDateTime(locale, view.deadline);
  const reply = view.reply;

  return (
    <div className="space-y-5">
      <header>
        <p className="text-lg text-ink-muted">{t('written.phone.from', { community: view.communityName })}</p>
        <h1 className="text-2xl font-bold leading-snug">{view.document.title}</h1>
        <p className="mt-1 text-lg">{t('written.phone.greeting', { name: view.addressee.unit ? `${view.addressee.name}（${view.addressee.unit}）` : view.addressee.name })}</p>
        <p className="mt-1 text-lg font-semibold">{t('written.phone.deadline', { deadline: when })}</p>
      </header>

      <article className="whitespace-pre-line rounded-xl border border-ink/20 bg-white p-4 text-lg leading-relaxed">{view.document.text}</article>
      {view.document.attachment ? (
        <p><a href={`${base}/document-file`} className="break-all text-lg font-semibold text-civic-800 underline">{t('written.phone.attachment', { name: view.document.attachment.fileName })}</a></p>
      ) : null}

      {done !== null && !editing ? <p role="status" className="rounded-xl border-2 border-ok-600 bg-white p-3 text-lg">{t('written.phone.submitted', { revision: done })}</p> : null}

      {!view.answering ? (
        <section aria-labelledby="w-mine" className="rounded-xl border-2 border-ink/20 p-4">
          <h2 id="w-mine" className="text-xl font-semibold">{t(view.closed ? 'written.phone.closedEarly' : 'written.phone.readonly')}</h2>
          {reply ? <Mine reply={reply} base={base} /> : <p className="mt-2 text-lg">{t('written.phone.noReply')}</p>}
        </section>
      ) : !editing && reply ? (
        <section aria-labelledby="w-mine" className="rounded-xl border-2 border-ink/20 p-4">
          <h2 id="w-mine" className="text-xl font-semibold">{t('written.phone.current', { answer: t(`written.answer.${reply.answer}`) })}</h2>
          <Mine reply={reply} base={base} showAnswer={false} />
          <Button size="large" variant="secondary" className="mt-3 w-full" onClick={() => { setDone(null); setEditing(true); }}>{t('written.phone.change')}</Button>
        </section>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="space-y-4" noValidate>
          <fieldset>
            <legend className="text-xl font-semibold">{t('written.phone.yourAnswer')}</legend>
            <div className="mt-2 grid gap-2">
              {writtenAnswers.map((a) => (
                <label key={a} className={`flex min-h-14 items-center gap-3 rounded-xl border-2 px-4 text-xl ${answer === a ? 'border-civic-800 bg-civic-50' : 'border-ink/20 bg-white'}`}>
                  <input type="radio" name="answer" value={a} checked={answer === a} onChange={() => setAnswer(a)} className="h-6 w-6" />
                  {t(`written.answer.${a}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="block text-lg font-semibold">
            {t('written.phone.text')}
            <span className="block text-base font-normal text-ink-muted">{t('written.phone.textHint')}</span>
            <textarea name="text" rows={5} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} className={`${inputClass} text-lg`} />
          </label>
          <label className="block text-lg font-semibold">
            {t('written.phone.attach')}
            <input type="file" accept="image/*,application/pdf,.docx,.xlsx" disabled={busy} onChange={(e) => void attach(e.currentTarget)} className="mt-1 block w-full text-base" />
          </label>
          {file ? <p className="break-all text-base">{t('written.phone.attached', { name: file.fileName })}</p> : null}
          {problem ? <p role="alert" className="rounded-lg border-2 border-accent-700 bg-accent-50 p-2 text-lg text-accent-800">{problem}</p> : null}
          <Button type="submit" size="large" className="w-full" disabled={busy}>{busy ? t('written.phone.uploading') : t('written.phone.submit')}</Button>
        </form>
      )}
    </div>
  );
}

function Mine({ reply, base, showAnswer = true }: { reply: NonNullable<View['reply']>; base: string; showAnswer?: boolean }) {
  const t = useT();
  return (
    <div className="mt-2 space-y-1 text-lg">
      {showAnswer ? <p className="font-semibold">{t(`written.answer.${reply.answer}`)}</p> : null}
      {reply.text ? <p className="whitespace-pre-line">{reply.text}</p> : null}
      {reply.file && reply.file.id ? <p><a href={`${base}/files/${reply.file.id}`} className="break-all text-civic-800 underline">{t('written.phone.attached', { name: reply.file.fileName })}</a></p> : null}
    </div>
  );
}
