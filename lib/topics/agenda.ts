import type { Db } from '../platform/db/client';
import { addStep } from './intake';

/** A meeting takes up a topic: the topic lists the meeting, and its journey says so. */
export async function putOnAgenda(db: Db, topicId: string, meetingId: string, meetingTitle: string, actor: string, at = new Date()) {
  await db.topicMeeting.create({ data: { topicId, meetingId } });
  await addStep(db, topicId, 'on_agenda', actor, { meetingId, meetingTitle }, at);
}
