import type { MeetingForm, MeetingLevel, MeetingType } from '../meeting/model';
import type { Catalogue } from './catalogue';
import { recordMatches } from './facts';

/**
 * The indicators a filed meeting record is evidence for (佐证材料), from each indicator's
 * `evidence.records` matcher: the record view lists them, and the assessor sees the record under each.
 * Indicators without a matcher take no meeting records as evidence.
 */
export function indicatorsSupportedByRecord(
  catalogue: Catalogue,
  record: { form: MeetingForm; type: MeetingType; level: MeetingLevel },
): string[] {
  return catalogue.indicators
    .filter((i) => i.evidence?.records && recordMatches(i.evidence.records, record))
    .map((i) => i.id);
}
