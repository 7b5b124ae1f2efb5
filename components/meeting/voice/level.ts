// A sound meter's reading, apart from the browser so it can be tested: the Web Audio part is in rtc.tsx.

/** ~21 ms at 48 kHz: about as long as a click or the onset of a syllable. */
const BLOCK = 1024;
/** What remains of the shown level after one reading when nothing louder came: the bar falls back over about two seconds. */
const RELEASE = 0.8;

/**
 * The level to show, 0–1, from the samples heard since the last reading and the level shown then. It is
 * the loudest short block, not the whole window's average, and it falls back slowly (as a VU meter's
 * needle does): a short sound would otherwise show as a flicker between two readings or not at all, and
 * a member testing the microphone would think it dead.
 */
export function meterLevel(samples: Float32Array, shown: number): number {
  let loudest = 0;
  for (let start = 0; start < samples.length; start += BLOCK) {
    const end = Math.min(samples.length, start + BLOCK);
    let sum = 0;
    for (let i = start; i < end; i++) sum += samples[i]! * samples[i]!;
    loudest = Math.max(loudest, Math.sqrt(sum / (end - start)));
  }
  // Speech at a normal distance has an RMS around 0.05–0.2: ×4 puts it in the meter's middle.
  const now = Math.min(1, loudest * 4);
  const held = shown * RELEASE;
  if (now >= held) return now;
  return held < 0.001 ? 0 : held;
}
