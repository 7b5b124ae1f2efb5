'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import type { StaffPost } from '@/lib/planning/convener';

type Grid = { id: string; name: string; compounds: { id: string; name: string }[] };
type Staff = { id: string; displayName: string; post: string | null; postPlaceId: string | null };

/**
 * Adds and renames the community's grids and compounds, and names who holds the convening post over each
 * (社区党组织书记 and 居委会主任 over the community, 网格长 over a grid, 小区议事负责人 over a compound): the
 * default conveners of meetings there. Each change is one request, then the page refreshes.
 */
export function PlacesEditor({ communityId, communityName, grids, staff }: { communityId: string; communityName: string; grids: Grid[]; staff: Staff[] }) {
  const t = useT();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);

  async function assign(post: StaffPost, placeId: string, staffId: string, placeName: string) {
    setError(null);
    setSaved(null);
    try {
      const res = await fetch(`/api/communities/${communityId}/posts`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ post, placeId, staffId: staffId || null }),
      });
      if (!res.ok) {
        const { error: err } = (await res.json()) as { error: { code: string } };
        return setError(t(`meeting.error.${err.code as 'BAD_REQUEST'}`));
      }
      setSaved(t('planning.posts.saved', { post: t(`topic.post.${post}`), place: placeName }));
      router.refresh();
    } catch {
      setError(t('planning.error.network'));
    }
  }

  const postSelect = (post: StaffPost, placeId: string, placeName: string) => {
    const holder = staff.find((s) => s.post === post && s.postPlaceId === placeId);
    return (
      <label className="flex flex-wrap items-center gap-x-3 text-base font-semibold">
        {t(`topic.post.${post}`)}
        <select
          key={holder?.id ?? 'none'} defaultValue={holder?.id ?? ''} onChange={(e) => void assign(post, placeId, e.target.value, placeName)}
          className={`${inputClass} !mt-0 !w-auto min-w-48 font-normal`}
        >
          <option value="">{t('planning.posts.nobody')}</option>
          {staff.map((s) => <option key={s.id} value={s.id}>{s.displayName}</option>)}
        </select>
      </label>
    );
  };

  async function send(e: FormEvent<HTMLFormElement>, url: string, after?: () => void) {
    e.preventDefault();
    const form = e.currentTarget;
    const name = String(new FormData(form).get('name') ?? '').trim();
    setError(null);
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
      if (!res.ok) {
        const { error: err } = (await res.json()) as { error: { code: string } };
        return setError(err.code === 'CONFLICT' ? t('planning.places.duplicate', { name }) : t(`meeting.error.${err.code as 'BAD_REQUEST'}`));
      }
      form.reset();
      after?.();
      router.refresh();
    } catch {
      setError(t('planning.error.network'));
    }
  }

  const nameForm = (url: string, label: string, submit: string, defaultValue = '', after?: () => void) => (
    <form onSubmit={(e) => send(e, url, after)} className="flex flex-wrap items-end gap-2">
      <label className="block min-w-48 flex-1 text-base font-semibold">
        {label}
        <input name="name" required maxLength={60} defaultValue={defaultValue} className={inputClass} />
      </label>
      <Button type="submit" variant="secondary">{submit}</Button>
    </form>
  );

  return (
    <div className="mt-6 space-y-4">
      {error ? <p role="alert" className="rounded-xl border-2 border-accent-700 bg-accent-50 p-3 text-base text-accent-800">{error}</p> : null}
      <p role="status" className="text-base font-medium text-ok-600 empty:hidden">{saved}</p>
      <section aria-labelledby="community-posts" className="rounded-2xl border border-ink/15 bg-white p-5 shadow-sm">
        <h2 id="community-posts" className="text-xl font-semibold text-ink">{t('planning.posts.community', { community: communityName })}</h2>
        <p className="mt-1 text-base text-ink-muted">{t('planning.posts.intro')}</p>
        <div className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
          {postSelect('party_secretary', communityId, communityName)}
          {postSelect('committee_director', communityId, communityName)}
        </div>
      </section>
      {grids.length === 0 ? <p className="text-lg text-ink-muted">{t('planning.places.empty')}</p> : null}
      <ul className="space-y-4">
        {grids.map((g) => (
          <li key={g.id} className="rounded-2xl border border-ink/15 bg-white p-5 shadow-sm">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 className="text-xl font-semibold text-ink">{g.name}</h2>
              <Button variant="ghost" onClick={() => setRenaming(renaming === g.id ? null : g.id)}>{t('planning.places.rename')}</Button>
            </div>
            {renaming === g.id ? nameForm(`/api/grids/${g.id}`, t('planning.places.gridName'), t('common.save'), g.name, () => setRenaming(null)) : null}
            <div className="mt-2">{postSelect('grid_lead', g.id, g.name)}</div>
            <ul className="mt-3 space-y-2">
              {g.compounds.map((c) => (
                <li key={c.id} className="rounded-xl border border-ink/10 px-3 py-2">
                  <div className="flex items-center justify-between gap-2">
                    <span className="text-base">{c.name}</span>
                    <Button variant="ghost" className="!min-h-9" onClick={() => setRenaming(renaming === c.id ? null : c.id)}>{t('planning.places.rename')}</Button>
                  </div>
                  {renaming === c.id ? nameForm(`/api/compounds/${c.id}`, t('planning.places.compoundName'), t('common.save'), c.name, () => setRenaming(null)) : null}
                  <div className="mt-1">{postSelect('compound_lead', c.id, c.name)}</div>
                </li>
              ))}
            </ul>
            <div className="mt-3">{nameForm(`/api/grids/${g.id}/compounds`, t('planning.places.newCompound', { grid: g.name }), t('planning.places.add'))}</div>
          </li>
        ))}
      </ul>
      <div className="rounded-2xl border border-civic-200 bg-civic-50 p-5">
        {nameForm(`/api/communities/${communityId}/grids`, t('planning.places.newGrid'), t('planning.places.add'))}
      </div>
    </div>
  );
}
