import type { Metadata } from 'next';
import Link from 'next/link';
import { ProposeForm } from '@/components/topics/ProposeForm';
import { LanguageSwitch } from '@/components/ui/LanguageSwitch';
import { getI18n } from '@/lib/i18n/server';
import { boardPath } from '@/lib/planning/board-path';
import { boardOr404 } from '../load-board';
import { residentOfRequest, residentView } from '../resident';

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
      <header className="border-t-4 border-accent-700 bg-white">
        <div className="mx-auto flex w-full max-w-2xl items-center justify-between gap-3 px-4 py-4">
          <Link href={href} className="text-lg font-semibold text-civic-800 underline">{t('topic.backToBoard', { community: board.community.name })}</Link>
          <LanguageSwitch />
        </div>
      </header>
      <main className="mx-auto w-full max-w-2xl flex-1 space-y-4 px-4 py-6">
        <h1 className="text-2xl font-bold">{t('topic.propose.title')}</h1>
        <p className="text-lg text-ink-muted">{t('topic.propose.intro')}</p>
        <ProposeForm communityId={board.community.id} boardHref={href} resident={residentView(await residentOfRequest())} />
      </main>
    </div>
  );
}
