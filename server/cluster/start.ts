import { hostname } from 'node:os';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server as SocketServer } from 'socket.io';
import { databaseProvider } from '../../lib/platform/db/client';
import type { Db } from '../../lib/platform/db/client';
import type { CollabRelay } from '../../lib/minutes/collab/server';
import { createRedisCollabRelay } from './collab-relay';
import { createClusterLink, type ClusterLinkHandle } from './link';
import { NodeId, stickyNodeCookie } from './sticky';

/**
 * The multi-node mode, switched on by REDIS_URL (docs/scaling.md): PostgreSQL for state and for who
 * decides each meeting, Redis for everything that crosses nodes. Without REDIS_URL nothing here runs and
 * the embedded single-process default is unchanged.
 */
export type Cluster = {
  nodeId: string;
  link: ClusterLinkHandle;
  redis: Redis;
  /** Socket.IO across the nodes: rooms (voice signalling, score dashboards) reach every node's sockets. */
  attach(io: SocketServer): void;
  /** The minutes' live documents shared between the nodes (docs/scaling.md). */
  collabRelay: CollabRelay;
  close(): Promise<void>;
};

export class ClusterConfigError extends Error {}

export async function startCluster(opts: { db: Db; databaseUrl: string; redisUrl: string; nodeId?: string; prefix?: string }): Promise<Cluster> {
  if (databaseProvider(opts.databaseUrl) !== 'postgresql') {
    throw new ClusterConfigError(
      'REDIS_URL is set, so this server would run as one of several nodes, but DATABASE_URL is not PostgreSQL. '
      + 'Several nodes share one PostgreSQL database (an embedded SQLite file belongs to one process). '
      + 'Set DATABASE_URL=postgresql://… or unset REDIS_URL for the single-process default.',
    );
  }
  // The id names the node in Redis channels, in the balancer's sticky cookie and in nginx's upstreams.
  const nodeId = opts.nodeId || `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(-32);
  if (!NodeId.safeParse(nodeId).success) throw new ClusterConfigError(`YISHI_NODE_ID "${nodeId}" is not 1–32 letters, digits, - or _.`);
  const prefix = opts.prefix ?? 'yishi:';
  const redis = new Redis(opts.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new ClusterConfigError(`Redis at ${opts.redisUrl} did not answer (${(err as Error).message}). Start it, or unset REDIS_URL.`);
  }
  const link = await createClusterLink({ db: opts.db, databaseUrl: opts.databaseUrl, redis, nodeId, prefix });
  const adapterSub = redis.duplicate();
  const relaySub = redis.duplicate();
  const collabRelay = createRedisCollabRelay({ pub: redis, sub: relaySub, nodeId, prefix });
  return {
    collabRelay,
    nodeId,
    link,
    redis,
    attach(io) {
      io.adapter(createAdapter(redis, adapterSub, { key: `${prefix}socket.io` }));
      // Long-polling clients stay on this node through the balancer (deploy/nginx.ts).
      stickyNodeCookie(io, nodeId);
    },
    async close() {
      await link.close();
      await collabRelay.close();
      relaySub.disconnect();
      adapterSub.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
