// Facts for the scoring engine's tests: a filed, verified council record (closed in March 2026 unless
// told otherwise) and a community's facts with nothing in them.
import type { CommunityFacts, FiledRecordFact } from '../../lib/scoring/facts';

let seq = 0;

export function filedRecord(over: Partial<FiledRecordFact> = {}): FiledRecordFact {
  seq++;
  const closedAt = over.closedAt ?? '2026-03-10T11:00:00+08:00';
  return {
    recordId: `rec-${seq}`, meetingId: `meeting-${seq}`, form: 'council', type: 'decision', level: 'community',
    title: `会议 ${seq}`, scheduledAt: closedAt, startedAt: null, closedAt, filedAt: closedAt,
    announcedAt: null, resultsPublishedAt: null, members: 10, attended: 10, remoteAttended: 0,
    polls: [], decisions: [], verified: true,
    ...over,
  };
}

export function communityFacts(over: Partial<CommunityFacts> = {}): CommunityFacts {
  return { communityId: 'c1', communityName: '桂湖社区', streetId: 's1', records: [], topics: [], uploads: [], ...over };
}
