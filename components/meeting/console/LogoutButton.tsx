'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';

export function LogoutButton() {
  const t = useT();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  async function logout() {
    setBusy(true);
    // The API only accepts JSON bodies on POST, hence the empty object.
    await fetch('/api/auth/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).catch(() => null);
    router.replace('/login');
    router.refresh();
  }
  return (
    <Button variant="secondary" className="whitespace-nowrap" onClick={logout} disabled={busy}>
      {t('common.logout')}
    </Button>
  );
}
