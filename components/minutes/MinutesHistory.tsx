'use client';

import { useCallback, useEffect, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { formatDateTime } from '@/lib/i18n/format';
import { minutesProse } from './minutes-styles';

/**
 * 「历史版本」: the snapshots the server took (end of each agenda item, close of the meeting), listed
 * from GET /api/minutes/<id>/snapshots; one of them shown read-only from …/snapshots/<sid> as HTML the
 * server has already sanitised. No snapshots yet (or no such endpoint: 404) is simply "none yet".
 */
type Snapshot = { id: string; label: string; reason: string; createdAt: string };
type ListState = { kind: 'loading' } | { kind: 'ok'; snapshots: Snapshot[] } | { kind: 'error' };
type Shown = { snapshot: Snapshot; html: string | null; failed: boolean };

export function MinutesHistory({ meetingId, onShow }: { meetingId: string; onShow: (shown: Shown | null) => void }) {
  const t = useT();
  const locale = useLocale();
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);
  const base = `/api/minutes/${encodeURIComponent(meetingId)}/snapshots`;

  const load = useCallback(async () => {
    setList({ kind: 'loading' });
    try {
      const res = await fetch(base, { cache: 'no-store' });
      if (res.status === 404) return setList({ kind: 'ok', snapshots: [] });
      if (!res.ok) return setList({ kind: 'error' });
      const body = (await res.json()) as { snapshots?: Snapshot[] };
      setList({ kind: 'ok', snapshots: [...(body.snapshots ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) });
    } catch {
      setList({ kind: 'error' });
    }
  }, [base]);

  useEffect(() => { void load(); }, [load]);

  async function show(snapshot: Snapshot) {
    setSelected(snapshot.id);
    onShow({ snapshot, html: null, failed: false });
    try {
      const res = await fetch(`${base}/${encodeURIComponent(snapshot.id)}`, { cache: 'no-store' });
      const body = res.ok ? ((await res.json()) as { html?: string }) : null;
      onShow({ snapshot, html: body?.html ?? null, failed: !body?.html });
    } catch {
      onShow({ snapshot, html: null, failed: true });
    }
  }

  return (
    <section aria-labelledby="minutes-history" className="rounded-xl border border-ink/15 bg-white p-4 shadow-sm">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id="minutes-history" className="text-lg font-bold text-ink">{t('minutes.history.title')}</h2>
        <Button variant="ghost" className="!min-h-9 !px-2 text-sm" onClick={() => void load()}>{t('minutes.history.refresh')}</Button>
      </div>
      {list.kind === 'loading' ? (
        <p role="status" className="text-base text-ink-muted">{t('minutes.history.loading')}</p>
      ) : list.kind === 'error' ? (
        <p role="alert" className="text-base text-accent-700">{t('minutes.history.error')}</p>
      ) : list.snapshots.length === 0 ? (
        <p className="text-base text-ink-muted">{t('minutes.history.empty')}</p>
      ) : (
        <ul className="max-h-[22rem] space-y-1 overflow-y-auto">
          {list.snapshots.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                aria-current={selected === s.id ? 'true' : undefined}
                onClick={() => void show(s)}
                className="w-full rounded-lg px-2 py-1.5 text-left hover:bg-civic-50 aria-[current=true]:bg-civic-100"
              >
                <span className="block text-base font-semibold text-ink">{s.label}</span>
                <span className="block text-sm text-ink-muted">{formatDateTime(locale, s.createdAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One snapshot, read-only, in place of the editor until closed. */
export function SnapshotPanel({ shown, onClose }: { shown: Shown; onClose: () => void }) {
  const t = useT();
  return (
    <section aria-labelledby="minutes-snapshot" className="rounded-xl border-2 border-civic-700 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-t-xl border-b border-ink/20 bg-civic-50 px-4 py-2">
        <h2 id="minutes-snapshot" className="text-lg font-bold text-ink">{t('minutes.history.viewing', { label: shown.snapshot.label })}</h2>
        <Button variant="secondary" className="!min-h-9" onClick={onClose}>{t('minutes.history.close')}</Button>
      </div>
      {shown.failed ? (
        <p role="alert" className="p-4 text-base text-accent-700">{t('minutes.history.error')}</p>
      ) : shown.html === null ? (
        <p role="status" className="p-4 text-base text-ink-muted">{t('minutes.history.loading')}</p>
      ) : (
        // The server sanitised this HTML (it is the minutes' export renderer's output).
        <div className={`${minutesProse} px-6 py-4 text-lg leading-relaxed`} dangerouslySetInnerHTML={{ __html: shown.html }} />
      )}
    </section>
  );
}

export type { Shown as ShownSnapshot };
