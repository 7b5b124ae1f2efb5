'use client';

import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { useEffect, useState, type ReactNode } from 'react';
import { ConnectionBadge } from '@/components/ui/ConnectionBadge';
import { useT } from '@/components/ui/I18nProvider';
import { FactGuard } from '@/lib/minutes/fact-guard';
import { MINUTES_FIELD, minutesExtensions } from '@/lib/minutes/schema';
import { withFactCards } from './FactBlockView';
import { colourForName, minutesProse } from './minutes-styles';
import { useMinutesDoc, type MinutesDoc } from './useMinutesDoc';

/**
 * The recorders' editor (laptop). Several writers type into the same Yjs document; each sees the
 * others' carets with their names. Server-written facts show as read-only cards that cannot be deleted
 * or moved (FactGuard). Works offline: edits stay in IndexedDB and merge when the connection returns.
 * Once the meeting is closed the server locks the minutes: the editor turns read-only at once and says
 * that later changes will not be in the record.
 */
export function MinutesEditor({ meetingId, userName, docName, participantToken, label, compact = false }: {
  meetingId: string;
  userName: string;
  /** an open-space session's note instead of the minutes; `label` names it, `compact` sizes it for a phone */
  docName?: string;
  participantToken?: string;
  label?: string;
  compact?: boolean;
}) {
  const t = useT();
  const doc = useMinutesDoc({ meetingId, docName, participantToken, persist: true });
  // Mount the editor once the document holds what we know (the server's state, or our local copy when
  // offline): an editor bound to a still-empty document would start writing before the template arrives.
  // Once mounted it stays, whatever the connection does next.
  const [readyDoc, setReadyDoc] = useState<string | null>(null);
  const guid = doc?.ydoc.guid ?? null;
  const canStart = doc ? doc.synced || (doc.localLoaded && doc.connection === 'offline') : false;
  useEffect(() => { if (canStart && guid) setReadyDoc(guid); }, [canStart, guid]);
  const ready = guid !== null && readyDoc === guid;

  if (doc?.denied) return <p role="alert" className="rounded-xl border-2 border-accent-700 bg-accent-50 p-4 text-lg text-accent-800">{t('minutes.denied')}</p>;
  if (!doc || !ready) {
    return (
      <div className="space-y-3">
        {doc ? <StatusLine doc={doc} presence={null} /> : null}
        <p role="status" className="rounded-xl border border-ink/15 bg-white p-6 text-lg text-ink-muted">{t('minutes.editor.loading')}</p>
      </div>
    );
  }
  return <BoundEditor key={doc.ydoc.guid} doc={doc} userName={userName} label={label ?? t('minutes.editor.label')} compact={compact} />;
}

function BoundEditor({ doc, userName, label, compact }: { doc: MinutesDoc; userName: string; label: string; compact: boolean }) {
  const t = useT();
  const editor = useEditor({
    immediatelyRender: false,
    editable: !doc.locked,
    extensions: [
      ...withFactCards(minutesExtensions()),
      FactGuard,
      Collaboration.configure({ document: doc.ydoc, field: MINUTES_FIELD }),
      CollaborationCaret.configure({ provider: doc.provider, user: { name: userName, color: colourForName(userName) }, render: renderCaret }),
    ],
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        class: compact ? 'min-h-[12rem] px-3 py-2 text-lg leading-relaxed' : 'min-h-[28rem] px-6 py-4 text-lg leading-relaxed',
      },
    },
  });
  const presence = usePresence(doc);
  // Locked while open (the meeting was just closed): read-only at once, whatever is being typed.
  useEffect(() => { if (editor && doc.locked && editor.isEditable) editor.setEditable(false); }, [editor, doc.locked]);

  return (
    <div className="rounded-xl border border-ink/25 bg-white shadow-sm">
      {/* Stays in view while writing: whether edits reach the others matters most when they do not. */}
      <div className="sticky top-0 z-10 rounded-t-xl bg-white">
        <div className="rounded-t-xl border-b border-ink/15 px-3 py-2"><StatusLine doc={doc} presence={doc.connection === 'connected' && !doc.locked ? presence : null} /></div>
        {editor && !doc.locked ? <Toolbar editor={editor} /> : null}
      </div>
      <EditorContent editor={editor} className={minutesProse} />
    </div>
  );
}

/** Other writers' carets: a thin bar in their colour with their name above it. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' ? user.color : '#1c1917';
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret pointer-events-none relative -mx-px border-x border-solid break-normal';
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label absolute bottom-full -left-px select-none whitespace-nowrap rounded rounded-bl-none px-1.5 py-0.5 text-xs font-semibold leading-none text-white';
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === 'string' ? user.name : '';
  caret.append(label);
  return caret;
}

type Peer = { clientId: number; name: string; color: string };

/** The other writers on this document, from awareness (each editor publishes its `user`). */
function usePresence(doc: MinutesDoc): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([]);
  useEffect(() => {
    const awareness = doc.provider.awareness;
    const read = () => {
      const list: Peer[] = [];
      awareness.getStates().forEach((s, clientId) => {
        const user = (s as { user?: { name?: unknown; color?: unknown } }).user;
        if (clientId === doc.ydoc.clientID || typeof user?.name !== 'string') return;
        list.push({ clientId, name: user.name, color: typeof user.color === 'string' ? user.color : '#1c1917' });
      });
      setPeers(list);
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [doc.provider, doc.ydoc]);
  return peers;
}

function StatusLine({ doc, presence }: { doc: MinutesDoc; presence: Peer[] | null }) {
  const t = useT();
  // Nothing may claim to be saved once it can no longer be in the record.
  if (doc.locked) {
    return <p role="alert" data-testid="minutes-locked" className="text-base font-semibold text-accent-800">{t('minutes.locked')}</p>;
  }
  const sync = doc.connection === 'offline' ? 'minutes.sync.offline' : doc.synced ? 'minutes.sync.synced' : 'minutes.sync.syncing';
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-base">
      <ConnectionBadge state={doc.connection} />
      <span role="status" className={doc.connection === 'offline' ? 'font-semibold text-accent-700' : 'text-ink-muted'}>{t(sync)}</span>
      {presence ? (
        <p className="ml-auto flex flex-wrap items-center gap-2 text-ink">
          {presence.length === 0 ? (
            <span className="text-ink-muted">{t('minutes.presence.alone')}</span>
          ) : (
            <>
              <span className="text-ink-muted">{t('minutes.presence.others')}</span>
              {presence.map((p) => (
                <span key={p.clientId} className="rounded-full px-2.5 py-0.5 text-sm font-semibold text-white" style={{ backgroundColor: p.color }}>{p.name}</span>
              ))}
            </>
          )}
        </p>
      ) : null}
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const t = useT();
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      inTable: e.isActive('table'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const chain = () => editor.chain().focus();
  return (
    <div role="toolbar" aria-label={t('minutes.toolbar.label')} className="flex flex-wrap items-center gap-1 border-b border-ink/20 bg-civic-50 px-2 py-1.5">
      <ToolButton pressed={s.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()}>{t('minutes.toolbar.h2')}</ToolButton>
      <ToolButton pressed={s.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()}>{t('minutes.toolbar.h3')}</ToolButton>
      <ToolButton pressed={s.bold} onClick={() => chain().toggleBold().run()} className="font-bold">{t('minutes.toolbar.bold')}</ToolButton>
      <Divider />
      <ToolButton pressed={s.bullet} onClick={() => chain().toggleBulletList().run()}>{t('minutes.toolbar.bulletList')}</ToolButton>
      <ToolButton pressed={s.ordered} onClick={() => chain().toggleOrderedList().run()}>{t('minutes.toolbar.orderedList')}</ToolButton>
      <ToolButton disabled={s.inTable} onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}>{t('minutes.toolbar.table')}</ToolButton>
      <Divider />
      <ToolButton disabled={!s.canUndo} onClick={() => chain().undo().run()}>{t('minutes.toolbar.undo')}</ToolButton>
      <ToolButton disabled={!s.canRedo} onClick={() => chain().redo().run()}>{t('minutes.toolbar.redo')}</ToolButton>
    </div>
  );
}

function Divider() {
  return <span aria-hidden="true" className="mx-1 h-6 w-px bg-ink/25" />;
}

function ToolButton({ pressed, disabled, onClick, className = '', children }: { pressed?: boolean; disabled?: boolean; onClick: () => void; className?: string; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      disabled={disabled}
      // Keep the editor's selection: a mousedown on the button would otherwise blur it first.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
      className={`min-h-10 rounded-lg px-3 text-base text-ink transition-colors hover:bg-civic-100 disabled:cursor-not-allowed disabled:opacity-50 aria-pressed:bg-civic-800 aria-pressed:text-white ${className}`}
    >
      {children}
    </button>
  );
}
