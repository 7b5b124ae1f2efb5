import QRCode from 'qrcode';

export type QrCodeProps = {
  value: string;
  /** Rendered width and height in CSS pixels. */
  size?: number;
  /** Accessible name; say what the code is for (e.g. the join link in words). */
  label: string;
  className?: string;
};

/** Options shared with QrCodeClient so both render the same code. */
export const qrSvgOptions = (size: number) =>
  ({
    type: 'svg',
    width: size,
    margin: 2,
    errorCorrectionLevel: 'M',
    color: { dark: '#000000', light: '#ffffff' },
  }) as const;

/** Server component: the SVG is produced on the server and inlined, so it shows without JavaScript. */
export async function QrCode({ value, size = 256, label, className = '' }: QrCodeProps) {
  const svg = await QRCode.toString(value, qrSvgOptions(size));
  return (
    <div
      role="img"
      aria-label={label}
      className={`inline-block bg-white leading-none [&>svg]:block [&>svg]:h-full [&>svg]:w-full ${className}`}
      style={{ width: size, height: size }}
      // The markup comes from the qrcode library's SVG renderer, not from user input.
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
