import type { Db } from '../platform/db/client';
import { isUniqueViolation } from '../platform/db/errors';
import { AppError, toErrorPayload } from '../platform/errors';
import type { ClusterLink, CommittedBatch, ForwardAnswer, ForwardedCommand, ParticipationNote } from './authority';
import { newId, newReceipt, newToken } from '../platform/tokens';
import { ballotSeatOf, decide, liveTally, type Actor, type CommandInput, type CommandName, type Effect } from './commands';
import { addBallot, emptyBox, parseBox, serialiseBox, type BallotBox } from '../voting/ballot-box';
import { eventOfRow } from './events';
import { applyEvent, foldEvents, loggedActor, type MeetingEvent, type MeetingState, type NewEvent } from './state';

/**
 * The authority for live meetings in this process. Commands for one meeting are decided one after
 * another against the in-memory state; all commands that arrive while a transaction is running are
 * written together in the next one (group commit), and only after the commit are they acknowledged
 * and broadcast. So an acknowledged ballot is on disk, and an unacknowledged one is not counted.
 *
 * With several nodes (a `ClusterLink`, docs/scaling.md) the same holds for the one node that is a meeting's
 * authority at a time. Every other node keeps a copy of the meeting fed by the authority's commits, in
 * seq order (a gap is filled from the event log), and forwards commands to it. When the authority is
 * gone, the next command's node takes the meeting over and rebuilds it from the event log; each of the
 * authority's commits updates its `MeetingAuthority` row where the epoch is still its own, so a node that
 * lost the meeting cannot write another event.
 */

/** How long a command may look for its meeting's authority (a takeover takes well under this). */
export const DECIDE_WITHIN_MS = 10_000;
/** How long a forwarded command waits for the authority's answer before its node tries to take over. */
export const FORWARD_TIMEOUT_MS = 3_000;

/**
 * `seatId`: the seat the command created (a walk-in's), for the facilitator's admission QR; `id`: what
 * else it created (a question), so the asker's phone knows its own question.
 */
export type CommandResult = { seq: number; receipt?: string; duplicate?: boolean; seatId?: string; id?: string };
export type EventListener = (meetingId: string, events: MeetingEvent[], state: MeetingState) => void;

type Pending = {
  name: CommandName;
  input: unknown;
  actor: Actor;
  resolve: (r: CommandResult) => void;
  reject: (e: unknown) => void;
};

type Live = {
  state: MeetingState;
  events: MeetingEvent[];
  /** `${pollId}:${seatId}` → the ballot's idempotency key and receipt, for every poll, secret or named */
  participations: Map<string, { idempotencyKey: string; receipt: string }>;
  /** pollId → ballot box of each open secret poll: the only place its running tally exists */
  boxes: Map<string, BallotBox>;
  queue: Pending[];
  running: boolean;
  /** With several nodes: the epoch under which this node decides the meeting, or null if another node does. */
  authority: number | null;
  /** With several nodes: the node last known to decide the meeting (a hint; checked by forwarding). */
  authorityNode: string | null;
  /** Commits heard from the authority, applied one after another. */
  following: Promise<void>;
};

type Prepared = {
  item: Pending;
  events: MeetingEvent[];
  effects: Effect[];
  receipt?: string;
  seatId?: string;
  id?: string;
  /** a secret ballot's box after this command */
  box?: { pollId: string; box: BallotBox };
};

export class MeetingHub {
  private meetings = new Map<string, Promise<Live>>();
  private loaded = new Map<string, Live>();
  private listeners = new Set<EventListener>();
  private appliedListeners = new Set<EventListener>();
  private takeOverListeners = new Set<(meetingId: string) => void>();
  /** Meetings whose commits this node hears (cluster): commits heard before the copy is loaded wait here. */
  private followed = new Map<string, CommittedBatch[]>();
  private takingOver = new Map<string, Promise<boolean>>();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
    private readonly cluster: ClusterLink | null = null,
  ) {
    cluster?.serve((command) => this.answerForwarded(command));
    cluster?.onLostAll(() => {
      for (const [meetingId, live] of this.loaded) if (live.authority !== null) this.demote(meetingId, live);
    });
  }

  /** Whether this node decides the meeting now: always with one node; with several, only its authority. */
  decidesHere(meetingId: string): boolean {
    return !this.cluster || (this.loaded.get(meetingId)?.authority ?? null) !== null;
  }

  /**
   * May this node act for the meeting (freeze a closed meeting's record, which also writes the minutes'
   * last facts)? Always on a single node; with several, when it decides the meeting or takes it over now
   * because no live node does (the one that decided it died). False while another node holds it.
   */
  async adopt(meetingId: string): Promise<boolean> {
    if (!this.cluster) return true;
    if ((await this.live(meetingId)).authority !== null) return true;
    return this.takeOver(meetingId);
  }

  /** This node has just become a meeting's authority (cluster): what a crashed authority left undone is mended here. */
  onTakeOver(listener: (meetingId: string) => void): () => void {
    this.takeOverListeners.add(listener);
    return () => this.takeOverListeners.delete(listener);
  }

  /**
   * Events this node decided and committed: for what must happen once per event (the minutes' facts,
   * freezing the record). With several nodes only the meeting's authority hears them.
   */
  onEvents(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Events applied to this node's copy of a meeting, decided here or on another node: for what each
   * node does for its own connections (sending them the events, locking their minutes editors).
   */
  onApplied(listener: EventListener): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  /** Rebuild every live meeting from the database, as after a restart. */
  async loadLiveMeetings(): Promise<string[]> {
    const live = await this.db.meeting.findMany({ where: { status: 'live' }, select: { id: true } });
    await Promise.all(live.map((m) => this.live(m.id)));
    return live.map((m) => m.id);
  }

  async state(meetingId: string): Promise<MeetingState> {
    return (await this.live(meetingId)).state;
  }

  async eventsSince(meetingId: string, seq: number): Promise<MeetingEvent[]> {
    const live = await this.live(meetingId);
    return eventsAfter(live.events, seq);
  }

  /**
   * State and events of a meeting already loaded, read synchronously: a caller that sends a snapshot
   * must read and send it in one turn, or an event committed in between would be in neither.
   */
  loadedNow(meetingId: string): { state: MeetingState; eventsSince(seq: number): MeetingEvent[] } | null {
    const live = this.loaded.get(meetingId);
    return live ? { state: live.state, eventsSince: (seq) => eventsAfter(live.events, seq) } : null;
  }

  async receiptsOf(meetingId: string, seatId: string): Promise<Record<string, string>> {
    const live = await this.live(meetingId);
    const out: Record<string, string> = {};
    for (const [key, v] of live.participations) {
      const [pollId, seat] = key.split(':');
      if (seat === seatId) out[pollId!] = v.receipt;
    }
    return out;
  }

  /** Forget a meeting's in-memory state (tests; or when it is no longer live). */
  evict(meetingId: string) {
    this.meetings.delete(meetingId);
    this.loaded.delete(meetingId);
  }

  execute<C extends CommandName>(meetingId: string, name: C, input: CommandInput<C>, actor: Actor): Promise<CommandResult> {
    if (this.cluster) return this.executeClustered(meetingId, name, input, actor);
    return this.live(meetingId).then((live) => this.enqueue(meetingId, live, name, input, actor));
  }

  private enqueue(meetingId: string, live: Live, name: CommandName, input: unknown, actor: Actor): Promise<CommandResult> {
    return new Promise<CommandResult>((resolve, reject) => {
      live.queue.push({ name, input, actor, resolve, reject });
      if (!live.running) void this.drain(meetingId, live);
    });
  }

  /**
   * Decided here if this node is the meeting's authority; else sent to the authority; if none answers
   * (it died: nobody listens on its channel), this node takes the meeting over and decides it itself.
   */
  private async executeClustered(meetingId: string, name: CommandName, input: unknown, actor: Actor): Promise<CommandResult> {
    const cluster = this.cluster!;
    const deadline = Date.now() + DECIDE_WITHIN_MS;
    for (let attempt = 0; ; attempt++) {
      const live = await this.live(meetingId);
      if (live.authority !== null) return this.enqueue(meetingId, live, name, input, actor);
      const node = live.authorityNode ?? (live.authorityNode = await cluster.authorityOf(meetingId));
      if (node && node !== cluster.nodeId) {
        const answer = await cluster.forward(node, { meetingId, name, input, actor }, FORWARD_TIMEOUT_MS);
        if (answer.kind === 'result') return answer.result;
        if (answer.kind === 'refused') throw new AppError(answer.error.code, answer.error.message, answer.error.details);
        // A node that is alive but slow (timeout) keeps its lock, so taking over fails and the command is
        // sent again: a ballot's idempotency key makes that safe, as a client's own resend is.
        if (this.loaded.get(meetingId) === live) live.authorityNode = null;
      }
      if (await this.takeOver(meetingId)) continue;
      if (Date.now() > deadline) throw new AppError('UNAVAILABLE', 'The meeting is moving to another server; send it again in a moment');
      await new Promise((r) => setTimeout(r, Math.min(25 * 2 ** attempt, 400)));
    }
  }

  /** A command another node forwarded: decided here only while this node is the authority. */
  private async answerForwarded(command: ForwardedCommand): Promise<ForwardAnswer> {
    const live = this.loaded.get(command.meetingId);
    if (!live || live.authority === null) return { kind: 'notAuthority' };
    try {
      return { kind: 'result', result: await this.enqueue(command.meetingId, live, command.name, command.input, command.actor) };
    } catch (err) {
      if (err instanceof AppError) return { kind: 'refused', error: toErrorPayload(err) };
      throw err;
    }
  }

  /** Acquires the meeting (cluster) and rebuilds it from the event log; one attempt per meeting at a time. */
  private takeOver(meetingId: string): Promise<boolean> {
    let p = this.takingOver.get(meetingId);
    if (!p) {
      p = this.acquireAndLoad(meetingId).finally(() => this.takingOver.delete(meetingId));
      this.takingOver.set(meetingId, p);
    }
    return p;
  }

  private async acquireAndLoad(meetingId: string): Promise<boolean> {
    const cluster = this.cluster!;
    const epoch = await cluster.acquire(meetingId);
    if (epoch === null) return false;
    let fresh: Live;
    try {
      // Read after the epoch moved on: what the previous authority committed is all in the log now, and
      // anything it still tries to commit fails on the fence.
      fresh = await this.load(meetingId);
    } catch (err) {
      await cluster.release(meetingId);
      throw err;
    }
    fresh.authority = epoch;
    fresh.authorityNode = cluster.nodeId;
    const before = this.loaded.get(meetingId);
    this.loaded.set(meetingId, fresh);
    this.meetings.set(meetingId, Promise.resolve(fresh));
    // What this node's connections had not heard yet (the old authority died between commit and telling).
    const missed = before ? eventsAfter(fresh.events, before.state.seq) : [];
    if (missed.length) for (const l of this.appliedListeners) l(meetingId, missed, fresh.state);
    for (const l of this.takeOverListeners) l(meetingId);
    return true;
  }

  /** Another node decides the meeting now: this copy is dropped and the meeting read again, as a follower. */
  private demote(meetingId: string, live: Live) {
    live.authority = null;
    live.authorityNode = null;
    if (this.loaded.get(meetingId) === live) {
      this.loaded.delete(meetingId);
      this.meetings.delete(meetingId);
      // At once, not on next use: commits heard meanwhile wait in `followed` until a copy is loaded.
      this.live(meetingId).catch((err: unknown) => console.error('[hub] could not reload a meeting given up', meetingId, err));
    }
    this.cluster!.release(meetingId).catch(() => {});
  }

  private live(meetingId: string): Promise<Live> {
    let p = this.meetings.get(meetingId);
    if (!p) {
      p = this.follow(meetingId).then(() => this.load(meetingId)).then((live) => {
        this.loaded.set(meetingId, live);
        // Commits heard while loading: those after the log's end are applied now, in order.
        for (const batch of this.followed.get(meetingId)?.splice(0) ?? []) this.hear(batch);
        return live;
      });
      this.meetings.set(meetingId, p);
      p.catch(() => this.meetings.delete(meetingId));
    }
    return p;
  }

  /** Cluster: hear the meeting's commits before reading its log, so that none falls between the two. */
  private async follow(meetingId: string) {
    if (!this.cluster || this.followed.has(meetingId)) return;
    this.followed.set(meetingId, []);
    try {
      await this.cluster.follow(meetingId, (batch) => this.hear(batch));
    } catch (err) {
      this.followed.delete(meetingId);
      throw err;
    }
  }

  private hear(batch: CommittedBatch) {
    const live = this.loaded.get(batch.meetingId);
    if (!live) return void this.followed.get(batch.meetingId)?.push(batch);
    live.following = live.following
      .then(() => this.applyHeard(batch.meetingId, live, batch))
      .catch((err: unknown) => console.error('[hub] could not apply a commit heard from', batch.nodeId, err));
  }

  /** A commit of the authority, applied to this node's copy (gaps are filled from the event log). */
  private async applyHeard(meetingId: string, live: Live, batch: CommittedBatch) {
    if (live.authority !== null || this.loaded.get(meetingId) !== live) return;
    live.authorityNode = batch.nodeId;
    let events = batch.events.filter((e) => e.seq > live.state.seq);
    let notes: ParticipationNote[] = batch.participations;
    if (!events.length) return;
    if (events[0]!.seq !== live.state.seq + 1) {
      // A commit this node did not hear (it subscribed late, or Redis dropped a message): read the rest
      // of the log, and every participation of the meeting's polls with it.
      const rows = await this.db.meetingEvent.findMany({ where: { meetingId, seq: { gt: live.state.seq } }, orderBy: { seq: 'asc' } });
      if (live.authority !== null || this.loaded.get(meetingId) !== live) return;
      events = rows.map(eventOfRow).filter((e) => e.seq > live.state.seq);
      const polls = foldEvents(meetingId, [...live.events, ...events]).polls.map((p) => p.id);
      notes = polls.length ? await this.db.pollParticipation.findMany({ where: { pollId: { in: polls } } }) : [];
      if (live.authority !== null || this.loaded.get(meetingId) !== live) return;
    }
    for (const e of events) {
      live.state = applyEvent(live.state, e);
      live.events.push(e);
    }
    for (const n of notes) live.participations.set(`${n.pollId}:${n.seatId}`, { idempotencyKey: n.idempotencyKey, receipt: n.receipt });
    if (events.length) for (const l of this.appliedListeners) l(meetingId, events, live.state);
  }

  private async load(meetingId: string): Promise<Live> {
    const rows = await this.db.meetingEvent.findMany({ where: { meetingId }, orderBy: { seq: 'asc' } });
    if (rows.length === 0) throw new AppError('NOT_FOUND', 'No such meeting', { meetingId });
    const events = rows.map(eventOfRow);
    const state = foldEvents(meetingId, events);
    const pollIds = state.polls.map((p) => p.id);
    const parts = pollIds.length
      ? await this.db.pollParticipation.findMany({ where: { pollId: { in: pollIds } } })
      : [];
    const participations = new Map(parts.map((p) => [`${p.pollId}:${p.seatId}`, { idempotencyKey: p.idempotencyKey, receipt: p.receipt }]));
    const openSecret = state.polls.filter((p) => p.secret && p.status === 'open');
    const boxRows = openSecret.length
      ? await this.db.secretBallotBox.findMany({ where: { pollId: { in: openSecret.map((p) => p.id) } } })
      : [];
    const stored = new Map(boxRows.map((r) => [r.pollId, r]));
    const boxes = new Map(openSecret.map((p) => {
      const row = stored.get(p.id);
      return [p.id, row ? parseBox(row, p.options) : emptyBox] as const;
    }));
    return { state, events, participations, boxes, queue: [], running: false, authority: null, authorityNode: null, following: Promise.resolve() };
  }

  private async drain(meetingId: string, live: Live) {
    live.running = true;
    try {
      while (live.queue.length) {
        // Cluster: this copy no longer decides (another node took the meeting over): what waits here is
        // sent on to the new authority.
        if (this.cluster && live.authority === null) {
          for (const item of live.queue.splice(0)) this.executeClustered(meetingId, item.name, item.input, item.actor).then(item.resolve, item.reject);
          break;
        }
        const batch = live.queue.splice(0, live.queue.length);
        const prepared = this.prepare(live, batch);
        if (!prepared.length) continue;
        try {
          await this.commit(meetingId, live, prepared);
          this.accept(meetingId, live, prepared);
        } catch (err) {
          if (live.authority !== null && (await this.fenced(meetingId, live.authority))) {
            this.demote(meetingId, live);
            live.queue.unshift(...prepared.map((p) => p.item));
            continue;
          }
          // One bad write (say, a ballot another process already stored) must not sink the others:
          // retry each on its own.
          if (prepared.length === 1) {
            prepared[0]!.item.reject(mapWriteError(err));
            continue;
          }
          for (const p of prepared) {
            const [again] = this.prepare(live, [p.item]);
            if (!again) continue;
            try {
              await this.commit(meetingId, live, [again]);
              this.accept(meetingId, live, [again]);
            } catch (e) {
              again.item.reject(mapWriteError(e));
            }
          }
        }
      }
    } finally {
      live.running = false;
    }
  }

  /** Decide each command against a working copy of the state; refused ones are rejected at once. */
  private prepare(live: Live, batch: Pending[]): Prepared[] {
    let working = live.state;
    const boxes = new Map(live.boxes);
    // The ballots decided in this batch, by poll and seat, with the command that cast each.
    const pendingVotes = new Map<string, { idempotencyKey: string; item: Pending }>();
    const out: Prepared[] = [];
    const at = this.now().toISOString();
    for (const item of batch) {
      try {
        if (item.name === 'poll.vote' || item.name === 'poll.voteFor') {
          // A ballot the facilitator enters for a member follows the member's own rules: one per seat,
          // and a retry with the same key gets the same receipt.
          const { pollId, idempotencyKey } = item.input as CommandInput<'poll.vote'>;
          const key = `${pollId}:${ballotSeatOf(item.name, item.input, item.actor)}`;
          const existing = live.participations.get(key);
          // A retry of a ballot that was stored gets the same receipt; a second, different ballot is refused.
          if (existing && existing.idempotencyKey === idempotencyKey) {
            item.resolve({ seq: working.seq, receipt: existing.receipt, duplicate: true });
            continue;
          }
          const pending = pendingVotes.get(key);
          // The same ballot twice in one batch: a resend that arrived before the first was stored (a
          // forward that timed out on a slow authority, a client's retry). It is answered as the first is,
          // once that is stored or refused; only a different ballot is a second vote.
          if (pending && pending.idempotencyKey === idempotencyKey) {
            answerAlike(pending.item, item);
            continue;
          }
          if (pending) throw new AppError('ALREADY_VOTED', 'You have already voted in this poll');
        }
        const decision = decide(working, item.name, item.input as never, item.actor, {
          hasVoted: (pollId, seatId) => live.participations.has(`${pollId}:${seatId}`) || pendingVotes.has(`${pollId}:${seatId}`),
          tallyOf: (pollId) => liveTally(working, pollId, boxes),
          now: this.now(),
        });
        const events = decision.events.map((e: NewEvent, i) => ({ ...e, seq: working.seq + i + 1, at, actor: loggedActor(e, item.actor.label) }) as MeetingEvent);
        for (const e of events) working = applyEvent(working, e);
        let receipt: string | undefined;
        let box: Prepared['box'];
        for (const eff of decision.effects) {
          if (eff.kind === 'ballot') {
            pendingVotes.set(`${eff.pollId}:${eff.seatId}`, { idempotencyKey: eff.idempotencyKey, item });
            receipt = newReceipt();
            if (eff.secret) {
              const options = working.polls.find((p) => p.id === eff.pollId)?.options ?? [];
              box = { pollId: eff.pollId, box: addBallot(boxes.get(eff.pollId) ?? emptyBox, options, eff.choices) };
              boxes.set(eff.pollId, box.box);
            }
          }
        }
        out.push({ item, events, effects: decision.effects, receipt, box, ...(decision.seatId ? { seatId: decision.seatId } : {}), ...(decision.id ? { id: decision.id } : {}) });
      } catch (err) {
        item.reject(err);
      }
    }
    return out;
  }

  /** Cluster: whether the meeting's authority row has moved past this node's epoch. */
  private async fenced(meetingId: string, epoch: number): Promise<boolean> {
    const row = await this.db.meetingAuthority.findUnique({ where: { meetingId } }).catch(() => null);
    return !!row && row.epoch !== epoch;
  }

  private async commit(meetingId: string, live: Live, prepared: Prepared[]) {
    const at = this.now();
    const writes = [];
    // The fence (cluster): the commit fails whole, and writes nothing, unless this node still holds the
    // meeting under its epoch. It runs first, so a takeover waits for this commit or this commit fails.
    if (live.authority !== null) {
      writes.push(this.db.meetingAuthority.update({ where: { meetingId, epoch: live.authority }, data: { nodeId: this.cluster!.nodeId } }));
    }
    // Each secret poll's box is written once per transaction, as it stands after the last ballot in it.
    const boxes = new Map<string, BallotBox>();
    for (const p of prepared) {
      if (p.box) boxes.set(p.box.pollId, p.box.box);
      for (const e of p.events) {
        writes.push(this.db.meetingEvent.create({
          data: { meetingId, seq: e.seq, type: e.type, data: JSON.stringify(e.data), actor: e.actor, at: new Date(e.at) },
        }));
      }
      for (const eff of p.effects) {
        if (eff.kind === 'attendance') {
          writes.push(this.db.attendance.create({ data: { id: newId(), meetingId, seatId: eff.seatId, mode: eff.mode, checkedInAt: at } }));
        } else if (eff.kind === 'walkInSeat') {
          // No roster member, no card, no short code; the remote token is required but never handed out.
          writes.push(this.db.meetingSeat.create({
            data: { id: eff.seatId, meetingId, canVote: false, remoteToken: newToken(), walkInName: eff.name, walkInBuilding: eff.building, walkInPhone: eff.phone },
          }));
        } else if (eff.kind === 'attendanceUndone') {
          writes.push(this.db.attendance.deleteMany({ where: { meetingId, seatId: eff.seatId } }));
        } else if (eff.kind === 'status') {
          writes.push(this.db.meeting.update({ where: { id: meetingId }, data: { status: eff.status } }));
        } else if (eff.kind === 'notice') {
          writes.push(this.db.notice.create({ data: { id: eff.id, meetingId, kind: eff.noticeKind, text: eff.text, publishedAt: at, publishedBy: p.item.actor.label } }));
          // The files waiting for a notice (lib/planning/notice-attachments.ts) go out with this one, in its
          // transaction: a file is public exactly when a published notice carries it.
          if (eff.noticeKind !== 'cancellation') {
            writes.push(this.db.noticeAttachment.updateMany({ where: { meetingId, noticeId: null, withdrawnAt: null }, data: { noticeId: eff.id } }));
          }
        } else if (eff.kind === 'meetingRow') {
          const { kind: _kind, ...row } = eff;
          writes.push(this.db.meeting.update({
            where: { id: meetingId },
            data: { ...row, scheduledAt: row.scheduledAt ? new Date(row.scheduledAt) : undefined, endsAt: row.endsAt === undefined ? undefined : row.endsAt && new Date(row.endsAt) },
          }));
        } else if (eff.kind === 'questionnaireVersion') {
          writes.push(this.db.questionnaireVersion.create({ data: { meetingId, version: eff.version, sha256: eff.sha256, definition: eff.definition } }));
          writes.push(this.db.questionnaire.updateMany({ where: { meetingId }, data: { currentVersion: eff.version } }));
        } else if (eff.kind === 'questionnaireStatus') {
          writes.push(this.db.questionnaire.updateMany({ where: { meetingId }, data: { status: eff.status } }));
        } else if (eff.kind === 'writtenStatus') {
          writes.push(this.db.writtenConsultation.updateMany({ where: { meetingId }, data: { status: eff.status } }));
        } else if (eff.kind === 'visitsStatus') {
          writes.push(this.db.visitRound.updateMany({ where: { meetingId }, data: { status: eff.status } }));
        } else if (eff.kind === 'evaluationStatus') {
          writes.push(this.db.evaluation.updateMany({ where: { meetingId }, data: { status: eff.status } }));
        } else {
          // Participation (who voted) is stored apart from the choice. A secret choice only goes into the
          // poll's ballot box below, so no row's position or time follows the voter's.
          writes.push(this.db.pollParticipation.create({
            data: { id: newId(), pollId: eff.pollId, seatId: eff.seatId, idempotencyKey: eff.idempotencyKey, receipt: p.receipt! },
          }));
          if (!eff.secret) {
            writes.push(this.db.ballot.create({ data: { id: newId(), pollId: eff.pollId, choices: JSON.stringify(eff.choices), seatId: eff.seatId } }));
          }
        }
      }
    }
    for (const [pollId, box] of boxes) {
      const row = serialiseBox(box);
      writes.push(this.db.secretBallotBox.upsert({ where: { pollId }, create: { pollId, ...row }, update: row }));
    }
    await this.db.$transaction(writes);
  }

  private accept(meetingId: string, live: Live, prepared: Prepared[]) {
    const events: MeetingEvent[] = [];
    const notes: ParticipationNote[] = [];
    const answers: (() => void)[] = [];
    for (const p of prepared) {
      for (const e of p.events) {
        live.state = applyEvent(live.state, e);
        live.events.push(e);
        events.push(e);
      }
      if (p.box) live.boxes.set(p.box.pollId, p.box.box);
      for (const eff of p.effects) {
        if (eff.kind === 'ballot') {
          live.participations.set(`${eff.pollId}:${eff.seatId}`, { idempotencyKey: eff.idempotencyKey, receipt: p.receipt! });
          notes.push({ pollId: eff.pollId, seatId: eff.seatId, idempotencyKey: eff.idempotencyKey, receipt: p.receipt! });
        }
      }
      const result = { seq: live.state.seq, ...(p.receipt ? { receipt: p.receipt } : {}), ...(p.seatId ? { seatId: p.seatId } : {}), ...(p.id ? { id: p.id } : {}) };
      answers.push(() => p.item.resolve(result));
    }
    // The other nodes hear of the commit before any command of it is answered: a node that forwarded a
    // command has the events in its copy when the answer arrives (one Redis connection keeps the order).
    if (this.cluster && live.authority !== null && (events.length || notes.length)) {
      this.cluster.publish({ meetingId, nodeId: this.cluster.nodeId, epoch: live.authority, events, participations: notes });
    }
    for (const answer of answers) answer();
    if (!events.length) return;
    // This node's own connections first (a closed meeting's editors are locked before anything else).
    for (const l of this.appliedListeners) l(meetingId, events, live.state);
    for (const l of this.listeners) l(meetingId, events, live.state);
  }
}

/** Settles `copy` as `first` is settled (a stored ballot's copy is told it is a duplicate), whenever that is. */
function answerAlike(first: Pending, copy: Pending) {
  const { resolve, reject } = first;
  first.resolve = (r) => {
    resolve(r);
    copy.resolve({ ...r, duplicate: true });
  };
  first.reject = (e) => {
    reject(e);
    copy.reject(e);
  };
}

/** Events are kept in seq order without gaps, so the ones after `seq` are a slice. */
function eventsAfter(events: MeetingEvent[], seq: number): MeetingEvent[] {
  const first = events[0]?.seq ?? 1;
  return events.slice(Math.max(0, seq - first + 1));
}

function mapWriteError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (isUniqueViolation(err)) return new AppError('CONFLICT', 'The meeting changed elsewhere; try again');
  return err;
}
