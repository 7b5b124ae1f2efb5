'use client';

import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';

export function PrintButton() {
  const t = useT();
  return <Button onClick={() => window.print()}>{t('cards.print')}</Button>;
}
