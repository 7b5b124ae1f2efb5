import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';
/** `large` is for residents' phones: at least 56px tall with 20px+ text. */
export type ButtonSize = 'normal' | 'large';

const base =
  'inline-flex items-center justify-center gap-2 rounded-xl font-semibold text-center transition-colors ' +
  'disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60';

const variants: Record<ButtonVariant, string> = {
  primary: 'bg-civic-800 text-white hover:bg-civic-900 active:bg-civic-950',
  secondary: 'border-2 border-civic-800 bg-white text-civic-900 hover:bg-civic-50',
  danger: 'bg-accent-700 text-white hover:bg-accent-800 active:bg-accent-900',
  ghost: 'bg-transparent text-civic-900 underline-offset-4 hover:bg-civic-50 hover:underline',
};

const sizes: Record<ButtonSize, string> = {
  normal: 'min-h-11 px-4 py-2 text-base',
  large: 'min-h-14 px-6 py-3 text-xl',
};

export function buttonClassName({
  variant = 'primary',
  size = 'normal',
  className = '',
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return `${base} ${variants[variant]} ${sizes[size]} ${className}`;
}

export type StyleProps = { variant?: ButtonVariant; size?: ButtonSize };

export function Button({
  variant,
  size,
  className,
  type = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & StyleProps) {
  return <button type={type} className={buttonClassName({ variant, size, className })} {...rest} />;
}
