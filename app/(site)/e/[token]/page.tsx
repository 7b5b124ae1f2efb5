import type { Metadata } from 'next';
import { EvaluatorRating } from '@/components/evaluation/EvaluatorRating';
import { LanguageSwitch } from '@/components/ui/LanguageSwitch';
import { Messages } from '@/components/ui/Messages';
import { getI18n } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  // The address is a credential: never sent on as a Referer, never indexed.
  return { title: t('evaluation.phone.title'), referrer: 'no-referrer', robots: { index: false, follow: false } };
}

/** /e/<token>: an evaluator's personal link to a 民主评议. */
export default async function EvaluatorPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <Messages areas={['evaluation']}>
      <main className="mx-auto max-w-xl px-4 py-5">
        <div className="mb-3 flex justify-end"><LanguageSwitch /></div>
        <EvaluatorRating token={decodeURIComponent(token)} />
      </main>
    </Messages>
  );
}
