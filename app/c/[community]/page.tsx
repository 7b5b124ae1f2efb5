import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CommunityBoardView } from '@/components/board/CommunityBoardView';
import { getI18n } from '@/lib/i18n/server';
import { communityBoard } from '@/lib/planning/board';
import { sharedDb } from '@/lib/platform/db/shared';
import { AppError } from '@/lib/platform/errors';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('board.pageTitle') };
}

/** /c/<community>: the community board (社区协商公示栏), public, phone first. */
export default async function CommunityBoardPage({ params }: { params: Promise<{ community: string }> }) {
  const { community } = await params;
  let board;
  try {
    board = await communityBoard(sharedDb(), decodeURIComponent(community));
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
  return <CommunityBoardView board={board} />;
}
