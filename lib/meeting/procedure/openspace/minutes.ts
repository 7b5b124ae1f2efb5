import { z } from 'zod';
import type { MinutesPart, Placed } from '../documents';
import { inGridOrder, type OpenSpace } from './model';

/** An open space: its sessions where and when, with their hosts, how many took part and their dots; what was agreed. */
export const openSpaceFactSchemas = [
  z.object({
    kind: z.literal('openSpace'), theme: z.string(), dotsPerPerson: z.number().int(),
    sessions: z.array(z.object({ title: z.string(), host: z.string(), slot: z.string().nullable(), room: z.string().nullable(), participants: z.number().int(), dots: z.number().int() })),
    consensus: z.array(z.string()),
  }),
] as const;
export type OpenSpaceFact = z.infer<(typeof openSpaceFactSchemas)[number]>;

export const openSpaceMinutes: MinutesPart<OpenSpaceFact> = {
  kinds: ['openSpace'],
  id: () => 'openSpace',
  text: (f) => ({
    title: `开放空间：${f.theme}`,
    lines: [
      ...(f.sessions.length
        ? f.sessions.map((x, i) => `${i + 1}. ${x.slot && x.room ? `${x.slot} · ${x.room}：` : ''}${x.title}（发起人：${x.host}），参加 ${x.participants} 人，得 ${x.dots} 点。`)
        : ['没有提出议题。']),
      `每人 ${f.dotsPerPerson} 点。`,
      ...(f.consensus.length ? ['达成共识：', ...f.consensus.map((c, i) => `（${i + 1}）${c}`)] : ['未确认共识。']),
    ],
  }),
};

/** The open space as the minutes tell it, at the top: every standing proposal in grid order, then the agreements. */
export function openSpaceFacts(os: OpenSpace | null): Placed<OpenSpaceFact>[] {
  if (!os) return [];
  const sessions = inGridOrder(os).map((x) => ({
    title: x.title, host: x.hostName,
    slot: os.slots.find((y) => y.id === x.slotId)?.label ?? null, room: os.rooms.find((y) => y.id === x.roomId)?.name ?? null,
    participants: os.attended[x.id]?.length ?? 0, dots: os.dotTotals[x.id] ?? 0,
  }));
  return [{ section: 'top', fact: { kind: 'openSpace', theme: os.theme, dotsPerPerson: os.dotsPerPerson, sessions, consensus: os.consensus.map((c) => c.text) } }];
}
