import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { z } from 'zod';
import type { ClusterLink, CommittedBatch, ForwardAnswer, ForwardedCommand } from '../../lib/meeting/authority';
import { commandNames, type CommandName } from '../../lib/meeting/commands';
import { parseEvent } from '../../lib/meeting/events';
import { meetingRoles } from '../../lib/meeting/permissions';
import type { Db } from '../../lib/platform/db/client';

/**
 * The hub's link to the other nodes (lib/meeting/authority.ts), over the engines the cluster already runs:
 * - PostgreSQL decides who holds a meeting: a session advisory lock per meeting, held on one dedicated
 *   connection of this node. A node that dies drops that connection and so every lock it held, at once;
 *   the `MeetingAuthority` row's epoch, moved on at every takeover, fences the commits (see the hub).
 * - Redis carries the rest: commands forwarded to a node on that node's channel (`PUBLISH` says how many
 *   listened: none means the node is gone, and the sender takes over without waiting), its answers, and
 *   each meeting's commits on the meeting's channel. One publishing connection keeps them in order.
 */
export type ClusterLinkOptions = {
  db: Db;
  databaseUrl: string;
  /** A connected ioredis client; the link makes its own subscriber from it (`duplicate`). */
  redis: Redis;
  nodeId: string;
  /** Key prefix of every channel (tests run clusters side by side on one Redis). */
  prefix?: string;
};

export type ClusterLinkHandle = ClusterLink & { close(): Promise<void> };

const Actor = z.object({
  role: z.enum(meetingRoles), label: z.string(), seatId: z.string().nullable(), mode: z.enum(['hall', 'remote']).nullable(),
});

const Message = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('command'), id: z.string(), from: z.string(),
    command: z.object({ meetingId: z.string(), name: z.enum(commandNames as [CommandName, ...CommandName[]]), input: z.unknown(), actor: Actor }),
  }),
  z.object({ t: z.literal('answer'), id: z.string(), answer: z.object({ kind: z.enum(['result', 'refused', 'notAuthority', 'absent', 'timeout']) }).passthrough() }),
]);

const Batch = z.object({
  meetingId: z.string(), nodeId: z.string(), epoch: z.number().int(),
  events: z.array(z.object({ seq: z.number().int(), type: z.string(), data: z.unknown(), at: z.string(), actor: z.string() })),
  participations: z.array(z.object({ pollId: z.string(), seatId: z.string(), idempotencyKey: z.string(), receipt: z.string() })),
});

export async function createClusterLink(opts: ClusterLinkOptions): Promise<ClusterLinkHandle> {
  const prefix = opts.prefix ?? 'yishi:';
  const { nodeId, db } = opts;
  const pub = opts.redis;
  const sub = pub.duplicate();
  const nodeChannel = (id: string) => `${prefix}node:${id}`;
  const meetingChannel = (meetingId: string) => `${prefix}meeting:${meetingId}`;
  const lockKey = (meetingId: string) => `yishi:meeting:${meetingId}`;

  const pending = new Map<string, (answer: ForwardAnswer) => void>();
  const followers = new Map<string, (batch: CommittedBatch) => void>();
  const lostListeners = new Set<() => void>();
  let serveHandler: ((command: ForwardedCommand) => Promise<ForwardAnswer>) | null = null;

  // The lock connection: every meeting this node holds is held by this one session.
  const held = new Set<string>();
  let locks: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  const lockClient = () => {
    if (locks) return Promise.resolve(locks);
    connecting ??= (async () => {
      const client = new pg.Client({ connectionString: opts.databaseUrl, application_name: `yishi-locks-${nodeId}` });
      const lost = () => {
        if (locks !== client) return;
        locks = null;
        held.clear();
        client.removeAllListeners();
        client.end().catch(() => {});
        if (!closed) for (const l of lostListeners) l();
      };
      client.on('error', (err) => {
        console.error('[cluster] the lock connection failed; this node gives up its meetings', err.message);
        lost();
      });
      client.on('end', lost);
      await client.connect();
      locks = client;
      return client;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };

  const send = (channel: string, message: unknown) => pub.publish(channel, JSON.stringify(message));

  sub.on('message', (channel: string, text: string) => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return console.error('[cluster] a message that is not JSON on', channel);
    }
    if (channel === nodeChannel(nodeId)) return onNodeMessage(raw);
    const follower = channel.startsWith(`${prefix}meeting:`) ? followers.get(channel.slice(`${prefix}meeting:`.length)) : undefined;
    if (!follower) return;
    const parsed = Batch.safeParse(raw);
    if (!parsed.success) return console.error('[cluster] a malformed commit on', channel);
    try {
      follower({ ...parsed.data, events: parsed.data.events.map(parseEvent) });
    } catch (err) {
      console.error('[cluster] a commit with an unknown event on', channel, err);
    }
  });

  function onNodeMessage(raw: unknown) {
    const parsed = Message.safeParse(raw);
    if (!parsed.success) return console.error('[cluster] a malformed message to this node');
    const m = parsed.data;
    if (m.t === 'answer') {
      pending.get(m.id)?.(m.answer as ForwardAnswer);
      return;
    }
    const reply = (answer: ForwardAnswer) => send(nodeChannel(m.from), { t: 'answer', id: m.id, answer }).catch((err: unknown) => console.error('[cluster] could not answer', m.from, err));
    if (!serveHandler) return void reply({ kind: 'notAuthority' });
    serveHandler(m.command).then(reply, (err: unknown) => {
      console.error('[cluster] a forwarded command failed', err);
      void reply({ kind: 'refused', error: { code: 'INTERNAL', message: 'Internal error' } });
    });
  }

  await sub.subscribe(nodeChannel(nodeId));
  await lockClient();

  return {
    nodeId,

    async acquire(meetingId) {
      const client = await lockClient();
      if (!held.has(meetingId)) {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [lockKey(meetingId)]);
        if (!rows[0]?.locked) return null;
        held.add(meetingId);
      }
      const { rows } = await client.query<{ epoch: number }>(
        `INSERT INTO "MeetingAuthority" ("meetingId", "nodeId", "epoch", "updatedAt") VALUES ($1, $2, 1, now())
         ON CONFLICT ("meetingId") DO UPDATE SET "nodeId" = EXCLUDED."nodeId", "epoch" = "MeetingAuthority"."epoch" + 1, "updatedAt" = now()
         RETURNING "epoch"`,
        [meetingId, nodeId],
      );
      return rows[0]!.epoch;
    },

    async release(meetingId) {
      if (!held.delete(meetingId) || !locks) return;
      await locks.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey(meetingId)]);
    },

    async authorityOf(meetingId) {
      return (await db.meetingAuthority.findUnique({ where: { meetingId }, select: { nodeId: true } }))?.nodeId ?? null;
    },

    async forward(to, command, timeoutMs) {
      const id = randomUUID();
      const answered = new Promise<ForwardAnswer>((resolve) => {
        const timer = setTimeout(() => settle({ kind: 'timeout' }), timeoutMs);
        const settle = (answer: ForwardAnswer) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(answer);
        };
        pending.set(id, settle);
      });
      const listeners = await send(nodeChannel(to), { t: 'command', id, from: nodeId, command });
      if (listeners === 0) pending.get(id)?.({ kind: 'absent' });
      return answered;
    },

    publish(batch) {
      send(meetingChannel(batch.meetingId), batch).catch((err: unknown) => console.error('[cluster] could not publish a commit', batch.meetingId, err));
    },

    async follow(meetingId, onBatch) {
      followers.set(meetingId, onBatch);
      await sub.subscribe(meetingChannel(meetingId));
    },

    serve(handler) {
      serveHandler = handler;
    },

    onLostAll(listener) {
      lostListeners.add(listener);
    },

    async close() {
      closed = true;
      for (const settle of pending.values()) settle({ kind: 'timeout' });
      sub.disconnect();
      await locks?.end().catch(() => {});
      locks = null;
    },
  };
}
