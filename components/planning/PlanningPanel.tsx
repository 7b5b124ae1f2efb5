'use client';

import { useMemo, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import { formatDateTime } from '@/lib/i18n/format';
import { firstNoticeAt, noticeLead } from '@/lib/meeting/notice-lead';
import type { MeetingProcedure, MeetingState } from '@/lib/meeting/state';
import { ParticipantCategory } from '@/lib/planning/categories';
import { keptProcedure, missingCategories, stepProgress } from '@/lib/planning/procedure';
import type { RunCommand } from '@/components/meeting/console/useCommandRunner';
import { NoticeAttachments } from './NoticeAttachments';

/** `YYYY-MM-DDTHH:mm` in the browser's zone, for a datetime-local input. */
function localInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Before the sitting (draft or announced): the form's procedure steps, the notice (published, revised),
 * the notice lead time with the early-start reason, editing title and venue, rescheduling and cancelling.
 */
export function PlanningPanel({ state, run, clockOffset, defaultProcedure = null }: { state: MeetingState; run: RunCommand; clockOffset: number; defaultProcedure?: MeetingProcedure | null }) {
  const t = useT();
  const locale = useLocale();
  // The procedure the server copied from the district's template edition when the meeting was planned
  // (validated there); a meeting that kept none follows the default's, which the page read on the server.
  const kept = state.procedure ?? defaultProcedure;
  const template = kept ? keptProcedure(kept) : { steps: [], requiredCategories: [] };
  const invited = state.invitedCategories.flatMap((c) => (ParticipantCategory.safeParse(c).success ? [c as ParticipantCategory] : []));
  const missing = missingCategories(template, invited);
  const firstNotice = firstNoticeAt(state);
  const lead = noticeLead(state.noticeLeadDays, firstNotice, new Date(Date.now() + clockOffset));
  const steps = stepProgress(template, {
    announcedAt: firstNotice, startedAt: state.startedAt ? new Date(state.startedAt) : null, closedAt: state.closedAt ? new Date(state.closedAt) : null,
    filedAt: null, resultsPublishedAt: null, ticked: {},
  });
  const before = state.status === 'draft' || state.status === 'announced';
  const [noticeText, setNoticeText] = useState<string | null>(null);
  const defaultNotice = useMemo(() => t('planning.notice.default', {
    community: state.communityName,
    time: state.scheduledAt ? formatDateTime(locale, state.scheduledAt, { dateStyle: 'full', timeStyle: 'short' }) : '',
    venue: state.venue, form: t(`meeting.form.${state.form}`), title: state.title,
    agenda: state.agenda.map((a, i) => `${i + 1}. ${a.title}`).join('；'),
    categories: invited.map((c) => t(`planning.category.${c}`)).join('、'),
  }), [t, locale, state.communityName, state.scheduledAt, state.venue, state.form, state.title, state.agenda, invited]);

  async function submit(e: FormEvent<HTMLFormElement>, act: (d: FormData) => ReturnType<RunCommand>, after?: () => void) {
    e.preventDefault();
    const form = e.currentTarget;
    const r = await act(new FormData(form));
    if (r.ok) {
      form.reset();
      after?.();
    }
  }
  const str = (d: FormData, k: string) => String(d.get(k) ?? '').trim();
  const label = 'block text-base font-semibold';

  return (
    <Card title={t('planning.panel.title')} className="!p-4">
      <div className="space-y-5">
        {state.status === 'cancelled' ? (
          <p role="status" className="rounded-xl border-2 border-accent-700 bg-accent-50 p-3 text-base text-accent-800">{t('planning.cancelled', { reason: state.statusReason ?? '' })}</p>
        ) : null}

        {steps.length ? <section aria-labelledby="plan-steps">
          <h3 id="plan-steps" className="text-lg font-semibold">{t(`meeting.form.${state.form}`)} · {t('planning.steps.title')}</h3>
          <ol className="mt-1 space-y-1">
            {steps.map(({ step, doneAt }) => (
              <li key={step.id} className="flex items-center gap-2 text-base">
                <span aria-hidden className={`inline-flex size-6 items-center justify-center rounded-full border-2 text-sm font-bold ${doneAt ? 'border-ok-600 bg-ok-600 text-white' : 'border-ink/30 text-transparent'}`}>✓</span>
                <span>{step.name[locale]}</span>
                <span className="sr-only">{doneAt ? t('planning.step.done') : t('planning.step.todo')}</span>
              </li>
            ))}
          </ol>
          {missing.length ? (
            <p role="status" className="mt-2 rounded-lg border-2 border-warn-500 px-3 py-2 text-base">
              {t('planning.missingCategories', { list: missing.map((c) => t(`planning.category.${c}`)).join('、') })}
            </p>
          ) : null}
        </section> : null}

        <section aria-labelledby="plan-notice">
          <h3 id="plan-notice" className="text-lg font-semibold">{t('planning.notice.title')}</h3>
          {state.notices.length === 0 ? <p className="text-base text-ink-muted">{t('planning.notice.none')}</p> : (
            <ol className="mt-1 space-y-2">
              {state.notices.map((n) => (
                <li key={n.id} className="rounded-xl border border-ink/15 px-3 py-2">
                  <p className="text-sm text-ink-muted">
                    <span className="mr-2 rounded-full border border-civic-700 px-2 font-semibold text-civic-900">{t(`planning.notice.kind.${n.kind}`)}</span>
                    {t('planning.notice.by', { time: formatDateTime(locale, n.publishedAt), by: n.by })}
                  </p>
                  <p className="mt-1 whitespace-pre-line text-base">{n.text}</p>
                </li>
              ))}
            </ol>
          )}
          {before ? (
            <form className="mt-2 space-y-2" onSubmit={(e) => submit(e, () => run('meeting.announce', { text: noticeText ?? defaultNotice }), () => setNoticeText(null))}>
              <label className={label}>
                {t('planning.notice.text')}
                <textarea name="text" rows={5} maxLength={4000} required value={noticeText ?? defaultNotice} onChange={(e) => setNoticeText(e.target.value)} className={inputClass} />
              </label>
              <Button type="submit" variant={state.notices.length ? 'secondary' : 'primary'}>
                {state.notices.length ? t('planning.notice.revise') : t('planning.notice.publish')}
              </Button>
            </form>
          ) : null}
          <NoticeAttachments meetingId={state.meetingId} noticeCount={state.notices.length} canChange={before} />
        </section>

        {before && state.noticeLeadDays > 0 ? (
          <section aria-labelledby="plan-lead" className={`rounded-xl border-2 p-3 ${lead.met ? 'border-ok-600' : 'border-warn-500'}`}>
            <h3 id="plan-lead" className="sr-only">{t('planning.lead.reason')}</h3>
            <p className="text-base">
              {lead.announcedDaysAgo === null
                ? t('planning.lead.notAnnounced', { required: lead.requiredDays })
                : lead.met ? t('planning.lead.met', { days: lead.announcedDaysAgo, required: lead.requiredDays })
                  : t('planning.lead.notMet', { days: lead.announcedDaysAgo, required: lead.requiredDays })}
            </p>
            {!lead.met ? (
              <form className="mt-2 space-y-2" onSubmit={(e) => submit(e, (d) => run('meeting.start', { overrideReason: str(d, 'overrideReason') }))}>
                <p className="text-sm text-ink-muted">{t('planning.lead.overrideHint')}</p>
                <label className={label}>
                  {t('planning.lead.reason')}
                  <input name="overrideReason" required minLength={2} maxLength={500} className={inputClass} />
                </label>
                <Button type="submit" variant="secondary">{t('planning.lead.startEarly')}</Button>
              </form>
            ) : null}
          </section>
        ) : null}

        {before ? (
          <>
            <details className="rounded-xl border border-ink/15 px-3 py-2">
              <summary id="plan-edit" className="cursor-pointer text-lg font-semibold">{t('planning.edit.title')}</summary>
              <form aria-labelledby="plan-edit" className="mt-2 space-y-2" onSubmit={(e) => submit(e, (d) => run('meeting.edit', { title: str(d, 'title'), venue: str(d, 'venue') }))}>
              <label className={label}>{t('planning.field.title')}<input name="title" required maxLength={200} defaultValue={state.title} key={`t${state.title}`} className={inputClass} /></label>
              <label className={label}>{t('planning.field.venue')}<input name="venue" required maxLength={200} defaultValue={state.venue} key={`v${state.venue}`} className={inputClass} /></label>
              <Button type="submit" variant="secondary">{t('planning.edit.save')}</Button>
            </form>
            </details>
            <details className="rounded-xl border border-ink/15 px-3 py-2">
              <summary id="plan-reschedule" className="cursor-pointer text-lg font-semibold">{t('planning.reschedule.title')}</summary>
              <form aria-labelledby="plan-reschedule" className="mt-2 space-y-2" onSubmit={(e) => submit(e, (d) => run('meeting.reschedule', {
              scheduledAt: new Date(str(d, 'scheduledAt')).toISOString(), endsAt: str(d, 'endsAt') ? new Date(str(d, 'endsAt')).toISOString() : null, reason: str(d, 'reason'),
            }))}>
              <div className="grid gap-2 sm:grid-cols-2">
                <label className={label}>{t('planning.field.scheduledAt')}<input name="scheduledAt" type="datetime-local" required defaultValue={localInput(state.scheduledAt)} className={inputClass} /></label>
                <label className={label}>{t('planning.field.endsAt')}<input name="endsAt" type="datetime-local" defaultValue={localInput(state.endsAt)} className={inputClass} /></label>
              </div>
              <label className={label}>{t('planning.reschedule.reason')}<input name="reason" required minLength={2} maxLength={500} className={inputClass} /></label>
              <Button type="submit" variant="secondary">{t('planning.reschedule.submit')}</Button>
            </form>
            </details>
            <details className="rounded-xl border border-ink/15 px-3 py-2">
              <summary id="plan-cancel" className="cursor-pointer text-lg font-semibold">{t('planning.cancel.title')}</summary>
              <form aria-labelledby="plan-cancel" className="mt-2 space-y-2" onSubmit={(e) => {
              if (!window.confirm(t('planning.cancel.confirm'))) return e.preventDefault();
              return submit(e, (d) => run('meeting.cancel', { reason: str(d, 'reason') }));
            }}>
              <label className={label}>{t('planning.cancel.reason')}<input name="reason" required minLength={2} maxLength={500} className={inputClass} /></label>
              <Button type="submit" variant="danger">{t('planning.cancel.submit')}</Button>
            </form>
            </details>
          </>
        ) : null}
      </div>
    </Card>
  );
}
