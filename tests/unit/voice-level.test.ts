import { describe, expect, it } from 'vitest';
import { meterLevel } from '../../components/meeting/voice/level';

const RATE = 48_000;

/** `seconds` of silence with a 400 Hz tone of amplitude `amp` for `beepMs` starting at `atMs` (Chromium's fake microphone beeps like this). */
function sound(seconds: number, beep?: { atMs: number; beepMs: number; amp: number }): Float32Array {
  const s = new Float32Array(Math.round(seconds * RATE));
  if (beep) {
    const from = Math.round((beep.atMs / 1000) * RATE);
    const to = Math.min(s.length, from + Math.round((beep.beepMs / 1000) * RATE));
    for (let i = from; i < to; i++) s[i] = beep.amp * Math.sin((2 * Math.PI * 400 * i) / RATE);
  }
  return s;
}

describe('meterLevel', () => {
  it('reads silence as 0', () => {
    expect(meterLevel(sound(0.34), 0)).toBe(0);
  });

  it('shows a 20 ms beep in a 340 ms window at its own loudness, not diluted by the silence around it', () => {
    const level = meterLevel(sound(0.34, { atMs: 200, beepMs: 20, amp: 0.1 }), 0);
    // RMS of a sine is amp/√2 ≈ 0.0707, ×4 ≈ 0.28; diluted over the window it would be ≈ 0.07.
    expect(level).toBeGreaterThan(0.2);
    expect(level).toBeLessThanOrEqual(1);
  });

  it('falls back slowly after a sound, so a reading between two beeps still shows it', () => {
    let shown = meterLevel(sound(0.34, { atMs: 100, beepMs: 20, amp: 0.1 }), 0);
    const peak = shown;
    // Three silent readings (450 ms at the hook's 150 ms): still visible, lower each time.
    for (let i = 0; i < 3; i++) {
      const next = meterLevel(sound(0.34), shown);
      expect(next).toBeLessThan(shown);
      shown = next;
    }
    expect(shown).toBeGreaterThan(peak / 3);
  });

  it('reaches 0 in the end, and a louder sound shows at once', () => {
    let shown = 0.5;
    for (let i = 0; i < 60; i++) shown = meterLevel(sound(0.05), shown);
    expect(shown).toBe(0);
    expect(meterLevel(sound(0.05, { atMs: 0, beepMs: 50, amp: 0.2 }), 0.1)).toBeGreaterThan(0.5);
  });

  it('never shows more than full scale', () => {
    expect(meterLevel(sound(0.05, { atMs: 0, beepMs: 50, amp: 1 }), 0)).toBe(1);
  });
});
