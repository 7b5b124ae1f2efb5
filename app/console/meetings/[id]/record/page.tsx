import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ConsoleHeader } from '@/components/meeting/console/ConsoleHeader';
import { RecordWorkspace } from '@/components/record/RecordWorkspace';
import { getI18n } from '@/lib/i18n/server';
import { can } from '@/lib/meeting/permissions';
import { listMeetingsFor } from '@/lib/meeting/queries';
import { sharedDb } from '@/lib/platform/db/shared';
import { requireStaff } from '../../../staff';
import { roleInMeetingOr404 } from '../meeting-role';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('record.page.title') };
}

/**
 * The record of one meeting for its staff: the convener and the recorders sign it here, each on their
 * own device; everyone who may read the minutes follows its state.
 */
export default async function RecordPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await requireStaff();
  const role = await roleInMeetingOr404(staff, id);
  if (!can(role, 'minutes.read')) notFound();
  const { t } = await getI18n();
  const meeting = (await listMeetingsFor(sharedDb(), staff)).find((m) => m.id === id);
  return (
    <div className="min-h-dvh">
      <ConsoleHeader staff={staff}>
        <Link href="/console" className="underline">{t('console.home.title')}</Link>
        <span aria-hidden="true"> › </span>
        <Link href={`/console/meetings/${id}`} className="underline">{t('minutes.backToConsole')}</Link>
      </ConsoleHeader>
      <main>
        <div className="border-b border-ink/15 bg-white px-4 py-3">
          <h1 className="text-2xl font-bold leading-tight text-ink">{t('record.page.heading')}</h1>
          <p className="mt-1 text-base text-ink-muted">{meeting ? `${meeting.title} · ` : ''}{t('record.page.intro')}</p>
        </div>
        <RecordWorkspace meetingId={id} staffId={staff.id} meetingClosed={meeting?.status === 'closed'} />
      </main>
    </div>
  );
}
