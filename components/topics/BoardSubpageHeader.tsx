import Link from 'next/link';
import { LanguageSwitch } from '@/components/ui/LanguageSwitch';
import type { Translate } from '@/lib/i18n/format';

/** The top of a page under a community's board (a topic, a decision, proposing): back to the board, and the language. */
export function BoardSubpageHeader({ boardHref, communityName, t }: { boardHref: string; communityName: string; t: Translate }) {
  return (
    <header className="border-t-4 border-accent-700 bg-white">
      <div className="mx-auto flex w-full max-w-2xl items-center justify-between gap-3 px-4 py-4">
        <Link href={boardHref} className="text-lg font-semibold text-civic-800 underline">{t('topic.backToBoard', { community: communityName })}</Link>
        <LanguageSwitch />
      </div>
    </header>
  );
}
