import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { sharedDb } from '@/lib/platform/db/shared';
import { JoinScreen } from '@/components/meeting/phone/JoinScreen';
import { getI18n } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('join.title') };
}

/** /j/<code>: the target of the meeting's QR code in the hall; the code is filled in. */
export default async function JoinByCodePage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { code } = await params;
  const { card } = await searchParams;
  // A questionnaire has no sitting and no cards: its code opens the form to answer.
  const joinCode = decodeURIComponent(code).trim().toUpperCase();
  const meeting = await sharedDb().meeting.findUnique({ where: { joinCode }, select: { form: true } });
  if (meeting?.form === 'questionnaire') redirect(`/q/${encodeURIComponent(joinCode)}`);
  return <JoinScreen initialCode={decodeURIComponent(code)} initialCard={typeof card === 'string' ? card : ''} />;
}
