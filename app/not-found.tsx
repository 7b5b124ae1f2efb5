import type { CSSProperties } from 'react';
import { getI18n } from '@/lib/i18n/server';

// Styled inline, not with the stylesheet's classes: an address no page answers gets the root layout alone,
// which carries no stylesheet (each page group brings its own: app/(site), app/(phone), app/(join), app/console), and a
// stylesheet imported here would go into every page's payload. The colours are the theme's (app/theme.css):
// paper, ink, ink-muted, accent-700, civic-800.
const page: CSSProperties = {
  position: 'fixed', inset: 0, overflow: 'auto', background: '#faf7f2', color: '#1c1917',
  fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif', lineHeight: 1.65,
};
const main: CSSProperties = {
  boxSizing: 'border-box', margin: '0 auto', display: 'flex', minHeight: '100%', width: '100%', maxWidth: '36rem',
  flexDirection: 'column', justifyContent: 'center', gap: '1.25rem', padding: '3rem 1rem',
};
const bold: CSSProperties = { margin: 0, fontWeight: 700 };
const button: CSSProperties = {
  display: 'inline-flex', minHeight: '3.5rem', alignItems: 'center', borderRadius: '0.5rem', padding: '0 1.5rem',
  background: '#1b3a5a', color: '#fff', fontSize: '1.25rem', fontWeight: 700, textDecoration: 'none',
};

export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <div style={page}>
      <main style={main}>
        <p style={{ ...bold, fontSize: '1.25rem', color: '#9b1c17' }}>404</p>
        <h1 style={{ ...bold, fontSize: '1.875rem', lineHeight: 1.3 }}>{t('notFound.title')}</h1>
        <p style={{ margin: 0, fontSize: '1.125rem', color: '#44403c' }}>{t('notFound.body')}</p>
        <div>
          {/* A plain link: the root layout's not-found boundary is in every page's payload, and Next's
              <Link> here would load the router's link code (~4 KB) on every page, a resident's phone among them. */}
          <a href="/" style={button}>{t('common.backHome')}</a>
        </div>
      </main>
    </div>
  );
}
