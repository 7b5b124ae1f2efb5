'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import type { MessageKey } from '@/lib/i18n/format';
import { postTopicJson, topicFieldErrors, topicGeneralError } from './topic-errors';
import { usePathLabel } from './TopicReviewQueue';

const labels: Record<string, MessageKey> = {
  intakePath: 'topicReview.form.path', submitter: 'topicReview.form.submitter', title: 'topicReview.form.topicTitle',
  description: 'topicReview.form.description', place: 'topicReview.form.place', file: 'topicReview.form.file',
};

/**
 * 登记议题: a topic raised through another path (`paths`: the ones staff register, from lib/topics/model
 * on the server), with its submitter, and optionally the written submission (uploaded once the topic
 * exists; if only the upload fails, the topic stays registered and the page says so).
 */
export function RegisterTopicForm({ communityId, paths }: { communityId: string; paths: readonly string[] }) {
  const t = useT();
  const router = useRouter();
  const pathLabel = usePathLabel();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const d = new FormData(form);
    const str = (k: string) => String(d.get(k) ?? '').trim();
    const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0] ?? null;
    const body = { communityId, intakePath: str('intakePath'), submitter: str('submitter'), title: str('title'), description: str('description'), place: str('place') };
    setBusy(true);
    setErrors({});
    setGeneral(null);
    setDone(null);
    try {
      const res = await postTopicJson<{ topicId: string }>('/api/topics', body);
      if (!res.ok) {
        if (!res.error) return setGeneral(t('topicReview.error.network'));
        const byField = topicFieldErrors(t, res.error, labels, body);
        return Object.keys(byField).length ? setErrors(byField) : setGeneral(topicGeneralError(t, res.error));
      }
      let uploaded = false;
      if (file) {
        try {
          const up = await fetch(`/api/topics/${res.data.topicId}/submissions?name=${encodeURIComponent(file.name)}`, {
            method: 'POST', headers: { 'content-type': file.type || 'application/octet-stream' }, body: file,
          });
          uploaded = up.ok;
          if (!up.ok) setErrors({ file: t('topicReview.error.fileAfterRegister', { error: t('topicReview.error.file') }) });
        } catch {
          setErrors({ file: t('topicReview.error.fileAfterRegister', { error: t('topicReview.error.network') }) });
        }
      }
      form.reset();
      setDone(t(uploaded ? 'topicReview.form.doneWithFile' : 'topicReview.form.done', { title: body.title }));
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  function field(name: string, control: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode, hint?: string) {
    const id = `register-${name}`;
    const described = [hint ? `${id}-hint` : '', errors[name] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div>
        <label htmlFor={id} className="block text-base font-semibold text-ink">{t(labels[name]!)}</label>
        {control({ id, 'aria-describedby': described, ...(errors[name] ? { 'aria-invalid': true as const } : {}) })}
        {hint ? <p id={`${id}-hint`} className="mt-1 text-sm text-ink-muted">{hint}</p> : null}
        {errors[name] ? <p id={`${id}-error`} className="mt-1 text-base font-semibold text-accent-800">{errors[name]}</p> : null}
      </div>
    );
  }

  return (
    <section aria-labelledby="register-topic" className="mt-10 rounded-2xl border border-civic-200 bg-civic-50 p-5">
      <h2 id="register-topic" className="text-2xl font-semibold text-ink">{t('topicReview.form.title')}</h2>
      <p className="mt-1 text-base text-ink-muted">{t('topicReview.form.intro')}</p>
      <div role="status" className={done ? 'mt-3 rounded-xl border-2 border-ok-600 bg-white p-3 text-base font-semibold text-ink' : 'sr-only'}>{done}</div>
      {general ? <p role="alert" className="mt-3 rounded-xl border-2 border-accent-700 bg-accent-50 p-3 text-base text-accent-800">{general}</p> : null}
      <form onSubmit={(e) => void submit(e)} noValidate className="mt-4 space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          {field('intakePath', (p) => (
            <select name="intakePath" defaultValue="" className={inputClass} {...p}>
              <option value="">{t('topicReview.form.pathChoose')}</option>
              {paths.map((path) => <option key={path} value={path}>{pathLabel(path)}</option>)}
            </select>
          ))}
          {field('submitter', (p) => <input name="submitter" maxLength={80} className={inputClass} {...p} />)}
        </div>
        {field('title', (p) => <input name="title" maxLength={80} className={inputClass} {...p} />)}
        {field('description', (p) => <textarea name="description" rows={4} maxLength={2000} className={inputClass} {...p} />)}
        {field('place', (p) => <input name="place" maxLength={100} className={inputClass} {...p} />)}
        {field('file', (p) => <input name="file" type="file" accept=".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx" className={`${inputClass} file:mr-3`} {...p} />, t('topicReview.form.fileHint'))}
        <Button type="submit" disabled={busy}>{busy ? t('topicReview.form.submitting') : t('topicReview.form.submit')}</Button>
      </form>
    </section>
  );
}
