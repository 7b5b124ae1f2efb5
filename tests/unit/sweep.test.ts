// server/sweep.ts: the periodic chores' loop (records left unfrozen or unfiled, questionnaires past closing).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSweep } from '../../server/sweep';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('startSweep', () => {
  it('runs every interval until stopped, and not before the first interval unless asked', async () => {
    vi.useFakeTimers();
    const run = vi.fn(async () => {});
    const sweep = startSweep('test', run, 1000);
    expect(run).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(3000);
    expect(run).toHaveBeenCalledTimes(3);
    sweep.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('runs one at a time: a run asked for during another joins it', async () => {
    let finish!: () => void;
    const run = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const sweep = startSweep('test', run, 60_000);
    const first = sweep.runNow();
    const second = sweep.runNow();
    expect(second).toBe(first);
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await first;
    void sweep.runNow();
    expect(run).toHaveBeenCalledTimes(2);
    finish();
    sweep.stop();
  });

  it('logs a failed run and tries again at the next', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const run = vi.fn().mockRejectedValueOnce(new Error('database gone')).mockResolvedValueOnce(undefined);
    const sweep = startSweep('record', run, 60_000);
    await expect(sweep.runNow()).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith('[record] sweep failed', expect.objectContaining({ message: 'database gone' }));
    await sweep.runNow();
    expect(run).toHaveBeenCalledTimes(2);
    sweep.stop();
  });
});
