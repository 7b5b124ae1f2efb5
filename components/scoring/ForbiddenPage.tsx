import { ConsoleHeader } from '@/components/meeting/console/ConsoleHeader';
import type { StaffIdentity } from '@/lib/auth/staff-session';
import type { Translate } from '@/lib/i18n/locale';

/** What a console page of the index shows a staff member whose role may not open it. */
export function ForbiddenPage({ staff, t }: { staff: StaffIdentity; t: Translate }) {
  return (
    <div className="min-h-dvh">
      <ConsoleHeader staff={staff} />
      <main className="mx-auto w-full max-w-5xl px-4 py-8"><p className="text-lg">{t('scoring.forbidden')}</p></main>
    </div>
  );
}
