import Link from 'next/link';
import type { ReactNode } from 'react';
import { BrandLink } from '@/components/ui/BrandLink';
import { LanguageSwitch } from '@/components/ui/LanguageSwitch';
import { canAssess } from '@/lib/assessment/permissions';
import type { StaffIdentity } from '@/lib/auth/staff-session';
import { getI18n } from '@/lib/i18n/server';
import { LogoutButton } from './LogoutButton';

/** Top bar of every console page (not the projector): brand, where you are, who you are, language, logout. */
export async function ConsoleHeader({ staff, children }: { staff: StaffIdentity; children?: ReactNode }) {
  const { t } = await getI18n();
  return (
    <header className="border-t-4 border-accent-700 border-b border-b-ink/15 bg-white print:hidden">
      <div className="flex w-full flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
        <BrandLink href="/console" label={t('console.brand')} />
        <IndexNav staff={staff} />
        {children ? <nav aria-label={t('console.breadcrumb')} className="text-base text-ink-muted">{children}</nav> : null}
        <div className="ml-auto flex flex-wrap items-center justify-end gap-3">
          <span className="whitespace-nowrap text-base text-ink">
            {staff.displayName}
            <span className="text-ink-muted"> · {t(`console.role.${staff.role}`)}</span>
          </span>
          <LanguageSwitch />
          <LogoutButton />
        </div>
      </div>
    </header>
  );
}

/**
 * The consultation-index pages each role works with: community staff their community's index,
 * assessors the review queue and the overview, the district admin those and the catalogue.
 */
async function IndexNav({ staff }: { staff: StaffIdentity }) {
  const { t } = await getI18n();
  const links = [
    staff.scope.communityId ? { href: '/console/index', label: t('scoring.nav.index') } : null,
    canAssess(staff.role, 'overview.view') ? { href: '/console/district', label: t('scoring.nav.district') } : null,
    canAssess(staff.role, 'evidence.review') ? { href: '/console/assess', label: t('scoring.nav.assess') } : null,
    canAssess(staff.role, 'catalogue.edit') ? { href: '/console/catalogue', label: t('scoring.nav.catalogue') } : null,
    canAssess(staff.role, 'templates.edit') ? { href: '/console/templates', label: t('templates.nav') } : null,
  ].filter((l) => l !== null);
  if (links.length === 0) return null;
  return (
    <nav aria-label={t('scoring.nav.label')}>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-base">
        {links.map((l) => (
          <li key={l.href}><Link href={l.href} className="font-medium text-civic-800 underline-offset-4 hover:underline">{l.label}</Link></li>
        ))}
      </ul>
    </nav>
  );
}
