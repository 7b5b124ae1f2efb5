'use client';

import { useEffect, useRef, useState } from 'react';
import { io } from 'socket.io-client';
import { z } from 'zod';
import type { ConnectionState } from '@/components/ui/ConnectionBadge';

const ScoresChanged = z.object({ communityId: z.string() });

/**
 * Calls `onChange` when the scores of `communityId` (or, with null, of any community in the staff
 * member's district) may have changed: the `/scores` namespace says so after a filing, upload, review,
 * follow-up or catalogue edition. Also after a reconnect, since changes during the gap were not heard.
 * The namespace carries no data, only the hint to refetch, so authorisation stays with the HTTP reads.
 * Returns the socket's state: while it is not connected the page on screen may be out of date.
 */
export function useLiveScores(communityId: string | null, onChange: () => void): ConnectionState {
  const callback = useRef(onChange);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  useEffect(() => {
    callback.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const socket = io('/scores', { path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
    let connectedBefore = false;
    socket.on('connect', () => {
      setConnection('connected');
      if (connectedBefore) callback.current();
      connectedBefore = true;
    });
    socket.on('disconnect', () => setConnection('offline'));
    socket.on('connect_error', () => setConnection('offline'));
    socket.io.on('reconnect_attempt', () => setConnection('connecting'));
    socket.on('scores:changed', (payload: unknown) => {
      const parsed = ScoresChanged.safeParse(payload);
      if (!parsed.success) return;
      if (communityId === null || parsed.data.communityId === communityId) callback.current();
    });
    return () => {
      socket.disconnect();
    };
  }, [communityId]);

  return connection;
}
