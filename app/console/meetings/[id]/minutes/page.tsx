import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ConsoleHeader } from '@/components/meeting/console/ConsoleHeader';
import { MinutesWorkspace } from '@/components/minutes/MinutesWorkspace';
import { RecordLink } from '@/components/record/RecordLink';
import { getI18n } from '@/lib/i18n/server';
import { can } from '@/lib/meeting/permissions';
import { requireStaff } from '../../../staff';
import { roleInMeetingOr404 } from '../meeting-role';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('minutes.pageTitle') };
}

/** The minutes of one meeting: recorders and the facilitator write them together; other staff who may read them, read. */
export default async function MinutesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await requireStaff();
  const role = await roleInMeetingOr404(staff, id);
  if (!can(role, 'minutes.read')) notFound();
  const { t } = await getI18n();
  return (
    <div className="min-h-dvh">
      <ConsoleHeader staff={staff}>
        <Link href="/console" className="underline">{t('console.home.title')}</Link>
        <span aria-hidden="true"> › </span>
        <Link href={`/console/meetings/${id}`} className="underline">{t('minutes.backToConsole')}</Link>
      </ConsoleHeader>
      <main>
        <div className="border-b border-ink/15 bg-white px-4 py-3">
          <h1 className="text-2xl font-bold leading-tight text-ink">{t('minutes.heading')}</h1>
          <p className="mt-1 text-base text-ink-muted">{t('minutes.intro')}</p>
          <RecordLink meetingId={id} className="mt-1 inline-block" />
        </div>
        <MinutesWorkspace meetingId={id} userName={staff.displayName} canEdit={can(role, 'minutes.edit')} />
      </main>
    </div>
  );
}
