/**
 * Hearing (决策听证): after the notice people apply to take part — to make a statement (陈述人), to speak
 * for a side (听证代表) or to sit in (列席) — with their stake and a summary; staff admit them. The
 * facilitator then drives the order of proceedings, every turn timed and logged, and the speakers confirm
 * or correct their part of the transcript (听证笔录) from their phones. Pure types and rules: the browser
 * runs them too.
 */
export const hearingRoles = ['statement', 'representative', 'attendee'] as const; // 陈述人 / 听证代表 / 列席
export type HearingRole = (typeof hearingRoles)[number];

export const hearingStakes = ['support', 'oppose', 'other'] as const; // 支持 / 反对 / 其他
export type HearingStake = (typeof hearingStakes)[number];

/** 主持人宣布纪律 → 事项说明 → 听证代表发言 → 询问与回应 → 最后陈述 → 主持人总结 */
export const hearingStages = ['discipline', 'explanation', 'representatives', 'questioning', 'final', 'summary'] as const;
export type HearingStage = (typeof hearingStages)[number];

/** Who holds a turn: an admitted registration's role, or (no registration) the host or the proposing party. */
export type TurnRole = HearingRole | 'host' | 'proposer';

export type RegistrationStatus = 'pending' | 'admitted' | 'rejected' | 'withdrawn';

export type HearingRegistration = {
  id: string;
  /** the applicant's seat; null when staff registered someone without a phone, and for roles that may not see it */
  seatId: string | null;
  /** '' for a role that may not see this registration (anything not admitted, for all but the facilitator) */
  name: string;
  /** null for a role that may not see this registration */
  role: HearingRole | null;
  stake: HearingStake | null;
  summary: string;
  status: RegistrationStatus;
  /** why it was rejected: the facilitator's and the applicant's own to read */
  reason: string | null;
  appliedAt: string;
  /** registered by staff for someone without a phone (admitted at once) */
  byStaff: boolean;
};

export type HearingTurn = {
  id: string;
  stage: HearingStage;
  /** null: the host (discipline, summary) or the proposing party (explanation, responses, final statement) */
  registrationId: string | null;
  speaker: string;
  role: TurnRole;
  stake: HearingStake | null;
  limitSec: number;
  startedAt: string;
  endedAt: string | null;
  durationSec: number | null;
  /** 听证笔录: when the speaker confirmed their statement as recorded */
  confirmedAt: string | null;
  /** corrections the speaker asked for (they go into the record, so everyone reads them) */
  corrections: { text: string; at: string }[];
};

export type HearingResult = { decision: string; reasons: string; at: string };

export type Hearing = {
  /** the proposing party (事项说明), e.g. 物业公司 */
  proposer: string;
  turnSeconds: number;
  registrations: HearingRegistration[];
  /** null until the facilitator opens the proceedings */
  stage: HearingStage | null;
  turns: HearingTurn[];
  currentTurnId: string | null;
  /** representatives called in the speaking order who did not speak (absent), so the order moves on */
  skipped: { registrationId: string; at: string }[];
  /** registrations asking for the floor (raised hands), in the order asked */
  floorRequests: string[];
  result: HearingResult | null;
};

/** Against floods: applying and withdrawing over and over, in one seat's name, would fill the list for everyone. */
export const HEARING_LIMITS = {
  summaryMax: 300, correctionMax: 500, correctionsPerTurn: 5, registrations: 500, applicationsPerSeat: 3, nameMax: 50, reasonMax: 300,
  decisionMax: 500, reasonsMax: 2000, minTurnSec: 30, maxTurnSec: 3600, defaultTurnSec: 300,
} as const;

/** Roles that speak; 列席 attendees see and hear but get no turn and may not ask for the floor. */
export const speaks = (r: Pick<HearingRegistration, 'role'>) => r.role === 'statement' || r.role === 'representative';

/**
 * Whether a seat may ask for the floor on the ordinary speakers list during a hearing: 列席 see and hear
 * but do not speak, and a seat without a vote speaks only as an admitted 陈述人 or 听证代表.
 */
export function mayAskForTheFloor(h: Hearing | null, seat: { id: string; canVote: boolean }): boolean {
  const r = h?.registrations.filter((x) => x.seatId === seat.id).at(-1);
  if (r?.role === 'attendee') return false;
  return seat.canVote || (r?.status === 'admitted' && speaks(r));
}

/** Admitted registrations that may be given a turn, in registration order. */
export const admittedSpeakers = (h: Hearing) => h.registrations.filter((r) => r.status === 'admitted' && speaks(r));

/** Admitted speakers per stake, for the console to balance pro and con. */
export function stakeBalance(h: Hearing): Record<HearingStake, number> {
  const out: Record<HearingStake, number> = { support: 0, oppose: 0, other: 0 };
  for (const r of admittedSpeakers(h)) out[r.stake ?? 'other'] += 1;
  return out;
}

/**
 * The order of 听证代表发言: admitted speakers in registration order, alternating support and oppose
 * (support first); when one side runs out the other's remain in order; stake 'other' speaks after both.
 */
export function speakingOrder(h: Hearing): HearingRegistration[] {
  const all = admittedSpeakers(h);
  const pro = all.filter((r) => r.stake === 'support');
  const con = all.filter((r) => r.stake === 'oppose');
  const out: HearingRegistration[] = [];
  for (let i = 0; i < Math.max(pro.length, con.length); i++) {
    if (pro[i]) out.push(pro[i]!);
    if (con[i]) out.push(con[i]!);
  }
  return [...out, ...all.filter((r) => r.stake !== 'support' && r.stake !== 'oppose')];
}

/** Who speaks next in the representatives stage: the first in the order who has neither spoken there nor been skipped. */
export function nextRepresentative(h: Hearing): HearingRegistration | null {
  const done = new Set([
    ...h.turns.filter((t) => t.stage === 'representatives' && t.registrationId).map((t) => t.registrationId!),
    ...h.skipped.map((x) => x.registrationId),
  ]);
  return speakingOrder(h).find((r) => !done.has(r.id)) ?? null;
}

export const currentTurn = (h: Hearing) => h.turns.find((t) => t.id === h.currentTurnId) ?? null;

/** What a seat's own connections are told: its application as it stands, with a rejection's reason. */
export type SeatHearing = {
  registration: Pick<HearingRegistration, 'id' | 'role' | 'stake' | 'summary' | 'status' | 'reason'> | null;
};
