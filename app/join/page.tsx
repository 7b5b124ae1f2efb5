import type { Metadata } from 'next';
import { JoinScreen } from '@/components/meeting/phone/JoinScreen';
import { getI18n } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('join.title') };
}

/** /join, and /join?card=<token> from a member's card QR. */
export default async function JoinPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { card, code } = await searchParams;
  return <JoinScreen initialCard={typeof card === 'string' ? card : ''} initialCode={typeof code === 'string' ? code : ''} />;
}
