import '../globals.css';
import type { ReactNode } from 'react';
import { CONSOLE_AREAS, Messages, SITE_AREAS } from '@/components/ui/Messages';
import { requireStaff } from './staff';

/**
 * Gate only: the projector view lives under /console too and must show no console chrome,
 * so each console page renders its own header (components/meeting/console/ConsoleHeader).
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  await requireStaff();
  return <Messages areas={[...SITE_AREAS, ...CONSOLE_AREAS]}>{children}</Messages>;
}
