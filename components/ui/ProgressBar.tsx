export type ProgressBarProps = {
  value: number;
  max: number;
  /** Visible label, also the bar's accessible name. */
  label: string;
  /** Visible value text, e.g. "32 / 45"; defaults to none. Also used as aria-valuetext. */
  valueText?: string;
  className?: string;
};

export function ProgressBar({ value, max, label, valueText, className = '' }: ProgressBarProps) {
  const safeMax = max > 0 ? max : 1;
  const clamped = Math.min(Math.max(value, 0), safeMax);
  const percent = (clamped / safeMax) * 100;
  return (
    <div className={className}>
      <div className="mb-1 flex items-baseline justify-between gap-3 text-base">
        <span className="font-medium text-ink">{label}</span>
        {valueText ? <span className="tabular-nums text-ink-muted">{valueText}</span> : null}
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={safeMax}
        aria-valuenow={clamped}
        aria-valuetext={valueText}
        className="h-4 w-full overflow-hidden rounded-full border border-ink/30 bg-civic-50"
      >
        <div className="h-full rounded-full bg-civic-700 transition-[width] duration-300" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
