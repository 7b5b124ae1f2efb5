import type { ReactNode } from 'react';

// The floor of `npm run bench:phone`: an empty Next.js page, built and served like the app, so the
// phone pages are measured against what Next.js itself costs on the same machine in the same run.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  );
}
