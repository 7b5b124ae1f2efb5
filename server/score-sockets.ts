import type { Server } from 'socket.io';
import { cookieFrom, STAFF_COOKIE, staffFromSession } from '../lib/auth/staff-session';
import type { Db } from '../lib/platform/db/client';

/**
 * Live scores: staff dashboards connect to the `/scores` namespace with their session cookie and are
 * told `scores:changed {communityId}` whenever a community's score inputs change in their district
 * (a record filed, an upload, a review, a follow-up, a new catalogue edition); they then refetch over
 * HTTP, where the usual authorisation applies. Clients send nothing, so there is nothing to validate.
 */
export function attachScoreSockets(io: Server, db: Db) {
  const nsp = io.of('/scores');
  nsp.use((socket, next) => {
    staffFromSession(db, cookieFrom(socket.handshake.headers.cookie, STAFF_COOKIE)).then((staff) => {
      if (!staff) return next(new Error('UNAUTHENTICATED'));
      socket.data.districtId = staff.scope.districtId;
      next();
    }, next);
  });
  nsp.on('connection', (socket) => void socket.join(`district:${socket.data.districtId as string}`));

  return {
    changed(communityId: string) {
      db.community.findUnique({ where: { id: communityId }, select: { street: { select: { districtId: true } } } }).then((c) => {
        if (c) nsp.to(`district:${c.street.districtId}`).emit('scores:changed', { communityId });
      }, (err: unknown) => console.error('[scores] notify failed', err));
    },
  };
}
