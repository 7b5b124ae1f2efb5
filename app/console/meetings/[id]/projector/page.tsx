import type { Metadata } from 'next';
import { ProjectorView } from '@/components/meeting/projector/ProjectorView';
import { getI18n } from '@/lib/i18n/server';
import { boardPath } from '@/lib/planning/board-path';
import { sharedDb } from '@/lib/platform/db/shared';
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
  const meeting = await sharedDb().meeting.findUniqueOrThrow({ where: { id }, select: { community: { select: { code: true } } } });
  // After the meeting the wall shows where its results will be published: the community board.
  return <ProjectorView meetingId={id} boardPath={boardPath(meeting.community.code)} />;
}
