import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import { canonicalJson } from '../../../record/canonical';
import { DefinitionInput, parseDefinition } from '../../../questionnaire/definition';
import { definitionHash } from '../../../questionnaire/hash';
import { canMoveStatus } from '../../model';
import { firstNoticeAt, noticeLead } from '../../notice-lead';
import type { EventData, MeetingState } from '../../state';
import { command, text, type Decision } from '../command';
import { emptyQuestionnaire, SUMMARY_MAX } from './model';

function lifecycle(s: MeetingState) {
  if (s.form !== 'questionnaire') throw new AppError('INVALID_STATE', 'This meeting is not a questionnaire', { form: s.form });
  return s.questionnaire ?? emptyQuestionnaire();
}

/** A new version of the definition: its event, and its row written in the same transaction. */
function newVersion(s: MeetingState, raw: z.output<typeof DefinitionInput>): Decision {
  const q = lifecycle(s);
  const definition = parseDefinition(raw);
  const sha256 = definitionHash(definition);
  if (q.versions.at(-1)?.sha256 === sha256) throw new AppError('INVALID_STATE', 'The questionnaire has not changed', { reason: 'unchanged' });
  const version = (q.versions.at(-1)?.version ?? 0) + 1;
  return {
    events: [{ type: 'questionnaire.versionPublished', data: { version, sha256 } }],
    effects: [{ kind: 'questionnaireVersion', version, sha256, definition: canonicalJson(definition) }],
  };
}

/**
 * A questionnaire (问卷式协商) lives in its meeting's log: opening it starts the meeting without agenda
 * or check-in (there is no sitting) and publishes version 1 of the definition; while it is open an edit
 * is a new version (answers already given stay with theirs); closing stops the answers; publishing the
 * result summary closes the meeting, and the record service freezes its record as for any meeting.
 * lib/questionnaire does the rest (drafts, settings, answers, results) and sends these commands.
 */
export const questionnaireCommands = {
  'questionnaire.open': command({
    schema: z.strictObject({ definition: DefinitionInput, overrideReason: z.string().trim().min(2).max(500).optional() }),
    action: 'meeting.manage',
    decide(s, i, _actor, ctx) {
      const q = lifecycle(s);
      if (q.phase !== 'draft' || !canMoveStatus(s.status, 'live')) throw new AppError('INVALID_STATE', 'The questionnaire cannot be opened now', { status: s.status, phase: q.phase });
      // The form's notice lead time holds as for any meeting (the default template's is 0 days).
      const lead = noticeLead(s.noticeLeadDays, firstNoticeAt(s), ctx.now ?? new Date());
      if (!lead.met && !i.overrideReason) throw new AppError('NOTICE_LEAD_NOT_MET', 'The notice lead time has not passed', lead);
      const v1 = newVersion(s, i.definition);
      const live: EventData<'meeting.statusChanged'> = lead.met ? { status: 'live' } : { status: 'live', reason: i.overrideReason! };
      return {
        events: [...v1.events, { type: 'questionnaire.opened', data: {} }, { type: 'meeting.statusChanged', data: live }],
        effects: [...v1.effects, { kind: 'questionnaireStatus', status: 'open' }, { kind: 'status', status: 'live' }],
      };
    },
  }),
  'questionnaire.revise': command({
    schema: z.strictObject({ definition: DefinitionInput }),
    action: 'meeting.manage',
    decide(s, i) {
      if (lifecycle(s).phase !== 'open') throw new AppError('INVALID_STATE', 'Only an open questionnaire gets new versions; edit the draft before opening', { reason: 'not_open' });
      return newVersion(s, i.definition);
    },
  }),
  'questionnaire.close': command({
    schema: z.strictObject({}),
    action: 'meeting.manage',
    decide(s) {
      if (lifecycle(s).phase !== 'open') throw new AppError('INVALID_STATE', 'The questionnaire is not open', { reason: 'not_open' });
      return { events: [{ type: 'questionnaire.closed', data: {} }], effects: [{ kind: 'questionnaireStatus', status: 'closed' }] };
    },
  }),
  'questionnaire.publish': command({
    schema: z.strictObject({ summary: text(SUMMARY_MAX) }),
    action: 'meeting.manage',
    decide(s, i) {
      const q = lifecycle(s);
      if (q.phase !== 'closed' || s.status !== 'live') throw new AppError('INVALID_STATE', 'Close the questionnaire before publishing its result', { reason: 'not_closed' });
      return {
        events: [{ type: 'questionnaire.summaryPublished', data: { text: i.summary } }, { type: 'meeting.statusChanged', data: { status: 'closed' } }],
        effects: [{ kind: 'status', status: 'closed' }],
      };
    },
  }),
};
