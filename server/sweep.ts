export type Sweep = {
  /** Runs it now (or joins the run under way); resolves when that run has ended, failed or not. */
  runNow(): Promise<void>;
  stop(): void;
};

/**
 * Runs `run` every `everyMs` until stopped: the server's periodic chores (closing questionnaires at
 * their closing time, mending what a crash or a failed write left undone). One run at a time; a failed
 * run is logged under `what` and the next one tries again. The timer does not keep the process alive.
 */
export function startSweep(what: string, run: () => Promise<void>, everyMs: number): Sweep {
  let running: Promise<void> | null = null;
  const runNow = () =>
    (running ??= run()
      .catch((err: unknown) => console.error(`[${what}] sweep failed`, err))
      .finally(() => {
        running = null;
      }));
  const timer = setInterval(() => void runNow(), everyMs);
  timer.unref();
  return { runNow, stop: () => clearInterval(timer) };
}
