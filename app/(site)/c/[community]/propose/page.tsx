import type { Metadata } from 'next';
import { ProposeForm } from '@/components/topics/ProposeForm';
import { getI18n } from '@/lib/i18n/server';
import { boardPath } from '@/lib/planning/board-path';
import { boardOr404 } from '../load-board';
import { residentOfRequest, residentView } from '../resident';
import { BoardSubpageHeader } from '@/components/topics/BoardSubpageHeader';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('topic.propose.pageTitle') };
}

/** /c/<code>/propose: a resident proposes a topic from the phone (confirmed number, text, photos). */
export default async function ProposePage({ params }: { params: Promise<{ community: string }> }) {
  const { community } = await params;
  const board = await boardOr404(community, '/propose');
  const { t } = await getI18n();
  const href = boardPath(board.community.code);
  return (
    <div className="flex min-h-dvh flex-col">
      <BoardSubpageHeader boardHref={href} communityName={board.community.name} t={t} />
      <main className="mx-auto w-full max-w-2xl flex-1 space-y-4 px-4 py-6">
        <h1 className="text-2xl font-bold">{t('topic.propose.title')}</h1>
        <p className="text-lg text-ink-muted">{t('topic.propose.intro')}</p>
        <ProposeForm communityId={board.community.id} boardHref={href} resident={residentView(await residentOfRequest())} />
      </main>
    </div>
  );
}
