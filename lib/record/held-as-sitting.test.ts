import { describe, expect, it } from 'vitest';
import { readableOf, SMALL_MEETING, syntheticRecord } from './fixtures';
import { heldAsSitting, type ReadableRecord } from './readable';

// What the record page and the PDF show: a sitting's sections only for a meeting that sat.
describe('heldAsSitting', () => {
  const base = readableOf(syntheticRecord(SMALL_MEETING), 'disclosed');
  const nothing: Pick<ReadableRecord, 'attendance' | 'agenda' | 'polls'> = { attendance: [], agenda: [], polls: [] };
  const record = (form: ReadableRecord['meeting']['form'], startedAt: string | null, parts: Partial<Pick<ReadableRecord, 'attendance' | 'agenda' | 'polls'>> = nothing) =>
    ({ ...base, ...nothing, ...parts, meeting: { ...base.meeting, form, startedAt } });
  const started = '2026-12-03T02:00:00.000Z';

  it.each([
    ['a council that sat', record('council', started, { attendance: base.attendance, agenda: base.agenda, polls: base.polls }), true],
    ['a council that started with nobody checked in', record('council', started), true],
    ['a questionnaire (live once opened, never a sitting)', record('questionnaire', started), false],
    ['a written consultation', record('written', started), false],
    ['a round of visits', record('visit', started), false],
    ['an evaluation', record('evaluation', started), false],
    ['an expert consultation concluded on written opinions, never started', record('expert', null, { agenda: base.agenda }), false],
    ['an expert consultation that sat', record('expert', started, { agenda: base.agenda }), true],
    ['a visit meeting held as a sitting before issue 14 (checked in)', record('visit', started, { attendance: base.attendance }), true],
  ])('%s: %s', (_name, r, want) => {
    expect(heldAsSitting(r)).toBe(want);
  });
});
