import type { Metadata } from 'next';
import { CommunityBoardView } from '@/components/board/CommunityBoardView';
import { getI18n } from '@/lib/i18n/server';
import { boardOr404 } from './load-board';
import { residentOfRequest, residentView } from './resident';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('board.pageTitle') };
}

/** /c/<code>: the community board (社区协商公示栏), public, phone first (an old /c/<id> link redirects here). */
export default async function CommunityBoardPage({ params }: { params: Promise<{ community: string }> }) {
  const { community } = await params;
  const board = await boardOr404(community);
  return <CommunityBoardView board={board} resident={residentView(await residentOfRequest())} />;
}
