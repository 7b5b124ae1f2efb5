import type { ReactNode } from 'react';
import { Messages, PHONE_AREAS } from '@/components/ui/Messages';

/** A resident's phone page: the messages of joining and of the live meeting only (lib/i18n/areas.ts). */
export default function PhoneLayout({ children }: { children: ReactNode }) {
  return <Messages areas={PHONE_AREAS}>{children}</Messages>;
}
