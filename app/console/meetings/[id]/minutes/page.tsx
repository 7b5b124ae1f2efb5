import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { MeetingPage } from '@/components/meeting/console/MeetingPage';
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
    <MeetingPage staff={staff} meetingId={id} heading={t('minutes.heading')} intro={t('minutes.intro')} below={<RecordLink meetingId={id} className="mt-1 inline-block" />}>
      <MinutesWorkspace meetingId={id} userName={staff.displayName} canEdit={can(role, 'minutes.edit')} />
    </MeetingPage>
  );
}
