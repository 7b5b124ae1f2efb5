/**
 * Brings something that needs the member's hand (a ballot that just opened, the stance picker) into
 * view on a small phone: scroll it to the top, put the focus on its first button, and buzz where the
 * phone can. Older browsers (WeChat's on old Android) take only the boolean form of scrollIntoView
 * or none at all; vibrate is missing on iOS and refused without an earlier tap, which is fine.
 */
export function bringIntoView(target: HTMLElement | null, opts: { focus?: HTMLElement | null; vibrate?: boolean } = {}): void {
  if (!target) return;
  const reduced = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  try {
    target.scrollIntoView({ behavior: reduced ? 'auto' : 'smooth', block: 'start' });
  } catch {
    if (typeof target.scrollIntoView === 'function') target.scrollIntoView(true);
    else window.scrollTo(0, target.getBoundingClientRect().top + (window.pageYOffset || 0));
  }
  try {
    opts.focus?.focus({ preventScroll: true });
  } catch {
    opts.focus?.focus();
  }
  if (opts.vibrate) {
    try {
      navigator.vibrate?.(200);
    } catch {
      /* not allowed yet (no tap on this page) */
    }
  }
}
