import type { Metadata } from 'next';
import { ProjectorView } from '@/components/meeting/projector/ProjectorView';
import { getI18n } from '@/lib/i18n/server';
import { requireStaff } from '../../../staff';
import { roleInMeetingOr404 } from '../meeting-role';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('projector.pageTitle') };
}

/** Opened on the hall laptop by a logged-in staff member and put full-screen on the projector. */
export default async function ProjectorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await roleInMeetingOr404(await requireStaff(), id);
  return <ProjectorView meetingId={id} />;
}
