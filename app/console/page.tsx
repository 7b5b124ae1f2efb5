import type { Metadata } from 'next';
import Link from 'next/link';
import { ButtonLink } from '@/components/ui/ButtonLink';
import { ConsoleHeader } from '@/components/meeting/console/ConsoleHeader';
import { formatDateTime } from '@/lib/i18n/locale';
import { getI18n } from '@/lib/i18n/server';
import type { MeetingForm, MeetingLevel, MeetingStatus, MeetingType } from '@/lib/meeting/model';
import { listMeetingsFor } from '@/lib/meeting/queries';
import { mayPlanOwnCommunity } from '@/lib/planning/access';
import { sharedDb } from '@/lib/platform/db/shared';
import { requireStaff } from './staff';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('console.home.title') };
}

const statusClass: Record<string, string> = {
  draft: 'border-ink/30 bg-white text-ink',
  announced: 'border-civic-700 bg-civic-50 text-civic-900',
  live: 'border-ok-600 bg-ok-600 text-white',
  closed: 'border-ink/30 bg-ink/5 text-ink-muted',
  cancelled: 'border-accent-700 bg-accent-50 text-accent-800',
};

function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`rounded-full border-2 px-3 py-0.5 text-base font-semibold ${statusClass[status] ?? statusClass.draft}`}>{label}</span>;
}

export default async function ConsoleHome() {
  const staff = await requireStaff();
  const { locale, t } = await getI18n();
  const meetings = await listMeetingsFor(sharedDb(), staff);
  const canPlan = mayPlanOwnCommunity(staff);
  // What is coming up first, soonest on top; closed meetings below, newest first.
  const upcoming = meetings.filter((m) => m.status !== 'closed').reverse();
  const past = meetings.filter((m) => m.status === 'closed');
  const describe = (m: (typeof meetings)[number]) =>
    [t(`meeting.form.${m.form as MeetingForm}`), t(`meeting.level.${m.level as MeetingLevel}`), t(`meeting.type.${m.type as MeetingType}`), m.community.name].join(' · ');

  return (
    <div className="min-h-dvh">
      <ConsoleHeader staff={staff} />
      <main className="mx-auto w-full max-w-6xl px-4 py-8">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-3xl font-bold text-ink">{t('console.home.title')}</h1>
            <p className="mt-1 text-lg text-ink-muted">{t('console.home.intro', { name: staff.displayName })}</p>
          </div>
          {canPlan ? (
            <div className="flex flex-wrap gap-2">
              <ButtonLink href="/console/community" variant="secondary">{t('planning.places.link')}</ButtonLink>
              <ButtonLink href="/console/meetings/new">{t('planning.new.link')}</ButtonLink>
            </div>
          ) : null}
        </div>
        {meetings.length === 0 ? (
          <p className="mt-8 rounded-2xl border border-ink/15 bg-white p-6 text-lg">{t('console.home.empty')}</p>
        ) : (
          <>
            <section aria-labelledby="upcoming" className="mt-6">
              <h2 id="upcoming" className="text-2xl font-semibold text-ink">{t('console.home.upcoming')}</h2>
              {upcoming.length === 0 ? <p className="mt-3 text-lg text-ink-muted">{t('console.home.upcomingEmpty')}</p> : (
                <ul className="mt-3 space-y-4">
                  {upcoming.map((m) => (
                    <li key={m.id} className="rounded-2xl border border-ink/15 bg-white p-5 shadow-sm">
                      <div className="flex flex-wrap items-start justify-between gap-4">
                        <div className="min-w-0 flex-1">
                          <h3 className="text-xl font-semibold text-ink">
                            <Link href={`/console/meetings/${m.id}`} className="underline-offset-4 hover:underline">{m.title}</Link>
                          </h3>
                          <p className="mt-1 text-base text-ink-muted">{describe(m)}</p>
                          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-base">
                            <dt className="text-ink-muted">{t('console.home.scheduled')}</dt>
                            <dd><time dateTime={m.scheduledAt.toISOString()}>{formatDateTime(locale, m.scheduledAt, { dateStyle: 'full', timeStyle: 'short' })}</time></dd>
                            <dt className="text-ink-muted">{t('console.home.venue')}</dt>
                            <dd>{m.venue}</dd>
                            <dt className="text-ink-muted">{t('console.joinCode')}</dt>
                            <dd className="font-mono text-lg font-bold tracking-widest">{m.joinCode}</dd>
                          </dl>
                        </div>
                        <div className="flex flex-col items-end gap-3">
                          <StatusBadge status={m.status} label={t(`meeting.status.${m.status as MeetingStatus}`)} />
                          <div className="flex flex-wrap justify-end gap-2">
                            <ButtonLink href={`/console/meetings/${m.id}`}>{t('console.home.open')}</ButtonLink>
                            <ButtonLink href={`/console/meetings/${m.id}/projector`} target="_blank" variant="secondary">{t('console.projectorLink')}</ButtonLink>
                            <ButtonLink href={`/console/meetings/${m.id}/cards`} variant="secondary">{t('console.cardsLink')}</ButtonLink>
                          </div>
                        </div>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {past.length > 0 ? (
              // Past meetings are many and read rarely: a compact list, newest first, each with its record.
              <section aria-labelledby="past" className="mt-10">
                <h2 id="past" className="text-2xl font-semibold text-ink">{t('console.home.past', { count: past.length })}</h2>
                <ul className="mt-3 divide-y divide-ink/10 rounded-2xl border border-ink/15 bg-white">
                  {past.map((m) => (
                    <li key={m.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3">
                      <time dateTime={m.scheduledAt.toISOString()} className="w-32 shrink-0 text-base text-ink-muted">{formatDateTime(locale, m.scheduledAt, { dateStyle: 'medium' })}</time>
                      <Link href={`/console/meetings/${m.id}`} className="min-w-0 flex-1 text-lg font-medium text-ink underline-offset-4 hover:underline">{m.title}</Link>
                      <span className="text-base text-ink-muted">{describe(m)}</span>
                      <Link href={`/console/meetings/${m.id}/record`} className="text-base font-medium text-civic-800 underline underline-offset-4">{t('console.home.record')}</Link>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </>
        )}
      </main>
    </div>
  );
}
