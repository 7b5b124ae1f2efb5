import type { ReactNode } from 'react';
import { Messages, SITE_AREAS } from '@/components/ui/Messages';

/** The public site's messages (lib/i18n/areas.ts); the phone pages get fewer. */
export default function SiteLayout({ children }: { children: ReactNode }) {
  return <Messages areas={SITE_AREAS}>{children}</Messages>;
}
