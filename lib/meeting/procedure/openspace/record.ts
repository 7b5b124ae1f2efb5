import { z } from 'zod';
import { Commitment, Iso, type RecordPart } from '../documents';

/**
 * An open space in the record: the grid, every proposal (merged ones point at the one they joined) with
 * its host — a seat, or for a resident without a phone whose proposal the facilitator wrote, a committed
 * name —, how many took part in it, its dots and its harvest (committed); and the consensus statements.
 * Who went where and who gave which dots are not in the record.
 */
export const openSpaceRecordShape = {
  openSpace: z.object({
    theme: z.string(), dotsPerPerson: z.number().int(),
    rooms: z.array(z.object({ id: z.string(), name: z.string() })), slots: z.array(z.object({ id: z.string(), label: z.string() })),
    sessions: z.array(z.object({
      id: z.string(), title: z.string(), summary: z.string(), hostSeatId: z.string().optional(), hostNameCommitment: Commitment.optional(),
      proposedAt: Iso, mergedInto: z.string().nullable(), roomId: z.string().nullable(), slotId: z.string().nullable(),
      participants: z.number().int().min(0), dots: z.number().int().min(0),
      /** the session's note (its harvest) as Markdown, committed */
      notesCommitment: Commitment.optional(),
    })),
    consensus: z.array(z.object({ text: z.string(), sessionId: z.string().nullable(), confirmedAt: Iso })),
  }).optional(),
};
type OpenSpaceRecord = { [K in keyof typeof openSpaceRecordShape]: z.infer<(typeof openSpaceRecordShape)[K]> };

export const openSpaceRecord: RecordPart<OpenSpaceRecord> = {
  section(s, { commit, sessionNotes }) {
    const os = s.openSpace;
    return os ? {
      openSpace: {
        theme: os.theme, dotsPerPerson: os.dotsPerPerson, rooms: os.rooms, slots: os.slots,
        sessions: os.sessions.map((x) => ({
          id: x.id, title: x.title, summary: x.summary,
          ...(x.hostSeatId ? { hostSeatId: x.hostSeatId } : { hostNameCommitment: commit(x.hostName) }),
          proposedAt: x.proposedAt, mergedInto: x.mergedInto, roomId: x.roomId, slotId: x.slotId,
          participants: os.attended[x.id]?.length ?? 0, dots: os.dotTotals[x.id] ?? 0,
          // The harvest is free text its people wrote, which may name residents: committed, like the minutes.
          ...(sessionNotes[x.id] !== undefined ? { notesCommitment: commit(sessionNotes[x.id]!) } : {}),
        })),
        consensus: os.consensus.map((c) => ({ text: c.text, sessionId: c.sessionId, confirmedAt: c.confirmedAt })),
      },
    } : {};
  },
  seatRefs: (r) => (r.openSpace?.sessions ?? []).flatMap((x) => (x.hostSeatId ? [x.hostSeatId] : [])),
};
