'use client';

import { useT } from '@/components/ui/I18nProvider';
import { MinutesEditor } from '@/components/minutes/MinutesEditor';
import { MinutesViewer } from '@/components/minutes/MinutesViewer';
import { breakoutDocName } from '@/lib/meeting/procedure/openspace/notes';

/**
 * A session's harvest note, live: the editor for those who may write it (the server decides, by the
 * same rule: lib/meeting/procedure/openspace/notes.ts), else the reader. Loaded only when opened: the
 * editor is the heaviest thing a phone would download.
 */
export default function SessionNotes({ meetingId, sessionId, title, canWrite, userName, participantToken }: {
  meetingId: string;
  sessionId: string;
  title: string;
  canWrite: boolean;
  userName: string;
  participantToken?: string;
}) {
  const t = useT();
  const docName = breakoutDocName(meetingId, sessionId);
  const label = t('meeting.os.notesOf', { title });
  return canWrite
    ? <MinutesEditor meetingId={meetingId} docName={docName} participantToken={participantToken} userName={userName} label={label} compact />
    : <MinutesViewer meetingId={meetingId} docName={docName} participantToken={participantToken} label={label} />;
}
