import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { sharedDb } from '@/lib/platform/db/shared';
import { JoinScreen } from '@/components/meeting/phone/JoinScreen';
import { getI18n } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('join.title') };
}

/** /join, and /join?card=<token> from a member's card QR. */
export default async function JoinPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { card, code } = await searchParams;
  // A questionnaire's code (a link made before it was one, or typed into the address) opens its form.
  if (typeof code === 'string' && code.trim() && typeof card !== 'string') {
    const joinCode = code.trim().toUpperCase();
    const meeting = await sharedDb().meeting.findUnique({ where: { joinCode }, select: { form: true } });
    if (meeting?.form === 'questionnaire') redirect(`/q/${encodeURIComponent(joinCode)}`);
  }
  return <JoinScreen initialCard={typeof card === 'string' ? card : ''} initialCode={typeof code === 'string' ? code : ''} />;
}
