import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { PrintButton } from '@/components/meeting/console/PrintButton';
import { QrCode } from '@/components/ui/QrCode';
import { getI18n } from '@/lib/i18n/server';
import { boardPath } from '@/lib/planning/board-path';
import { boardOr404 } from '../load-board';
import { publicOrigin } from '@/lib/platform/public-origin';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('board.poster') };
}

/** /c/<code>/poster: an A4 poster for the notice board in the building, with the board's QR. */
export default async function BoardPosterPage({ params }: { params: Promise<{ community: string }> }) {
  const { community } = await params;
  const { t } = await getI18n();
  const board = await boardOr404(community, '/poster');
  const url = `${publicOrigin(process.env.YISHI_PUBLIC_URL, await headers())}${boardPath(board.community.code)}`;
  return (
    <main className="mx-auto flex min-h-dvh max-w-[210mm] flex-col items-center justify-center gap-8 bg-white p-10 text-center print:min-h-0 print:p-0">
      <p className="text-2xl text-ink-muted">{board.community.streetName}</p>
      <h1 className="text-5xl font-bold leading-tight text-ink">{t('board.title', { community: board.community.name })}</h1>
      <QrCode value={url} size={340} label={t('board.posterTitle', { community: board.community.name })} />
      <p className="text-3xl font-semibold text-ink">{t('board.posterTitle', { community: board.community.name })}</p>
      <p className="text-2xl text-ink-muted">{t('board.posterHint')}</p>
      <p className="break-all font-mono text-lg text-ink-muted">{url}</p>
      <div className="print:hidden"><PrintButton /></div>
    </main>
  );
}
