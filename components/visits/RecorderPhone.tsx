'use client';

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { inputClass } from '@/components/ui/form-styles';
import { useT } from '@/components/ui/I18nProvider';
import { agreements, type Agreement, type PlannedHousehold, type VisitEntry } from '@/lib/visits/model';
import { createSync, newEntryId, openQueueStore, type QueuedVisit, type VisitQueueStore } from '@/lib/visits/queue';

type Plan = { title: string; question: string; phase: 'draft' | 'open' | 'finished'; households: PlannedHousehold[] };

const RETRY_MS = 15_000;
const MAX_PHOTOS = 6;
const pad = (n: number) => (n < 10 ? '0' : '') + n;
/** now as a datetime-local value in the phone's own zone */
function localNow() {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The recorder's phone in a round of household visits (走访约谈协商): pick a planned household or add
 * one, write the visit down; it goes into the phone's queue at once (IndexedDB, else localStorage) with
 * an id chosen here, and a sync loop sends what is queued whenever the phone is online — on opening, on
 * the `online` event and every 15 s — so the stairwell without signal loses nothing and a visit sent twice
 * is stored once (the server keys it by that id). The plan is kept on the phone too, and a service worker
 * (public/visits-sw.js, where the browser has one) lets the page itself reopen offline. No zod here.
 */
export function RecorderPhone({ meetingId, recorderName }: { meetingId: string; recorderName: string }) {
  const t = useT();
  const planKey = `yishi.visits.plan.${meetingId}`;
  const [plan, setPlan] = useState<Plan | null>(null);
  const [items, setItems] = useState<QueuedVisit[]>([]);
  const [online, setOnline] = useState(true);
  const [householdId, setHouseholdId] = useState('');
  const [household, setHousehold] = useState('');
  const [address, setAddress] = useState('');
  const [metWith, setMetWith] = useState('');
  const [place, setPlace] = useState('');
  const [visitedAt, setVisitedAt] = useState('');
  const [opinion, setOpinion] = useState('');
  const [agreement, setAgreement] = useState<Agreement | ''>('');
  const [photos, setPhotos] = useState<File[]>([]);
  const photoInput = useRef<HTMLInputElement | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const store = useRef<VisitQueueStore | null>(null);
  const sync = useRef<(() => Promise<void>) | null>(null);

  const refresh = useCallback(async () => {
    if (store.current) setItems(await store.current.all(meetingId));
  }, [meetingId]);

  const syncNow = useCallback(async () => {
    if (!sync.current) return;
    await sync.current();
    await refresh();
  }, [refresh]);

  useEffect(() => {
    setVisitedAt(localNow());
    setOnline(typeof navigator === 'undefined' || navigator.onLine !== false);
    try {
      const cached = window.localStorage?.getItem(planKey);
      if (cached) setPlan(JSON.parse(cached) as Plan);
    } catch {
      // no storage: the plan comes from the network only
    }
    fetch(`/api/meetings/${meetingId}/visits`, { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: Plan | null) => {
        if (!body) return;
        const p: Plan = { title: body.title, question: body.question, phase: body.phase, households: body.households };
        setPlan(p);
        try {
          window.localStorage?.setItem(planKey, JSON.stringify(p));
        } catch {
          // full or refused: fine, it is a convenience
        }
      })
      .catch(() => {});

    let stopped = false;
    openQueueStore().then((s) => {
      if (stopped) return;
      store.current = s;
      sync.current = createSync(meetingId, s, async (entry) => {
        const r = await fetch(`/api/meetings/${meetingId}/visits/entries`, {
          method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(entry),
        });
        let code: string | null = null;
        let message: string | null = null;
        if (!r.ok) {
          try {
            const body = (await r.json()) as { error?: { code?: string; message?: string } };
            code = body.error?.code ?? null;
            message = body.error?.message ?? null;
          } catch {
            // not JSON: a proxy's page; retried
          }
        }
        return { status: r.status, code, message };
      }, async (entryId, photo) => {
        const r = await fetch(`/api/meetings/${meetingId}/visits/entries/${entryId}/photos/${photo.id}`, {
          method: 'POST', credentials: 'same-origin', headers: { 'content-type': photo.blob.type || 'application/octet-stream' }, body: photo.blob,
        });
        let code: string | null = null;
        if (!r.ok) {
          try {
            code = ((await r.json()) as { error?: { code?: string } }).error?.code ?? null;
          } catch {
            // retried
          }
        }
        return { status: r.status, code, message: null };
      });
      void syncNow();
    });
    const goOnline = () => { setOnline(true); void syncNow(); };
    const goOffline = () => setOnline(false);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    const timer = window.setInterval(() => { if (navigator.onLine !== false) void syncNow(); }, RETRY_MS);

    // The page reopens offline where the browser has service workers (not every WebView does).
    if ('serviceWorker' in navigator && window.isSecureContext) {
      navigator.serviceWorker.register('/visits-sw.js', { scope: window.location.pathname }).then(() => navigator.serviceWorker.ready).then((reg) => {
        const urls = [window.location.href, ...performance.getEntriesByType('resource').map((e) => e.name)];
        reg.active?.postMessage({ type: 'cache', urls });
      }).catch(() => {});
    }
    return () => {
      stopped = true;
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
      window.clearInterval(timer);
    };
  }, [meetingId, planKey, syncNow]);

  function pick(id: string) {
    setHouseholdId(id);
    const h = plan?.households.find((x) => x.id === id);
    setHousehold(h?.name ?? '');
    setAddress(h?.address ?? '');
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    if (!household.trim()) return setProblem(t('visits.phone.needHousehold'));
    if (!agreement) return setProblem(t('visits.phone.needAgreement'));
    const at = new Date(visitedAt);
    if (Number.isNaN(at.getTime())) return setProblem(t('visits.phone.needTime'));
    if (!store.current) return setProblem(t('visits.phone.noStorage'));
    setProblem(null);
    const queuedPhotos = store.current.keepsPhotos ? photos.slice(0, MAX_PHOTOS).map((blob) => ({ id: newEntryId(), blob, state: 'queued' as const, error: null })) : [];
    const entry: VisitEntry = {
      id: newEntryId(), householdId: householdId || null, household: household.trim(), address: address.trim(), metWith: metWith.trim(),
      place: place.trim(), visitedAt: at.toISOString(), opinion: opinion.trim(), agreement,
    };
    const item = { meetingId, entry, state: 'queued' as const, error: null, queuedAt: Date.now() };
    try {
      await store.current.put(queuedPhotos.length ? { ...item, photos: queuedPhotos } : item);
    } catch {
      // An old WebView's IndexedDB that cannot keep a Blob: the visit is kept without its photos.
      await store.current.put(item);
      setProblem(t('visits.phone.photosNotKept'));
    }
    setPhotos([]);
    if (photoInput.current) photoInput.current.value = '';
    setSaved(entry.household);
    pick('');
    setMetWith('');
    setPlace('');
    setOpinion('');
    setAgreement('');
    setVisitedAt(localNow());
    await refresh();
    void syncNow();
  }

  const pending = items.filter((i) => i.state === 'queued').length;
  const visitedIds = new Set(items.map((i) => i.entry.householdId));
  const label = 'block text-base font-semibold text-ink';

  return (
    <main className="mx-auto max-w-md px-4 pb-16 pt-4">
      <h1 className="text-2xl font-bold text-ink">{t('visits.phone.title')}</h1>
      <p className="text-sm text-ink-muted">{plan?.title ?? ''}</p>
      <p className="mt-1 text-sm text-ink-muted">{t('visits.phone.recorder', { name: recorderName })}</p>
      {/* A plain link, not next/link: the phone page carries no router (client-bundle test). */}
      <p className="mt-1 text-sm"><a className="underline" href={`/console/meetings/${meetingId}`}>{t('visits.phone.progressLink')}</a></p>
      {plan?.question ? <p className="mt-3 rounded-lg bg-civic-50 p-3 text-base font-semibold text-civic-900">{t('visits.phone.question', { text: plan.question })}</p> : null}
      {plan && plan.phase !== 'open' ? <p role="status" className="mt-3 rounded-lg bg-amber-50 p-3 text-base text-amber-900">{t(plan.phase === 'draft' ? 'visits.phone.notStarted' : 'visits.phone.finished')}</p> : null}

      <div role="status" aria-live="polite" className="mt-3 flex flex-wrap items-center gap-3 text-base">
        <span className={online ? 'font-semibold text-green-800' : 'font-semibold text-accent-800'}>{t(online ? 'visits.phone.online' : 'visits.phone.offline')}</span>
        <span data-testid="pending" className="font-semibold">{t('visits.phone.pending', { count: pending })}</span>
      </div>
      {pending > 0 && online ? <Button variant="secondary" className="mt-2" onClick={() => void syncNow()}>{t('visits.phone.syncNow')}</Button> : null}

      <form onSubmit={submit} className="mt-4 space-y-3" noValidate>
        <h2 className="text-xl font-bold text-ink">{t('visits.phone.logTitle')}</h2>
        <label className={label}>
          {t('visits.phone.planned')}
          <select className={inputClass} value={householdId} onChange={(e) => pick(e.target.value)}>
            <option value="">{t('visits.phone.unplanned')}</option>
            {(plan?.households ?? []).map((h) => (
              <option key={h.id} value={h.id}>{t(h.address ? 'visits.household.withAddress' : 'visits.household.name', { name: h.name, address: h.address })}{visitedIds.has(h.id) ? ' ✓' : ''}</option>
            ))}
          </select>
        </label>
        <label className={label}>{t('visits.phone.household')}<input className={inputClass} value={household} onChange={(e) => setHousehold(e.target.value)} maxLength={100} /></label>
        <label className={label}>{t('visits.phone.address')}<input className={inputClass} value={address} onChange={(e) => setAddress(e.target.value)} maxLength={200} /></label>
        <label className={label}>{t('visits.phone.metWith')}<input className={inputClass} value={metWith} onChange={(e) => setMetWith(e.target.value)} maxLength={200} /></label>
        <label className={label}>{t('visits.phone.place')}<input className={inputClass} value={place} onChange={(e) => setPlace(e.target.value)} maxLength={200} /></label>
        <label className={label}>{t('visits.phone.when')}<input type="datetime-local" className={inputClass} value={visitedAt} onChange={(e) => setVisitedAt(e.target.value)} /></label>
        <label className={label}>{t('visits.phone.opinion')}<textarea className={inputClass} rows={4} value={opinion} onChange={(e) => setOpinion(e.target.value)} maxLength={4000} /></label>
        {store.current && !store.current.keepsPhotos ? <p className="text-sm text-ink-muted">{t('visits.phone.noPhotoStorage')}</p> : (
        <label className={label}>
          {t('visits.phone.photos')}
          <input ref={photoInput} type="file" accept="image/jpeg,image/png,image/webp" multiple className="mt-1 block w-full text-base"
            onChange={(e) => setPhotos(Array.prototype.slice.call(e.target.files ?? [], 0, MAX_PHOTOS) as File[])} />
        </label>
        )}
        {photos.length ? <p className="text-sm text-ink-muted">{t('visits.phone.photosChosen', { count: photos.length })}</p> : null}
        <fieldset>
          <legend className={label}>{t('visits.phone.agreement')}</legend>
          <div className="mt-1 grid grid-cols-2 gap-2">
            {agreements.map((a) => (
              <label key={a} className={`flex min-h-12 items-center gap-2 rounded-lg border-2 px-3 text-base ${agreement === a ? 'border-civic-800 bg-civic-50' : 'border-ink/20'}`}>
                <input type="radio" name="agreement" value={a} checked={agreement === a} onChange={() => setAgreement(a)} />
                {t(`visits.agreement.${a}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {problem ? <p role="alert" className="text-base font-semibold text-accent-800">{problem}</p> : null}
        {saved ? <p role="status" className="text-base text-green-800">{t('visits.phone.saved', { household: saved })}</p> : null}
        <Button type="submit" size="large" className="w-full">{t('visits.phone.save')}</Button>
      </form>

      <section className="mt-6">
        <h2 className="text-xl font-bold text-ink">{t('visits.phone.onThisPhone', { count: items.length })}</h2>
        <ul className="mt-2 space-y-2">
          {[...items].reverse().map((i) => (
            <li key={i.entry.id} data-testid="queued-visit" className="rounded-lg border border-ink/15 p-3">
              <p className="font-semibold">{i.entry.household} · {t(`visits.agreement.${i.entry.agreement}`)}</p>
              <p className={i.state === 'synced' ? 'text-green-800' : i.state === 'rejected' ? 'text-accent-800' : 'text-amber-800'}>
                {i.state === 'rejected' ? t('visits.phone.state.rejected', { reason: i.error ?? '' }) : t(`visits.phone.state.${i.state}`)}
              </p>
              {i.photos?.length ? (
                <p className="text-sm text-ink-muted">{t('visits.phone.photoStates', { synced: i.photos.filter((p) => p.state === 'synced').length, total: i.photos.length })}</p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
