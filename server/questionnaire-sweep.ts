import type { Questionnaires } from '../lib/questionnaire/service';
import { startSweep, type Sweep } from './sweep';

/** How often the server looks for questionnaires past their closing time; answers are refused from that moment regardless. */
export const QUESTIONNAIRE_SWEEP_MS = 30_000;

/** Closes questionnaires whose `closesAt` has passed (lib/questionnaire/service `closeDue`): at once, then every `everyMs`. */
export function startQuestionnaireSweep(questionnaires: Pick<Questionnaires, 'closeDue'>, everyMs = QUESTIONNAIRE_SWEEP_MS): Sweep {
  const sweep = startSweep('questionnaire', async () => {
    const closed = await questionnaires.closeDue();
    for (const id of closed) console.log(`[questionnaire] closed at its closing time: ${id}`);
  }, everyMs);
  void sweep.runNow();
  return sweep;
}
