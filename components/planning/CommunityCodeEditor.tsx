'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import { boardPath } from '@/lib/planning/board-path';

/** The community's short code, the address of its public board (/c/<code>); the server checks it and its uniqueness. */
export function CommunityCodeEditor({ communityId, code, origin }: { communityId: string; code: string; origin: string }) {
  const t = useT();
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const url = (c: string) => `${origin}${boardPath(c)}`;

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const next = String(new FormData(e.currentTarget).get('code') ?? '').trim().toLowerCase();
    setMessage(null);
    try {
      const res = await fetch(`/api/communities/${communityId}/code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: next }) });
      const body = (await res.json()) as { code?: string; error?: { code: string } };
      if (!res.ok) {
        const c = body.error?.code;
        return setMessage({ ok: false, text: c === 'CONFLICT' ? t('board.code.taken', { code: next }) : c === 'BAD_REQUEST' ? t('board.code.invalid') : t(`meeting.error.${(c ?? 'INTERNAL') as 'INTERNAL'}`) });
      }
      setMessage({ ok: true, text: t('board.code.saved', { url: url(body.code!) }) });
      router.refresh();
    } catch {
      setMessage({ ok: false, text: t('planning.error.network') });
    }
  }

  return (
    <section aria-labelledby="board-code" className="mt-6 rounded-2xl border border-ink/15 bg-white p-5 shadow-sm">
      <h2 id="board-code" className="text-xl font-semibold text-ink">{t('board.code.title')}</h2>
      <p className="mt-1 break-words text-base text-ink-muted">{t('board.code.intro', { url: url(code) })}</p>
      <form onSubmit={save} className="mt-3 flex flex-wrap items-end gap-2">
        <label className="block min-w-48 flex-1 text-base font-semibold">
          {t('board.code.field')}
          <input name="code" required minLength={3} maxLength={32} defaultValue={code} key={code} autoCapitalize="none" spellCheck={false}
            aria-describedby="board-code-hint" className={`${inputClass} font-mono`} />
        </label>
        <Button type="submit" variant="secondary">{t('board.code.save')}</Button>
      </form>
      <p id="board-code-hint" className="mt-1 text-sm text-ink-muted">{t('board.code.hint')}</p>
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={`mt-2 rounded-xl border-2 p-3 text-base ${message.ok ? 'border-ok-600' : 'border-accent-700 bg-accent-50 text-accent-800'}`}>{message.text}</p>
      ) : null}
    </section>
  );
}
