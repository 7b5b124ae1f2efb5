import Link from 'next/link';
import type { communityEvidence } from '@/lib/assessment/scores';
import { formatDateTime, type Locale, type Translate } from '@/lib/i18n/format';
import type { MeetingForm } from '@/lib/meeting/model';
import type { NameOf } from './scoring-text';

type Evidence = Awaited<ReturnType<typeof communityEvidence>>;
type Props = { evidence: Evidence; nameOf: NameOf; t: Translate; locale: Locale };

const statusClass: Record<string, string> = {
  pending: 'border-2 border-warn-500 bg-white text-ink',
  accepted: 'bg-ok-600 text-white',
  rejected: 'bg-accent-700 text-white',
};

/** The community's evidence: filed records with their signature check, then uploads with their review. */
export function EvidenceList({ evidence, nameOf, t, locale }: Props) {
  const date = (d: Date | string) => formatDateTime(locale, d, { dateStyle: 'medium' });
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <section aria-labelledby="evidence-records">
        <h3 id="evidence-records" className="text-lg font-semibold text-ink">{t('scoring.evidence.records')}</h3>
        {evidence.records.length === 0 ? (
          <p className="mt-2 text-base text-ink-muted">{t('scoring.evidence.recordsNone')}</p>
        ) : (
          <ul className="mt-2 divide-y divide-ink/10 rounded-lg border border-ink/15 bg-white" data-testid="evidence-records">
            {evidence.records.map((r) => (
              <li key={r.recordId} className="px-3 py-2.5">
                <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <Link href={`/v/${r.recordId}`} className="text-base font-medium text-civic-800 underline">{r.title || r.recordId}</Link>
                  <span className={`text-base font-semibold ${r.verified ? 'text-ok-600' : r.verified === false ? 'text-accent-700' : 'text-ink-muted'}`}>
                    {r.verified
                      ? t('scoring.evidence.verified')
                      : r.verified === false
                        ? r.failedCheck ? t('scoring.evidence.failedCheck', { check: t(`record.check.${r.failedCheck}.failed`) }) : t('scoring.evidence.unverified')
                        : t('scoring.evidence.notFiled')}
                  </span>
                </div>
                <p className="text-sm text-ink-muted">
                  {[
                    r.closedAt ? t('scoring.evidence.closed', { date: date(r.closedAt) }) : null,
                    r.form ? t(`meeting.form.${r.form as MeetingForm}`) : null,
                    r.type ? t(`meeting.type.${r.type}`) : null,
                    r.level ? t(`meeting.level.${r.level}`) : null,
                  ].filter(Boolean).join(' · ')}
                </p>
                {r.indicators.length > 0 ? (
                  <details className="mt-0.5 text-sm">
                    <summary className="cursor-pointer text-ink">{t('scoring.evidence.supports', { count: r.indicators.length })}</summary>
                    <ul className="mt-1 list-disc pl-5 text-ink-muted">
                      {r.indicators.map((id) => <li key={id}>{nameOf(id)}</li>)}
                    </ul>
                  </details>
                ) : (
                  <p className="text-sm text-ink-muted">{t('scoring.evidence.supportsNone')}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="evidence-uploads">
        <h3 id="evidence-uploads" className="text-lg font-semibold text-ink">{t('scoring.evidence.uploads')}</h3>
        {evidence.uploads.length === 0 ? (
          <p className="mt-2 text-base text-ink-muted">{t('scoring.evidence.uploadsNone')}</p>
        ) : (
          <ul className="mt-2 divide-y divide-ink/10 rounded-lg border border-ink/15 bg-white" data-testid="evidence-uploads">
            {evidence.uploads.map((u) => (
              <li key={u.id} className="px-3 py-2.5">
                <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <a href={`/api/evidence/${u.id}/file`} className="text-base font-medium text-civic-800 underline">{u.title}</a>
                  <span className={`rounded px-2 text-base font-semibold ${statusClass[u.status] ?? statusClass.pending}`}>
                    {t(`scoring.status.${u.status as 'pending' | 'accepted' | 'rejected'}`)}
                    {u.status === 'accepted' && u.credit !== null && u.credit < 1 ? ` · ${t('scoring.evidence.credit', { percent: Math.round(u.credit * 100) })}` : ''}
                  </span>
                </div>
                <p className="text-sm text-ink-muted">
                  {t('scoring.evidence.for', { indicator: nameOf(u.indicatorId) })} · {t('scoring.evidence.uploadedAt', { date: date(u.createdAt) })}
                </p>
                {u.reviewReason ? <p className="mt-0.5 text-sm text-ink">{t('scoring.evidence.reason', { reason: u.reviewReason })}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
