'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';

export type ExpertRow = { id: string; name: string; field: string; organisation: string; phone: string; retiredAt: Date | string | null };
type Field = 'name' | 'field' | 'organisation' | 'phone';

/** The expert pool as a table: add an expert, edit one in place, remove one (kept with past meetings). */
export function ExpertEditor({ communityId, experts }: { communityId: string; experts: ExpertRow[] }) {
  const t = useT();
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function post(url: string, body?: unknown): Promise<boolean> {
    setError(null);
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
      if (res.ok) {
        router.refresh();
        return true;
      }
      const { error: err } = (await res.json()) as { error: { code: string; details?: { issues?: { path: string }[] } } };
      const field = err.details?.issues?.[0]?.path as Field | undefined;
      setError(field ? t('planning.experts.invalid', { field: t(`planning.experts.field.${field}`) }) : t(`meeting.error.${err.code as 'BAD_REQUEST'}`));
    } catch {
      setError(t('planning.error.network'));
    }
    return false;
  }

  function expertForm(url: string, expert: ExpertRow | null, submit: string, done?: () => void) {
    async function onSubmit(e: FormEvent<HTMLFormElement>) {
      e.preventDefault();
      const form = e.currentTarget;
      const d = new FormData(form);
      const value = (k: Field) => String(d.get(k) ?? '').trim();
      const ok = await post(url, { name: value('name'), field: value('field'), organisation: value('organisation'), phone: value('phone') });
      if (ok) {
        form.reset();
        done?.();
      }
    }
    const label = 'block text-base font-semibold';
    return (
      <form onSubmit={onSubmit} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <label className={label}>{t('planning.experts.field.name')}<input name="name" required maxLength={50} defaultValue={expert?.name} className={inputClass} /></label>
          <label className={label}>{t('planning.experts.field.field')}<input name="field" required maxLength={100} defaultValue={expert?.field} className={inputClass} /></label>
          <label className={label}>{t('planning.experts.field.organisation')}<input name="organisation" required maxLength={100} defaultValue={expert?.organisation} className={inputClass} /></label>
          <label className={label}>{t('planning.experts.field.phone')}<input name="phone" inputMode="tel" maxLength={11} defaultValue={expert?.phone} className={inputClass} /></label>
        </div>
        <div className="flex gap-2">
          <Button type="submit">{submit}</Button>
          {done && expert ? <Button variant="ghost" onClick={done}>{t('common.cancel')}</Button> : null}
        </div>
      </form>
    );
  }

  const active = experts.filter((x) => !x.retiredAt);
  const retired = experts.filter((x) => x.retiredAt);
  return (
    <div className="mt-6 space-y-6">
      {error ? <p role="alert" className="rounded-xl border-2 border-accent-700 bg-accent-50 p-3 text-base text-accent-800">{error}</p> : null}
      <details className="rounded-2xl border border-civic-200 bg-civic-50 p-5" open={active.length === 0}>
        <summary className="cursor-pointer text-xl font-semibold">{t('planning.experts.add')}</summary>
        <div className="mt-3">{expertForm(`/api/communities/${communityId}/experts`, null, t('planning.experts.addSubmit'))}</div>
      </details>
      {active.length ? (
        <table className="w-full border-collapse rounded-2xl bg-white text-left text-base shadow-sm">
          <caption className="sr-only">{t('planning.experts.title')}</caption>
          <thead>
            <tr className="border-b border-ink/15">
              <th scope="col" className="px-3 py-2">{t('planning.experts.field.name')}</th>
              <th scope="col" className="px-3 py-2">{t('planning.experts.field.field')}</th>
              <th scope="col" className="px-3 py-2">{t('planning.experts.field.organisation')}</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">{t('planning.experts.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {active.map((x) => (
              <tr key={x.id} className="border-b border-ink/10 align-top">
                {editing === x.id ? (
                  <td colSpan={4} className="px-3 py-3">{expertForm(`/api/experts/${x.id}`, x, t('common.save'), () => setEditing(null))}</td>
                ) : (
                  <>
                    <th scope="row" className="px-3 py-2 font-semibold">{x.name}</th>
                    <td className="px-3 py-2">{x.field}</td>
                    <td className="px-3 py-2">{x.organisation}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-right">
                      <Button variant="ghost" className="!min-h-9" aria-label={t('planning.experts.editLabel', { name: x.name })} onClick={() => setEditing(x.id)}>{t('planning.agenda.edit')}</Button>
                      <Button variant="ghost" className="!min-h-9" aria-label={t('planning.experts.retireLabel', { name: x.name })}
                        onClick={() => { if (window.confirm(t('planning.experts.retireConfirm', { name: x.name }))) void post(`/api/experts/${x.id}/retire`); }}>
                        {t('planning.experts.retire')}
                      </Button>
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="text-base text-ink-muted">{t('planning.experts.empty')}</p>}
      {retired.length ? <p className="text-base text-ink-muted">{t('planning.experts.retired', { names: retired.map((x) => x.name).join('、') })}</p> : null}
    </div>
  );
}
