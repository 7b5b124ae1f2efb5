'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';

export function CopyLinkButton({ value, label }: { value: string; label: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // No clipboard on plain-http hall addresses: fall back to selecting the text for Ctrl+C.
      window.prompt(t('cards.copyPrompt'), value);
    }
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2000);
  }
  return (
    <Button variant="secondary" className="!min-h-9 !py-0 text-sm" onClick={copy} aria-label={label}>
      <span aria-live="polite">{copied ? t('cards.copied') : t('cards.copy')}</span>
    </Button>
  );
}
