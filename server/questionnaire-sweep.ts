import type { Questionnaires } from '../lib/questionnaire/service';

/** How often the server looks for questionnaires past their closing time; answers are refused from that moment regardless. */
export const QUESTIONNAIRE_SWEEP_MS = 30_000;

/**
 * Closes questionnaires whose `closesAt` has passed (lib/questionnaire/service `closeDue`), every
 * `everyMs`, until stopped. One run at a time; a failed run is logged and the next one tries again.
 * The timer does not keep the process alive.
 */
export function startQuestionnaireSweep(questionnaires: Pick<Questionnaires, 'closeDue'>, everyMs = QUESTIONNAIRE_SWEEP_MS): { stop(): void } {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const closed = await questionnaires.closeDue();
      for (const id of closed) console.log(`[questionnaire] closed at its closing time: ${id}`);
    } catch (err) {
      console.error('[questionnaire] closing sweep failed', err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  void run();
  return { stop: () => clearInterval(timer) };
}
