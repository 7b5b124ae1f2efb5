import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RecorderPhone } from '@/components/visits/RecorderPhone';
import { getI18n } from '@/lib/i18n/server';
import { sharedDb } from '@/lib/platform/db/shared';
import { mayVisits } from '@/lib/visits/permissions';
import { requireStaff } from '../../../staff';
import { roleInMeetingOr404 } from '../meeting-role';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('visits.phone.pageTitle') };
}

/**
 * The recorder's phone page for a round of household visits: the staff session (logged in on the phone)
 * and a meeting role that may log visits; everything else happens in the browser, offline too.
 */
export default async function VisitsPhonePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await requireStaff();
  const role = await roleInMeetingOr404(staff, id);
  const meeting = await sharedDb().meeting.findUniqueOrThrow({ where: { id }, select: { form: true } });
  if (meeting.form !== 'visit' || !mayVisits(role, 'visits.log')) notFound();
  return <RecorderPhone meetingId={id} recorderName={staff.displayName} />;
}
