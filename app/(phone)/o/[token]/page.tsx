import type { Metadata } from 'next';
import { JoinFrame } from '@/components/meeting/phone/JoinScreen';
import { LinkJoin } from '@/components/meeting/phone/LinkJoin';
import { getI18n } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('join.link.observerTitle') };
}

/** /o/<token>: the meeting's view-only link for observers (列席, 旁听). */
export default async function ObserverLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <JoinFrame>
      <LinkJoin via="observer" token={decodeURIComponent(token)} />
    </JoinFrame>
  );
}
