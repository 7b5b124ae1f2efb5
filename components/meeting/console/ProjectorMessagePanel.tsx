'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { useT } from '@/components/ui/I18nProvider';
import type { MeetingState } from '@/lib/meeting/state';
import { inputClass } from '@/components/ui/form-styles';
import type { RunCommand } from './useCommandRunner';

/** A banner on the projector (and phones): "休会十分钟", "请到签到台领取资料"… */
export function ProjectorMessagePanel({ state, run }: { state: MeetingState; run: RunCommand }) {
  const t = useT();
  const [text, setText] = useState('');
  async function show(e: FormEvent) {
    e.preventDefault();
    const r = await run('message.show', { text });
    if (r.ok) setText('');
  }
  return (
    <Card title={t('console.message.title')} className="!p-4">
      {state.message ? (
        <div className="mb-3 flex items-start gap-3 rounded-lg border-2 border-civic-700 bg-civic-50 p-2">
          <p className="flex-1 font-semibold"><span className="sr-only">{t('console.message.current')}</span>{state.message.text}</p>
          <Button variant="secondary" className="!min-h-9" onClick={() => void run('message.clear', {})}>{t('console.message.clear')}</Button>
        </div>
      ) : null}
      <form onSubmit={show} className="space-y-2">
        <label className="block text-base font-semibold">
          {t('console.message.label')}
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={280} required className={inputClass} />
        </label>
        <Button type="submit" disabled={!text.trim() || state.status === 'closed'}>{t('console.message.show')}</Button>
      </form>
    </Card>
  );
}

export function LivestreamPanel({ state, run }: { state: MeetingState; run: RunCommand }) {
  const t = useT();
  const [url, setUrl] = useState(state.livestreamUrl ?? '');
  const [saved, setSaved] = useState(false);
  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const r = await run('meeting.update', { livestreamUrl: url.trim() ? url.trim() : null });
    if (r.ok) setSaved(true);
  }
  return (
    <Card title={t('console.livestream.title')} className="!p-4">
      <form onSubmit={save} className="space-y-2">
        <label className="block text-base font-semibold">
          {t('console.livestream.label')}
          <input type="url" value={url} onChange={(e) => { setUrl(e.target.value); setSaved(false); }} placeholder="https://" maxLength={500} className={inputClass} />
        </label>
        <p className="text-sm text-ink-muted">{t('console.livestream.hint')}</p>
        <div className="flex items-center gap-3">
          <Button type="submit" variant="secondary" disabled={state.status === 'closed'}>{t('common.save')}</Button>
          <span role="status" className="text-sm font-semibold text-ok-600">{saved ? t('console.livestream.saved') : ''}</span>
        </div>
      </form>
      {state.livestreamUrl ? (
        <p className="mt-2 truncate text-sm">
          {t('console.livestream.current')} <a href={state.livestreamUrl} target="_blank" rel="noreferrer" className="text-civic-800 underline">{state.livestreamUrl}</a>
        </p>
      ) : null}
    </Card>
  );
}
