import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TopicView } from '@/components/topics/TopicView';
import { getI18n } from '@/lib/i18n/server';
import { boardPath } from '@/lib/planning/board-path';
import { sharedDb } from '@/lib/platform/db/shared';
import { AppError } from '@/lib/platform/errors';
import { publicTopic } from '@/lib/topics/queries';
import { boardOr404 } from '../../load-board';
import { residentOfRequest, residentView } from '../../resident';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('topic.pageTitle') };
}

/** /c/<code>/t/<topicId>: a topic's public page with its journey; co-signing while it awaits review. */
export default async function TopicPage({ params, searchParams }: {
  params: Promise<{ community: string; topicId: string }>; searchParams: Promise<{ photosFailed?: string }>;
}) {
  const { community, topicId } = await params;
  const board = await boardOr404(community, `/t/${encodeURIComponent(topicId)}`);
  const resident = await residentOfRequest();
  let topic;
  try {
    if (!/^[A-Za-z0-9-]{1,100}$/.test(topicId)) notFound();
    topic = await publicTopic(sharedDb(), topicId, resident);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
  if (topic.communityId !== board.community.id) notFound();
  const failed = Number((await searchParams).photosFailed ?? 0);
  return (
    <TopicView topic={topic} boardHref={boardPath(board.community.code)} communityName={board.community.name}
      resident={residentView(resident)} photosFailed={Number.isInteger(failed) && failed > 0 && failed <= 5 ? failed : 0} />
  );
}
