'use client';

import { useT } from '@/components/ui/I18nProvider';

export type Declaration = { name: string; building: string; adult: boolean };
export const emptyDeclaration: Declaration = { name: '', building: '', adult: false };

const field = 'mt-1 block w-full rounded-xl border-2 border-ink/30 bg-white px-3 py-2 text-xl text-ink focus:border-civic-700';

/**
 * What a co-signer declares (the standard counts residents aged 18 or over): name and building, shown to
 * staff only; the public sees counts.
 */
export function DeclarationFields({ value, onChange }: { value: Declaration; onChange: (d: Declaration) => void }) {
  const t = useT();
  return (
    <fieldset className="space-y-3">
      <legend className="text-lg font-semibold text-ink">{t('topic.declare.legend')}</legend>
      <label className="block text-lg font-medium">
        {t('topic.declare.name')}
        <input className={field} autoComplete="name" maxLength={40} required value={value.name} onChange={(e) => onChange({ ...value, name: e.target.value })} />
      </label>
      <label className="block text-lg font-medium">
        {t('topic.declare.building')}
        <input className={field} maxLength={60} required placeholder={t('topic.declare.buildingHint')} value={value.building} onChange={(e) => onChange({ ...value, building: e.target.value })} />
      </label>
      <label className="flex min-h-11 items-start gap-3 text-lg">
        <input type="checkbox" className="mt-1 h-6 w-6 shrink-0" required checked={value.adult} onChange={(e) => onChange({ ...value, adult: e.target.checked })} />
        <span>{t('topic.declare.adult')}</span>
      </label>
      <p className="text-base text-ink-muted">{t('topic.declare.privacy')}</p>
    </fieldset>
  );
}
