import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { MeetingPage } from '@/components/meeting/console/MeetingPage';
import { RecordWorkspace } from '@/components/record/RecordWorkspace';
import { PublicityPanel } from '@/components/topics/PublicityPanel';
import { publicationOfMeeting } from '@/lib/topics/publicity';
import { getI18n } from '@/lib/i18n/server';
import { can } from '@/lib/meeting/permissions';
import { meetingHeadline } from '@/lib/meeting/queries';
import { sharedDb } from '@/lib/platform/db/shared';
import { platformFingerprint } from '@/lib/record/platform-key';
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
  const meeting = await meetingHeadline(sharedDb(), id);
  const fingerprint = await platformFingerprint(sharedDb());
  const publication = await publicationOfMeeting(sharedDb(), id);
  return (
    <MeetingPage staff={staff} meetingId={id} heading={t('record.page.heading')} intro={`${meeting ? `${meeting.title} · ` : ''}${t('record.page.intro')}`}>
      <RecordWorkspace meetingId={id} staffId={staff.id} meetingClosed={meeting?.status === 'closed'} platformFingerprint={fingerprint} />
      {publication ? <div className="mt-6"><PublicityPanel publication={publication} mayAnswer={can(role, 'meeting.manage')} /></div> : null}
    </MeetingPage>
  );
}
