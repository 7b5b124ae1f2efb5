'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { ApiError, apiErrorOf, networkError, postJson } from '@/components/scoring/api-error';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { DeclarationFields, emptyDeclaration } from './DeclarationFields';
import { PhoneConfirm } from './PhoneConfirm';
import { topicErrorKey, type ResidentView } from './resident-api';

const MAX_PHOTOS = 5;
const field = 'mt-1 block w-full rounded-xl border-2 border-ink/30 bg-white px-3 py-2 text-xl text-ink focus:border-civic-700';

async function uploadPhoto(topicId: string, file: File): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`/api/topics/${encodeURIComponent(topicId)}/photos`, {
      method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: file, credentials: 'same-origin',
    });
  } catch {
    throw networkError();
  }
  if (!res.ok) throw apiErrorOf(res.status, await res.json().catch(() => null));
}

/**
 * A resident proposes a topic from the phone: confirm the number, write the matter, add up to five photos.
 * The proposal is saved first and the photos follow one by one, so a photo that fails (too large, not an
 * image, the network) never loses the text.
 */
export function ProposeForm({ communityId, boardHref, resident: initial }: { communityId: string; boardHref: string; resident: ResidentView }) {
  const t = useT();
  const router = useRouter();
  const [resident, setResident] = useState<ResidentView>(initial);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [place, setPlace] = useState('');
  const [declaration, setDeclaration] = useState(emptyDeclaration);
  const [photos, setPhotos] = useState<File[]>([]);
  const [previews, setPreviews] = useState<string[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const urls = photos.map((p) => URL.createObjectURL(p));
    setPreviews(urls);
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  }, [photos]);

  if (!resident) return <PhoneConfirm onConfirmed={setResident} />;

  async function submit() {
    setBusy(true);
    setError(null);
    let topicId: string;
    try {
      setStatus(t('topic.propose.saving'));
      ({ topicId } = await postJson<{ topicId: string }>(`/api/communities/${encodeURIComponent(communityId)}/topics`, { title, description, place, declaration }));
    } catch (e) {
      const err = e as ApiError;
      if (err.code === 'UNAUTHENTICATED') setResident(null);
      setError(t(topicErrorKey(err)));
      setStatus(null);
      setBusy(false);
      return;
    }
    const failed: string[] = [];
    for (const [i, photo] of photos.entries()) {
      setStatus(t('topic.propose.uploading', { n: i + 1, total: photos.length }));
      try {
        await uploadPhoto(topicId, photo);
      } catch (e) {
        failed.push(`${photo.name}: ${t(topicErrorKey(e as ApiError))}`);
      }
    }
    const target = `${boardHref}/t/${encodeURIComponent(topicId)}${failed.length ? `?photosFailed=${failed.length}` : ''}`;
    router.push(target);
  }

  return (
    <form className="space-y-5" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <p className="rounded-xl bg-civic-50 px-3 py-2 text-base text-ink">{t('topic.phone.confirmedAs', { phone: resident.phoneMasked })}</p>
      <label className="block text-lg font-medium">
        {t('topic.propose.titleField')}
        <input className={field} maxLength={80} required minLength={4} value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('topic.propose.titleHint')} />
      </label>
      <label className="block text-lg font-medium">
        {t('topic.propose.description')}
        <textarea className={`${field} min-h-40`} maxLength={2000} required minLength={10} value={description} onChange={(e) => setDescription(e.target.value)} placeholder={t('topic.propose.descriptionHint')} />
        <span className="mt-1 block text-right text-base text-ink-muted">{description.length} / 2000</span>
      </label>
      <label className="block text-lg font-medium">
        {t('topic.propose.place')}
        <input className={field} maxLength={100} value={place} onChange={(e) => setPlace(e.target.value)} placeholder={t('topic.propose.placeHint')} />
      </label>
      <div>
        <p className="text-lg font-medium">{t('topic.propose.photos', { max: MAX_PHOTOS })}</p>
        {/* The native file button speaks the browser's language, not the page's: a label styled as a button. */}
        <label className="mt-2 inline-flex min-h-14 cursor-pointer items-center gap-2 rounded-xl border-2 border-civic-800 bg-white px-5 text-xl font-semibold text-civic-900 focus-within:outline focus-within:outline-2 focus-within:outline-focus">
          <span aria-hidden>＋</span>{t('topic.propose.addPhoto')}
          <input
            type="file" accept="image/jpeg,image/png,image/webp" multiple className="sr-only"
            aria-label={t('topic.propose.photos', { max: MAX_PHOTOS })} disabled={photos.length >= MAX_PHOTOS}
            onChange={(e) => {
              const chosen = [...photos, ...Array.from(e.target.files ?? [])];
              if (chosen.length > MAX_PHOTOS) setError(t('topic.error.tooManyPhotos'));
              setPhotos(chosen.slice(0, MAX_PHOTOS));
              e.target.value = '';
            }}
          />
        </label>
        {photos.length ? (
          <ul className="mt-3 grid grid-cols-3 gap-2" aria-label={t('topic.propose.photosChosen', { count: photos.length })}>
            {photos.map((p, i) => (
              <li key={`${p.name}-${i}`} className="relative">
                {/* eslint-disable-next-line @next/next/no-img-element -- a local preview (blob: URL), not a served image */}
                <img src={previews[i]} alt={p.name} className="aspect-square w-full rounded-lg object-cover" />
                <button type="button" className="absolute right-1 top-1 min-h-11 min-w-11 rounded-full bg-white/90 text-lg font-bold text-accent-800"
                  aria-label={t('topic.propose.removePhoto', { name: p.name })} onClick={() => setPhotos(photos.filter((_, k) => k !== i))}>×</button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <DeclarationFields value={declaration} onChange={setDeclaration} />
      <p role="status" className="text-lg text-ink-muted">{status ?? ''}</p>
      <p role="alert" className="text-lg font-semibold text-accent-800">{error ?? ''}</p>
      <Button type="submit" size="large" className="w-full" disabled={busy}>{t('topic.propose.submit')}</Button>
    </form>
  );
}
