import type { Metadata } from 'next';
import { JoinFrame } from '@/components/meeting/phone/JoinScreen';
import { LinkJoin } from '@/components/meeting/phone/LinkJoin';
import { getI18n } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('join.link.remoteTitle') };
}

/** /r/<token>: a remote participant's personal invitation link. */
export default async function RemoteInvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <JoinFrame>
      <LinkJoin via="remote" token={decodeURIComponent(token)} />
    </JoinFrame>
  );
}
