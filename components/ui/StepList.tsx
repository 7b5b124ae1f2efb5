'use client';

/**
 * Where a process stands: its steps numbered, the current one marked (in words for a screen reader,
 * aria-current; by colour and weight for the eye), those done ticked. The open space's phases and the
 * hearing's stages on the phone, console and projector.
 */
export function StepList({ steps, current, label, size = 'normal' }: { steps: { id: string; label: string }[]; current: string | null; label: string; size?: 'normal' | 'huge' }) {
  const at = steps.findIndex((s) => s.id === current);
  return (
    <ol className={`flex flex-wrap gap-x-1 gap-y-1 ${size === 'huge' ? 'text-3xl' : 'text-base'}`} aria-label={label}>
      {steps.map((s, i) => (
        <li key={s.id} aria-current={i === at ? 'step' : undefined}
          className={`flex items-center gap-1 rounded-full px-3 py-0.5 ${i === at ? 'bg-civic-800 font-bold text-white' : i < at ? 'bg-civic-100 text-civic-900' : 'border border-ink/20 text-ink-muted'}`}>
          <span className="tabular-nums" aria-hidden="true">{i < at ? '✓' : i + 1}</span>
          {s.label}
        </li>
      ))}
    </ol>
  );
}
