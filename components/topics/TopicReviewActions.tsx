'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import type { MessageKey } from '@/lib/i18n/format';
import { meetingLevels, meetingTypes, type MeetingLevel, type MeetingType } from '@/lib/meeting/model';
import type { ConsoleTopic, GridOption } from './console-topic';
import { postTopicJson, topicFieldErrors, topicGeneralError, type ApiError } from './topic-errors';

type Decision = 'accept' | 'merge' | 'refer' | 'reject';
const decisions: Decision[] = ['accept', 'merge', 'refer', 'reject'];

const labels: Record<string, MessageKey> = {
  level: 'topicReview.accept.level', placeId: 'topicReview.accept.place', type: 'topicReview.accept.type',
  intoTopicId: 'topicReview.merge.into', to: 'topicReview.refer.to', reason: 'topicReview.reject.reason',
};

/**
 * 受理 / 合并 / 转交 / 不予受理 for one topic awaiting review. One decision's form is open at a time; the
 * server's answer goes next to the field it names, and the outcome is told to the page (`onDone`), since
 * the topic itself leaves the queue when the page refreshes.
 */
export function TopicReviewActions({ topic, grids, mergeTargets, onDone }: {
  topic: ConsoleTopic;
  grids: GridOption[];
  mergeTargets: ConsoleTopic[];
  onDone: (message: string, tone: 'ok' | 'error') => void;
}) {
  const t = useT();
  const router = useRouter();
  const uid = useId();
  const [open, setOpen] = useState<Decision | null>(null);
  const [level, setLevel] = useState<MeetingLevel>('community');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);

  function choose(d: Decision | null) {
    setOpen(d);
    setErrors({});
    setGeneral(null);
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    const str = (k: string) => String(d.get(k) ?? '').trim();
    const body: Record<string, unknown> =
      open === 'accept' ? { decision: 'accept', level, placeId: level === 'community' ? null : str('placeId') || null, type: str('type') }
        : open === 'merge' ? { decision: 'merge', intoTopicId: str('intoTopicId') }
          : open === 'refer' ? { decision: 'refer', to: str('to'), reason: str('reason') }
            : { decision: 'reject', reason: str('reason') };
    setBusy(true);
    setErrors({});
    setGeneral(null);
    const res = await postTopicJson<{ status: string }>(`/api/topics/${topic.id}/review`, body);
    setBusy(false);
    if (res.ok) {
      const into = mergeTargets.find((x) => x.id === body.intoTopicId)?.title ?? '';
      onDone(
        open === 'accept' ? t('topicReview.done.accepted', { title: topic.title, level: t(`meeting.level.${level}`), type: t(`meeting.type.${body.type as MeetingType}`) })
          : open === 'merge' ? t('topicReview.done.merged', { title: topic.title, into })
            : open === 'refer' ? t('topicReview.done.referred', { title: topic.title, to: String(body.to) })
              : t('topicReview.done.rejected', { title: topic.title }),
        'ok',
      );
      router.refresh();
      return;
    }
    if (!res.error) return setGeneral(t('topicReview.error.network'));
    const byField = topicFieldErrors(t, res.error, { ...labels, reason: open === 'refer' ? 'topicReview.refer.reason' : 'topicReview.reject.reason' }, body);
    if (Object.keys(byField).length) return setErrors(byField);
    // Reviewed meanwhile (by a colleague): the topic leaves the queue on refresh, so the page says why.
    if (res.error.code === 'INVALID_STATE') {
      onDone(topicGeneralError(t, res.error), 'error');
      router.refresh();
      return;
    }
    setGeneral(topicGeneralError(t, res.error as ApiError));
  }

  /** A labelled field with its error under it (tied to it by aria-describedby). */
  function field(name: string, label: string, control: (describedBy: string | undefined) => ReactNode) {
    const errId = `${uid}-${name}-error`;
    return (
      <div>
        <label className="block text-base font-semibold text-ink">
          {label}
          {control(errors[name] ? errId : undefined)}
        </label>
        {errors[name] ? <p id={errId} className="mt-1 text-base font-semibold text-accent-800">{errors[name]}</p> : null}
      </div>
    );
  }
  const invalid = (name: string) => (errors[name] ? { 'aria-invalid': true as const } : {});

  return (
    <div className="mt-4 border-t border-ink/10 pt-3">
      <div role="group" aria-label={t('topicReview.action.label', { title: topic.title })} className="flex flex-wrap gap-2">
        {decisions.map((d) => (
          <Button key={d} variant={open === d ? 'primary' : 'secondary'} aria-pressed={open === d} aria-expanded={open === d}
            aria-controls={open === d ? `${uid}-form` : undefined} onClick={() => choose(open === d ? null : d)}>
            {t(`topicReview.action.${d}`)}
          </Button>
        ))}
      </div>
      {open ? (
        <form id={`${uid}-form`} onSubmit={(e) => void submit(e)} noValidate className="mt-3 space-y-3 rounded-xl border border-civic-200 bg-civic-50 p-4">
          {general ? <p role="alert" className="rounded-lg border-2 border-accent-700 bg-accent-50 p-2 text-base text-accent-800">{general}</p> : null}
          {open === 'accept' ? (
            <>
              <fieldset>
                <legend className="text-base font-semibold text-ink">{t('topicReview.accept.level')}</legend>
                <div className="mt-1 flex flex-wrap gap-x-5">
                  {meetingLevels.map((l) => (
                    <label key={l} className="flex items-center gap-2 text-base">
                      <input type="radio" name="level" value={l} checked={level === l} onChange={() => setLevel(l)} className="size-5" />
                      {t(`meeting.level.${l}`)}
                    </label>
                  ))}
                </div>
              </fieldset>
              {level !== 'community' ? field('placeId', t('topicReview.accept.place'), (describedBy) => (
                <select key={level} name="placeId" defaultValue="" aria-describedby={describedBy} {...invalid('placeId')} className={inputClass}>
                  <option value="">{t('topicReview.accept.placeChoose')}</option>
                  {level === 'grid'
                    ? grids.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)
                    : grids.map((g) => (
                      <optgroup key={g.id} label={g.name}>{g.compounds.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</optgroup>
                    ))}
                </select>
              )) : null}
              {field('type', t('topicReview.accept.type'), (describedBy) => (
                <select name="type" defaultValue="decision" aria-describedby={describedBy} {...invalid('type')} className={inputClass}>
                  {meetingTypes.map((x) => <option key={x} value={x}>{t(`meeting.type.${x}`)}</option>)}
                </select>
              ))}
            </>
          ) : null}
          {open === 'merge' ? (mergeTargets.length ? field('intoTopicId', t('topicReview.merge.into'), (describedBy) => (
            <select name="intoTopicId" defaultValue="" aria-describedby={describedBy} {...invalid('intoTopicId')} className={inputClass}>
              <option value="">{t('topicReview.merge.choose')}</option>
              {mergeTargets.map((x) => <option key={x.id} value={x.id}>{t('topicReview.merge.option', { title: x.title, status: t(`topic.status.${x.status}`) })}</option>)}
            </select>
          )) : <p className="text-base text-ink-muted">{t('topicReview.merge.none')}</p>) : null}
          {open === 'refer' ? field('to', t('topicReview.refer.to'), (describedBy) => (
            <input name="to" maxLength={80} aria-describedby={describedBy} {...invalid('to')} className={inputClass} />
          )) : null}
          {open === 'refer' || open === 'reject' ? field('reason', t(open === 'refer' ? 'topicReview.refer.reason' : 'topicReview.reject.reason'), (describedBy) => (
            <textarea name="reason" rows={3} maxLength={500} aria-describedby={describedBy} {...invalid('reason')} className={inputClass} />
          )) : null}
          <div className="flex flex-wrap gap-2">
            {open !== 'merge' || mergeTargets.length ? (
              <Button type="submit" variant={open === 'reject' ? 'danger' : 'primary'} disabled={busy}>
                {busy ? t('topicReview.busy') : t(`topicReview.${open}.submit`)}
              </Button>
            ) : null}
            <Button variant="ghost" onClick={() => choose(null)}>{t('topicReview.cancel')}</Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
