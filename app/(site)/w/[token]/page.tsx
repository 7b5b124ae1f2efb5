import type { Metadata } from 'next';
import { LanguageSwitch } from '@/components/ui/LanguageSwitch';
import { Messages } from '@/components/ui/Messages';
import { AddresseeReply } from '@/components/written/AddresseeReply';
import { getI18n } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  // The address is a credential: never sent on as a Referer, never indexed.
  return { title: t('written.phone.title'), referrer: 'no-referrer', robots: { index: false, follow: false } };
}

/** /w/<token>: an addressee's personal link to a written consultation (书面征询协商). */
export default async function WrittenReplyPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <Messages areas={['written']}>
      <main className="mx-auto max-w-xl px-4 py-5">
        <div className="mb-3 flex justify-end"><LanguageSwitch /></div>
        <AddresseeReply token={decodeURIComponent(token)} />
      </main>
    </Messages>
  );
}
