import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { publicOrigin } from '@/lib/platform/public-origin';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ConsoleHeader } from '@/components/meeting/console/ConsoleHeader';
import { CopyLinkButton } from '@/components/meeting/console/CopyLinkButton';
import { PrintButton } from '@/components/meeting/console/PrintButton';
import { QrCode } from '@/components/ui/QrCode';
import { getI18n } from '@/lib/i18n/server';
import { meetingAccess } from '@/lib/meeting/queries';
import { formatShortCode } from '@/lib/meeting/short-code';
import { sharedDb } from '@/lib/platform/db/shared';
import { AppError } from '@/lib/platform/errors';
import { requireStaff } from '../../../staff';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('cards.title') };
}

const CARDS_PER_PAGE = 8; // A4, 2 columns × 4 rows

export default async function CardsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await requireStaff();
  const access = await meetingAccess(sharedDb(), staff, id).catch((e: unknown) => {
    if (e instanceof AppError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) notFound();
    throw e;
  });
  const { t } = await getI18n();
  const origin = publicOrigin(process.env.YISHI_PUBLIC_URL, await headers());
  const pages: (typeof access.seats)[] = [];
  for (let i = 0; i < access.seats.length; i += CARDS_PER_PAGE) pages.push(access.seats.slice(i, i + CARDS_PER_PAGE));
  const observerUrl = `${origin}/o/${access.observerToken}`;

  return (
    <div className="min-h-dvh print:bg-white">
      <style>{'@page { size: A4; margin: 10mm; }'}</style>
      <ConsoleHeader staff={staff}>
        <Link href="/console" className="underline">{t('console.home.title')}</Link>
        {' / '}
        <Link href={`/console/meetings/${id}`} className="underline">{access.title}</Link>
      </ConsoleHeader>
      <main className="mx-auto w-full max-w-6xl px-4 py-6 print:max-w-none print:p-0">
        <div className="print:hidden">
          <div className="flex flex-wrap items-center justify-between gap-4">
            <div>
              <h1 className="text-3xl font-bold">{t('cards.title')}</h1>
              <p className="text-lg text-ink-muted">{access.title} · {t('console.joinCode')} <span className="font-mono font-bold tracking-widest text-ink">{access.joinCode}</span></p>
            </div>
            <PrintButton />
          </div>
          <p className="mt-2 text-base text-ink-muted">{t('cards.intro', { count: access.seats.length })}</p>

          <section aria-labelledby="links-title" className="mt-6 rounded-2xl border border-ink/15 bg-white p-5">
            <h2 id="links-title" className="text-xl font-semibold">{t('cards.links.title')}</h2>
            <p className="text-base text-ink-muted">{t('cards.links.intro')}</p>
            <div className="mt-3 flex flex-wrap items-center gap-3 rounded-xl bg-civic-50 p-3">
              <span className="font-semibold">{t('cards.observer')}</span>
              <code className="min-w-0 flex-1 truncate text-sm">{observerUrl}</code>
              <CopyLinkButton value={observerUrl} label={t('cards.copyFor', { name: t('cards.observer') })} />
            </div>
            <table className="mt-3 w-full text-left text-base">
              <thead>
                <tr className="border-b border-ink/20">
                  <th scope="col" className="py-1 pr-4">{t('cards.member')}</th>
                  <th scope="col" className="py-1 pr-4">{t('cards.remoteLink')}</th>
                  <th scope="col" className="py-1"><span className="sr-only">{t('cards.copy')}</span></th>
                </tr>
              </thead>
              <tbody>
                {access.seats.map((s) => {
                  const url = `${origin}/r/${s.remoteToken}`;
                  return (
                    <tr key={s.seatId} className="border-b border-ink/10">
                      <th scope="row" className="py-1 pr-4 font-medium">{s.name}</th>
                      <td className="max-w-0 py-1 pr-4"><code className="block truncate text-sm">{url}</code></td>
                      <td className="py-1 text-right"><CopyLinkButton value={url} label={t('cards.copyFor', { name: s.name })} /></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>

          <h2 className="mt-8 text-xl font-semibold">{t('cards.preview')}</h2>
        </div>

        {pages.map((page, pi) => (
          <section key={pi} aria-label={t('cards.page', { page: pi + 1 })}
            className="mt-4 grid grid-cols-2 grid-rows-4 gap-0 border border-ink/20 bg-white print:mt-0 print:h-[277mm] print:border-0 print:break-after-page">
            {page.map((s) => {
              // The join code in the QR names this meeting; scanning admits and checks in with no typing.
              const url = `${origin}/j/${access.joinCode}?card=${encodeURIComponent(s.cardToken)}`;
              return (
                <article key={s.seatId} className="flex items-center gap-4 border border-dashed border-ink/40 p-4 print:h-[69mm] print:break-inside-avoid">
                  <div className="flex shrink-0 flex-col items-center">
                    <QrCode value={url} size={160} label={t('cards.qrLabel', { name: s.name })} />
                    <p className="sr-only">{t('cards.shortCode')}</p>
                    <p className="mt-1 whitespace-nowrap font-mono text-4xl font-bold tracking-widest" data-testid="card-short-code">{formatShortCode(s.shortCode)}</p>
                  </div>
                  <div className="min-w-0">
                    <p className="text-sm text-ink-muted">{access.title}</p>
                    <p className="mt-1 text-3xl font-bold">{s.name}</p>
                    <p className="mt-2 text-sm">{t('cards.scanHint')}</p>
                    <p className="mt-1 text-xs text-ink-muted">{t('cards.typeHint', { joinCode: access.joinCode })}</p>
                  </div>
                </article>
              );
            })}
          </section>
        ))}
      </main>
    </div>
  );
}
