import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DecisionView } from '@/components/topics/DecisionView';
import { getI18n } from '@/lib/i18n/server';
import { boardPath } from '@/lib/planning/board-path';
import { sharedDb } from '@/lib/platform/db/shared';
import { AppError } from '@/lib/platform/errors';
import { publicDecision } from '@/lib/topics/implementation';
import { boardOr404 } from '../../load-board';
import { residentOfRequest, residentView } from '../../resident';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('topic.decision.pageTitle') };
}

/** /c/<code>/d/<taskId>: a decision's implementation, history and residents' ratings. */
export default async function DecisionPage({ params }: { params: Promise<{ community: string; taskId: string }> }) {
  const { community, taskId } = await params;
  const board = await boardOr404(community, `/d/${encodeURIComponent(taskId)}`);
  if (!/^[A-Za-z0-9-]{1,100}$/.test(taskId)) notFound();
  const resident = await residentOfRequest();
  let decision;
  try {
    decision = await publicDecision(sharedDb(), taskId, resident);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
  if (decision.communityId !== board.community.id) notFound();
  return <DecisionView decision={decision} boardHref={boardPath(board.community.code)} communityName={board.community.name} resident={residentView(resident)} />;
}
