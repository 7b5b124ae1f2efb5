import type { z } from 'zod';
import { AppError } from '../platform/errors';
import { can, type MeetingAction } from './permissions';
import type { MeetingState } from './state';
import { agendaCommands } from './procedure/agenda/commands';
import { attendanceCommands } from './procedure/attendance/commands';
import type { Actor, CommandDef, DecideContext, Decision } from './procedure/command';
import { hearingCommands } from './procedure/hearing/commands';
import { meetingCommands, messageCommands } from './procedure/meeting/commands';
import { pollCommands } from './procedure/polls/commands';
import { openSpaceCommands } from './procedure/openspace/commands';
import { qaCommands } from './procedure/qa/commands';
import { questionnaireCommands } from './procedure/questionnaire/commands';
import { speakerCommands } from './procedure/speakers/commands';
import { writtenCommands } from './procedure/written/commands';
import { visitsCommands } from './procedure/visits/commands';
import { evaluationCommands } from './procedure/evaluation/commands';
import { expertCommands } from './procedure/expert/commands';

/**
 * Commands: what a client asks the meeting to do. Each part of the live meeting (lib/meeting/procedure:
 * the meeting as a whole, agenda, attendance, speakers, polls, Q&A, open space, hearing, questionnaire) declares its commands — schema, permission,
 * decision — and this list composes them (their reducers: lib/meeting/state.ts); the hub, the socket
 * adapter and the event log stay generic. A new part adds its folder's commands here.
 */
const definitions = {
  ...meetingCommands,
  ...agendaCommands,
  ...attendanceCommands,
  ...speakerCommands,
  ...pollCommands,
  ...messageCommands,
  ...qaCommands,
  ...openSpaceCommands,
  ...hearingCommands,
  ...questionnaireCommands,
  ...writtenCommands,
  ...visitsCommands,
  ...evaluationCommands,
  ...expertCommands,
};

type Definitions = typeof definitions;
export type CommandName = keyof Definitions;

/** Every command's payload schema (the socket payload), in the registry's order. */
export const commandSchemas = Object.fromEntries(
  Object.entries(definitions).map(([name, def]) => [name, def.schema]),
) as { [C in CommandName]: Definitions[C]['schema'] };
export type CommandInput<C extends CommandName> = z.infer<(typeof commandSchemas)[C]>;
export const commandNames = Object.keys(commandSchemas) as CommandName[];

/**
 * Commands only the HTTP API sends, never a socket: a questionnaire's lifecycle goes with rows that
 * lib/questionnaire writes around it (the draft and settings it opens with, the answers it closes).
 */
export const httpOnlyCommands: ReadonlySet<CommandName> = new Set([
  'questionnaire.open', 'questionnaire.revise', 'questionnaire.close', 'questionnaire.publish',
  // a written consultation's: lib/written writes its addressees' links and reads its replies around them
  'written.send', 'written.close',
  // a round of visits: its plan and entries are lib/visits' rows (the status they are checked against)
  'visits.start', 'visits.finish', 'visits.conclude',
  // a 民主评议's: lib/evaluation writes its evaluators' links and reads its boxes around them
  'evaluation.open', 'evaluation.close', 'evaluation.publish',
  // an expert consultation's: lib/expert writes its experts' links and the asking topic's journey around them
  'expert.ask', 'expert.accept', 'expert.opinion', 'expert.conclude', 'expert.feedback',
]);

export function permissionFor(command: CommandName): MeetingAction {
  return definitions[command].action;
}

/** Checks the actor's permission, then lets the command's part decide it into events. */
export function decide<C extends CommandName>(
  s: MeetingState, name: C, rawInput: CommandInput<C>, actor: Actor, ctx: DecideContext,
): Decision {
  const def = (definitions as Record<string, CommandDef>)[name];
  if (!def) throw new AppError('BAD_REQUEST', 'Unknown command');
  if (!can(actor.role, def.action)) {
    throw new AppError('FORBIDDEN', 'Not allowed in this meeting', { command: name, role: actor.role });
  }
  return def.decide(s, rawInput, actor, ctx);
}

export type { Actor, DecideContext, Decision, Effect } from './procedure/command';
export { WalkInInput } from './procedure/attendance/commands';
export { ballotSeatOf, liveTally, validChoices } from './procedure/polls/commands';
export { nextSpeaker } from './procedure/speakers/commands';
