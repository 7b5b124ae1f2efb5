'use client';

import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode } from '@/lib/minutes/collab/protocol';
import { minutesDocName } from '@/lib/minutes/schema';

/**
 * The minutes of one meeting as a live Yjs document: the y-websocket connection to the server's
 * `/collab/minutes:<meetingId>` endpoint (staff cookie, or the participant token), and — for writers —
 * a copy in IndexedDB, so a recorder who loses Wi-Fi keeps typing and a reload while offline loses
 * nothing; the edits merge when the connection returns.
 */
export type MinutesConnection = 'connecting' | 'connected' | 'offline';

export type MinutesDoc = {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
  /** connection to the server */
  connection: MinutesConnection;
  /** the server's state has been received on the current connection (and ours sent to it) */
  synced: boolean;
  /** the local IndexedDB copy has been loaded into the document (always false without one) */
  localLoaded: boolean;
  /** the server closed the connection for good (4400–4499: not allowed, e.g. minutes not public) */
  denied: boolean;
  /**
   * The meeting is closed and its minutes locked (the server said so with 4423, at the close or on
   * connecting): nothing typed now reaches the record. The document goes on following the server read-only.
   */
  locked: boolean;
};

type Options = {
  meetingId: string;
  /** another document of the meeting on the same server (an open-space session's note); default its minutes */
  docName?: string;
  /** a participant's token (phones, remote); staff use their session cookie instead */
  participantToken?: string;
  /** the hall projector (a staff session showing the projector role: read-only, only when public) */
  view?: 'projector';
  /**
   * Keep a local copy in IndexedDB (writers). Read-only viewers do not: they have nothing of their own to
   * keep, and a stale local copy would make them send updates the server rejects.
   */
  persist: boolean;
};

/** ws(s)://<this host>/collab — the same origin as the page, so the staff cookie goes with it. */
function collabUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}/collab`;
}

export function useMinutesDoc({ meetingId, docName: otherDoc, participantToken, view, persist }: Options): MinutesDoc | null {
  const [handle, setHandle] = useState<{ ydoc: Y.Doc; provider: WebsocketProvider } | null>(null);
  const [connection, setConnection] = useState<MinutesConnection>('connecting');
  const [synced, setSynced] = useState(false);
  const [localLoaded, setLocalLoaded] = useState(false);
  const [denied, setDenied] = useState(false);
  const [locked, setLocked] = useState(false);

  useEffect(() => {
    const docName = otherDoc ?? minutesDocName(meetingId);
    const ydoc = new Y.Doc();
    // Loaded before the socket opens, so what was typed offline is part of the first sync with the server.
    const local = persist ? new IndexeddbPersistence(docName, ydoc) : null;
    local?.on('synced', () => setLocalLoaded(true));
    const provider = new WebsocketProvider(collabUrl(), docName, ydoc, {
      params: { ...(participantToken ? { token: participantToken } : {}), ...(view ? { view } : {}) },
    });
    setConnection('connecting');
    setSynced(false);
    setLocalLoaded(false);
    setDenied(false);
    setLocked(false);

    // Before the first connection succeeds, a failed attempt means "offline" (e.g. a reload without Wi-Fi);
    // the provider keeps retrying with backoff, and "connecting" would flicker on every attempt.
    let everFailed = false;
    provider.on('status', ({ status }) => {
      if (status === 'connected') setConnection('connected');
      else if (status === 'disconnected') { everFailed = true; setConnection('offline'); }
      else setConnection(everFailed ? 'offline' : 'connecting');
    });
    const failed = () => { everFailed = true; if (!provider.wsconnected) setConnection('offline'); };
    provider.on('connection-close', failed);
    provider.on('connection-error', failed);
    provider.on('sync', (isSynced: boolean) => setSynced(isSynced));
    provider.on('closed', (event) => {
      if (event.code !== CloseCode.Locked) { setDenied(true); setConnection('offline'); return; }
      setLocked(true);
      // Nothing kept locally may be sent again as if it could still count: drop the local copy (what
      // is in it and not on the server is not in the record either) …
      if (local) void local.clearData();
      // … and follow the locked minutes read-only (the server asks a writer's role to say so).
      provider.params = { ...provider.params, readonly: '1' };
      provider.connect();
    });

    setHandle({ ydoc, provider });
    return () => {
      provider.destroy();
      void local?.destroy();
      ydoc.destroy();
      setHandle(null);
    };
  }, [meetingId, otherDoc, participantToken, view, persist]);

  return handle ? { ...handle, connection, synced, localLoaded, denied, locked } : null;
}
