import type { Metadata } from 'next';
import { ExpertOpinionForm } from '@/components/expert/ExpertOpinionForm';
import { LanguageSwitch } from '@/components/ui/LanguageSwitch';
import { Messages } from '@/components/ui/Messages';
import { getI18n } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  // The address is a credential: never sent on as a Referer, never indexed.
  return { title: t('expert.phone.title'), referrer: 'no-referrer', robots: { index: false, follow: false } };
}

/** /x/<token>: an invited expert's personal link to give a written opinion (专家咨询). */
export default async function ExpertOpinionPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <Messages areas={['expert']}>
      <main className="mx-auto max-w-xl px-4 py-5">
        <div className="mb-3 flex justify-end"><LanguageSwitch /></div>
        <ExpertOpinionForm token={decodeURIComponent(token)} />
      </main>
    </Messages>
  );
}
