// Nodes of a cluster inside one test process: the hub's ClusterLink with the locks in a Map and the
// messages delivered on the next turn (serialised, as over Redis), and the authority rows in the real
// database, so the hub's fencing runs against the real schema. A test kills a node, or takes a meeting's
// lock from a node behind its back (a paused process whose lock connection broke), and cuts a node off
// from forwarded commands.
import type { ClusterLink, CommittedBatch, ForwardAnswer, ForwardedCommand } from '../../lib/meeting/authority';
import type { Db } from '../../lib/platform/db/client';

type Node = {
  alive: boolean;
  reachable: boolean;
  serve: ((command: ForwardedCommand) => Promise<ForwardAnswer>) | null;
  followers: Map<string, (batch: CommittedBatch) => void>;
};

export function memoryCluster(db: Db) {
  const locks = new Map<string, string>();
  const nodes = new Map<string, Node>();
  const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
  const later = (f: () => void) => setImmediate(f);
  /** Every commit published, as it went over the wire (what a reader of Redis would see). */
  const published: CommittedBatch[] = [];

  return {
    published,
    link(nodeId: string): ClusterLink {
      const me: Node = { alive: true, reachable: true, serve: null, followers: new Map() };
      nodes.set(nodeId, me);
      return {
        nodeId,
        async acquire(meetingId) {
          const holder = locks.get(meetingId);
          if (holder && holder !== nodeId && nodes.get(holder)?.alive) return null;
          locks.set(meetingId, nodeId);
          const row = await db.meetingAuthority.upsert({
            where: { meetingId }, create: { meetingId, nodeId, epoch: 1 }, update: { nodeId, epoch: { increment: 1 } },
          });
          return row.epoch;
        },
        async release(meetingId) {
          if (locks.get(meetingId) === nodeId) locks.delete(meetingId);
        },
        async authorityOf(meetingId) {
          return (await db.meetingAuthority.findUnique({ where: { meetingId } }))?.nodeId ?? null;
        },
        async forward(to, command) {
          const node = nodes.get(to);
          if (!node?.alive || !node.serve) return { kind: 'absent' };
          if (!node.reachable) return { kind: 'timeout' };
          const serve = node.serve;
          return new Promise((resolve) => later(() => void serve(wire(command)).then((a) => later(() => resolve(wire(a))))));
        },
        publish(batch) {
          published.push(wire(batch));
          for (const [id, node] of nodes) {
            const follower = node.followers.get(batch.meetingId);
            if (id !== nodeId && node.alive && follower) later(() => follower(wire(batch)));
          }
        },
        async follow(meetingId, onBatch) {
          me.followers.set(meetingId, onBatch);
        },
        serve(handler) {
          me.serve = handler;
        },
        onLostAll() {},
      };
    },
    /** The node is gone: its locks are free, nothing reaches it. */
    kill(nodeId: string) {
      nodes.get(nodeId)!.alive = false;
      for (const [m, holder] of locks) if (holder === nodeId) locks.delete(m);
    },
    /** The meeting's lock is lost without its holder knowing (it still thinks it decides). */
    loseLock(meetingId: string) {
      locks.delete(meetingId);
    },
    /** Commands forwarded to the node time out (it is paused, or cut off). */
    cutOff(nodeId: string, cut = true) {
      nodes.get(nodeId)!.reachable = !cut;
    },
  };
}
