'use client';

import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { qrSvgOptions, type QrCodeProps } from './QrCode';

/** Client variant for values only known in the browser (e.g. a link built from window.location). */
export function QrCodeClient({ value, size = 256, label, className = '' }: QrCodeProps) {
  const [svg, setSvg] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    QRCode.toString(value, qrSvgOptions(size)).then(
      (markup) => !cancelled && setSvg(markup),
      () => !cancelled && setSvg(null),
    );
    return () => {
      cancelled = true;
    };
  }, [value, size]);

  return (
    <div
      role="img"
      aria-label={label}
      className={`inline-block bg-white leading-none [&>svg]:block [&>svg]:h-full [&>svg]:w-full ${className}`}
      style={{ width: size, height: size }}
      dangerouslySetInnerHTML={svg ? { __html: svg } : undefined}
    />
  );
}
