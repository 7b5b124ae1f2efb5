import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { PhoneQuestionnaire } from '@/components/questionnaire/PhoneQuestionnaire';
import { Messages } from '@/components/ui/Messages';
import { residentOfRequest, residentView } from '@/app/(site)/c/[community]/resident';
import { getI18n } from '@/lib/i18n/server';
import { boardPath } from '@/lib/planning/board-path';
import { sharedDb } from '@/lib/platform/db/shared';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('questionnairePhone.kickerPlain') };
}

/**
 * /q/<code>: a questionnaire's form on the resident's phone (the board's link, the poster's QR). A route of
 * its own, so that the meeting page (/m/<code>, which sends a questionnaire's code here) does not carry the
 * form's code to every phone in the hall.
 */
export default async function QuestionnairePhonePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const joinCode = decodeURIComponent(code).trim().toUpperCase();
  const meeting = await sharedDb().meeting.findUnique({ where: { joinCode }, select: { form: true, community: { select: { code: true } } } });
  // Any other meeting's code: its own page (which says so when the code is unknown).
  if (meeting?.form !== 'questionnaire') redirect(`/m/${encodeURIComponent(joinCode)}`);
  return (
    <Messages areas={['questionnairePhone']}>
      <PhoneQuestionnaire joinCode={joinCode} resident={residentView(await residentOfRequest())} boardHref={boardPath(meeting.community.code)} />
    </Messages>
  );
}
