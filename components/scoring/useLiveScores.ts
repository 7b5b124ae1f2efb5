'use client';

import { useEffect, useRef } from 'react';
import { io } from 'socket.io-client';
import { z } from 'zod';

const ScoresChanged = z.object({ communityId: z.string() });

/**
 * Calls `onChange` when the scores of `communityId` (or, with null, of any community in the staff
 * member's district) may have changed: the `/scores` namespace says so after a filing, upload, review,
 * follow-up or catalogue edition. Also after a reconnect, since changes during the gap were not heard.
 * The namespace carries no data, only the hint to refetch, so authorisation stays with the HTTP reads.
 */
export function useLiveScores(communityId: string | null, onChange: () => void): void {
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const socket = io('/scores', { path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
    let connectedBefore = false;
    socket.on('connect', () => {
      if (connectedBefore) callback.current();
      connectedBefore = true;
    });
    socket.on('scores:changed', (payload: unknown) => {
      const parsed = ScoresChanged.safeParse(payload);
      if (!parsed.success) return;
      if (communityId === null || parsed.data.communityId === communityId) callback.current();
    });
    return () => {
      socket.disconnect();
    };
  }, [communityId]);
}
