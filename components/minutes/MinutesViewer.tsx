'use client';

import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useState } from 'react';
import { useT } from '@/components/ui/I18nProvider';
import { MINUTES_FIELD, minutesExtensions } from '@/lib/minutes/schema';
import { withFactCards } from './FactBlockView';
import { minutesProse } from './minutes-styles';
import { useMinutesDoc, type MinutesDoc } from './useMinutesDoc';

/**
 * The minutes read-only, live (phones, remote participants, the projector). Same document and schema as
 * the editor, not editable and without carets. The server decides whether this reader may see them at
 * all (the meeting's `minutesPublic` flag); a refusal shows as a message, not an endless retry.
 */
export function MinutesViewer({ meetingId, docName, label, participantToken, view, className = '' }: {
  meetingId: string;
  /** an open-space session's note instead of the minutes, named by `label` */
  docName?: string;
  label?: string;
  participantToken?: string;
  view?: 'projector';
  className?: string;
}) {
  const t = useT();
  const doc = useMinutesDoc({ meetingId, docName, participantToken, view, persist: false });
  // First paint after the server's state is in (no flash of an empty document); then it stays.
  const [syncedDoc, setSyncedDoc] = useState<string | null>(null);
  const guid = doc?.ydoc.guid ?? null;
  const synced = doc?.synced ?? false;
  useEffect(() => { if (synced && guid) setSyncedDoc(guid); }, [synced, guid]);
  if (doc?.denied) return <p role="alert" className="text-lg text-accent-800">{t('minutes.denied')}</p>;
  if (!doc || syncedDoc !== guid) {
    return <p role="status" className="text-lg text-ink-muted">{t('minutes.viewer.loading')}</p>;
  }
  return <BoundViewer key={doc.ydoc.guid} doc={doc} className={className} label={label ?? t('minutes.viewer.title')} />;
}

function BoundViewer({ doc, className, label }: { doc: MinutesDoc; className: string; label: string }) {
  const editor = useEditor({
    immediatelyRender: false,
    editable: false,
    // Tiptap marks its element a textbox; read-only minutes are a document to read.
    editorProps: { attributes: { role: 'article', 'aria-label': label } },
    extensions: [...withFactCards(minutesExtensions()), Collaboration.configure({ document: doc.ydoc, field: MINUTES_FIELD })],
  });
  // Readers need not see the empty paragraphs left for the recorders under each section.
  return <EditorContent editor={editor} className={`${minutesProse} [&_.ProseMirror>p:has(>br:only-child)]:hidden ${className}`} />;
}
