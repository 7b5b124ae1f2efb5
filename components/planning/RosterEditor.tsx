'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import { participantCategories, type ParticipantCategory } from '@/lib/planning/categories';

export type RosterRow = { id: string; name: string; categories: string[]; building: string; phone: string; retiredAt: Date | string | null };

/** The roster as a table: add a member, edit one in place, retire one (kept with past meetings). */
export function RosterEditor({ communityId, members }: { communityId: string; members: RosterRow[] }) {
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
      const field = err.details?.issues?.[0]?.path;
      setError(field ? t('planning.roster.invalid', { field: t(`planning.roster.field.${field as 'name'}`) }) : t(`meeting.error.${err.code as 'BAD_REQUEST'}`));
    } catch {
      setError(t('planning.error.network'));
    }
    return false;
  }

  function memberForm(url: string, member: RosterRow | null, submit: string, done?: () => void) {
    async function onSubmit(e: FormEvent<HTMLFormElement>) {
      e.preventDefault();
      const form = e.currentTarget;
      const d = new FormData(form);
      const ok = await post(url, {
        name: String(d.get('name') ?? '').trim(), categories: d.getAll('categories').map(String),
        building: String(d.get('building') ?? '').trim(), phone: String(d.get('phone') ?? '').trim(),
      });
      if (ok) {
        form.reset();
        done?.();
      }
    }
    const label = 'block text-base font-semibold';
    return (
      <form onSubmit={onSubmit} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-3">
          <label className={label}>{t('planning.roster.field.name')}<input name="name" required maxLength={50} defaultValue={member?.name} className={inputClass} /></label>
          <label className={label}>{t('planning.roster.field.building')}<input name="building" maxLength={100} defaultValue={member?.building} className={inputClass} /></label>
          <label className={label}>{t('planning.roster.field.phone')}<input name="phone" inputMode="tel" maxLength={11} defaultValue={member?.phone} className={inputClass} /></label>
        </div>
        <fieldset>
          <legend className={label}>{t('planning.roster.field.categories')}</legend>
          <div className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-3">
            {participantCategories.map((c) => (
              <label key={c} className="flex items-center gap-2 text-base">
                <input type="checkbox" name="categories" value={c} defaultChecked={member?.categories.includes(c)} className="size-5" />
                {t(`planning.category.${c}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex gap-2">
          <Button type="submit">{submit}</Button>
          {done && member ? <Button variant="ghost" onClick={done}>{t('common.cancel')}</Button> : null}
        </div>
      </form>
    );
  }

  type ImportError = { line: number; field: string | null; code: string; value?: string };
  const [importErrors, setImportErrors] = useState<ImportError[]>([]);
  const [imported, setImported] = useState<number | null>(null);

  async function importSheet(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = (e.currentTarget.elements.namedItem('sheet') as HTMLInputElement).files?.[0];
    if (!file) return;
    setError(null);
    setImportErrors([]);
    setImported(null);
    try {
      const res = await fetch(`/api/roster/import?communityId=${encodeURIComponent(communityId)}`, {
        method: 'POST', headers: { 'content-type': file.type || 'application/octet-stream' }, body: file,
      });
      const json = (await res.json()) as { imported?: number; error?: { code: string; details?: { errors?: ImportError[] } } };
      if (res.ok) {
        setImported(json.imported ?? 0);
        router.refresh();
      } else if (json.error?.details?.errors) setImportErrors(json.error.details.errors);
      else setError(t('planning.import.unreadable'));
    } catch {
      setError(t('planning.error.network'));
    }
  }
  const fieldName = (f: string | null) => (f ? t(`planning.roster.field.${f as 'name'}`) : t('planning.import.sheet'));

  const active = members.filter((m) => !m.retiredAt);
  const retired = members.filter((m) => m.retiredAt);
  return (
    <div className="mt-6 space-y-6">
      {error ? <p role="alert" className="rounded-xl border-2 border-accent-700 bg-accent-50 p-3 text-base text-accent-800">{error}</p> : null}
      <details className="rounded-2xl border border-civic-200 bg-civic-50 p-5">
        <summary className="cursor-pointer text-xl font-semibold">{t('planning.import.title')}</summary>
        <p className="mt-2 text-base text-ink-muted">{t('planning.import.hint')}</p>
        <form onSubmit={importSheet} className="mt-3 flex flex-wrap items-end gap-3">
          <label className="block text-base font-semibold">
            {t('planning.import.file')}
            <input name="sheet" type="file" required accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="mt-1 block text-base" />
          </label>
          <Button type="submit" variant="secondary">{t('planning.import.submit')}</Button>
        </form>
        {imported !== null ? <p role="status" className="mt-3 rounded-lg border-2 border-ok-600 bg-white px-3 py-2 text-base font-semibold text-ink">✓ {t('planning.import.done', { count: imported })}</p> : null}
        {importErrors.length ? (
          <div role="alert" className="mt-3 rounded-xl border-2 border-accent-700 bg-white p-3 text-base">
            <p className="font-semibold text-accent-800">{t('planning.import.failed', { count: importErrors.length })}</p>
            <ul className="mt-1 max-h-64 list-disc overflow-auto pl-5">
              {importErrors.map((er, i) => (
                <li key={i}>{t('planning.import.errorLine', { line: er.line, field: fieldName(er.field), problem: t(`planning.import.code.${er.code as 'invalid'}`), value: er.value ?? '' })}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </details>
      <details className="rounded-2xl border border-civic-200 bg-civic-50 p-5">
        <summary className="cursor-pointer text-xl font-semibold">{t('planning.roster.add')}</summary>
        <div className="mt-3">{memberForm(`/api/communities/${communityId}/roster`, null, t('planning.roster.addSubmit'))}</div>
      </details>
      <table className="w-full border-collapse rounded-2xl bg-white text-left text-base shadow-sm">
        <caption className="sr-only">{t('planning.roster.title')}</caption>
        <thead>
          <tr className="border-b border-ink/15">
            <th scope="col" className="px-3 py-2">{t('planning.roster.field.name')}</th>
            <th scope="col" className="px-3 py-2">{t('planning.roster.field.categories')}</th>
            <th scope="col" className="px-3 py-2">{t('planning.roster.field.building')}</th>
            <th scope="col" className="px-3 py-2"><span className="sr-only">{t('planning.roster.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {active.map((m) => (
            <tr key={m.id} className="border-b border-ink/10 align-top">
              {editing === m.id ? (
                <td colSpan={4} className="px-3 py-3">{memberForm(`/api/roster/${m.id}`, m, t('common.save'), () => setEditing(null))}</td>
              ) : (
                <>
                  <th scope="row" className="px-3 py-2 font-semibold">{m.name}</th>
                  <td className="px-3 py-2">{m.categories.map((c) => t(`planning.category.${c as ParticipantCategory}`)).join('、')}</td>
                  <td className="px-3 py-2">{m.building}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right">
                    <Button variant="ghost" className="!min-h-9" aria-label={t('planning.roster.editLabel', { name: m.name })} onClick={() => setEditing(m.id)}>{t('planning.agenda.edit')}</Button>
                    <Button variant="ghost" className="!min-h-9" aria-label={t('planning.roster.retireLabel', { name: m.name })}
                      onClick={() => { if (window.confirm(t('planning.roster.retireConfirm', { name: m.name }))) void post(`/api/roster/${m.id}/retire`); }}>
                      {t('planning.roster.retire')}
                    </Button>
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {retired.length ? (
        <p className="text-base text-ink-muted">{t('planning.roster.retired', { names: retired.map((m) => m.name).join('、') })}</p>
      ) : null}
    </div>
  );
}
