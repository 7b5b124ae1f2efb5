import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { PhoneMeeting } from '@/components/meeting/phone/PhoneMeeting';
import { getI18n } from '@/lib/i18n/server';
import { boardPath } from '@/lib/planning/board-path';
import { sharedDb } from '@/lib/platform/db/shared';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('phone.pageTitle') };
}

/** /m/<code>: the resident's phone view; ?remote=1 adds the remote participant's panels. */
export default async function MeetingPhonePage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { code } = await params;
  const { remote } = await searchParams;
  const joinCode = decodeURIComponent(code).toUpperCase();
  const meeting = await sharedDb().meeting.findUnique({ where: { joinCode }, select: { title: true, form: true, community: { select: { code: true } } } });
  // A questionnaire has no sitting to join: the same link (the board's, a poster's QR made before /q) opens its form.
  if (meeting?.form === 'questionnaire') redirect(`/q/${encodeURIComponent(joinCode)}`);
  return <PhoneMeeting joinCode={joinCode} title={meeting?.title} remoteHint={remote === '1'} boardPath={meeting ? boardPath(meeting.community.code) : undefined} />;
}
