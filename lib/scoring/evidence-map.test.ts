import { describe, expect, it } from 'vitest';
import { loadDefaultCatalogue, type Catalogue } from './catalogue';
import { indicatorsSupportedByRecord } from './evidence-map';

const catalogue = loadDefaultCatalogue();

describe('indicatorsSupportedByRecord', () => {
  it('lists a council record under the council indicators and the ones taking any record', () => {
    const ids = indicatorsSupportedByRecord(catalogue, { form: 'council', type: 'decision', level: 'community' });
    expect(ids).toEqual(expect.arrayContaining([
      'form.council.quarterly', 'form.council.charter', 'mechanism.participation.attendance', 'venue.online.platform',
      'outcome.resolution.decided', 'mechanism.leadership.party',
    ]));
    expect(ids).not.toContain('form.hearing.held');
    expect(ids).not.toContain('object.levels.compound');
    // Indicators without a records matcher never take meeting records.
    expect(ids).not.toContain('topic.intake.paths');
    expect(ids).not.toContain('venue.physical.space');
  });

  it('needs every listed dimension to match', () => {
    const compoundHearing = indicatorsSupportedByRecord(catalogue, { form: 'hearing', type: 'advisory', level: 'compound' });
    expect(compoundHearing).toEqual(expect.arrayContaining(['form.hearing.held', 'object.levels.compound', 'object.escalation.register']));
    expect(compoundHearing).not.toContain('outcome.resolution.decided');

    const tiny = {
      ...catalogue,
      indicators: [{ ...catalogue.indicators[0]!, id: 'x', evidence: { records: { forms: ['hearing'], levels: ['grid'] } } }],
    } as Catalogue;
    expect(indicatorsSupportedByRecord(tiny, { form: 'hearing', type: 'decision', level: 'grid' })).toEqual(['x']);
    expect(indicatorsSupportedByRecord(tiny, { form: 'hearing', type: 'decision', level: 'community' })).toEqual([]);
    expect(indicatorsSupportedByRecord(tiny, { form: 'council', type: 'decision', level: 'grid' })).toEqual([]);
  });
});
