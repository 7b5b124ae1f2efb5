'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { majorityPresets, type PollKind } from '@/lib/voting/outcome';
import { inputClass } from '@/components/ui/form-styles';
import { majorityPresetNames, ruleDetail, type MajorityPresetName } from './poll-labels';
import type { RunCommand } from './useCommandRunner';

export function PollCreateForm({ run, onDone }: { run: RunCommand; onDone: () => void }) {
  const t = useT();
  const [kind, setKind] = useState<PollKind>('motion');
  const [preset, setPreset] = useState<MajorityPresetName>('simple_majority');

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    const options = kind === 'motion' ? [] : String(d.get('options') ?? '').split('\n').map((o) => o.trim()).filter(Boolean);
    const r = await run('poll.create', {
      question: String(d.get('question') ?? ''),
      kind,
      options,
      maxChoices: kind === 'multiple' ? Number(d.get('maxChoices') ?? 1) : 1,
      secret: d.get('ballot') === 'secret',
      resultsVisibility: d.get('visibility') === 'hidden' ? 'hidden' : 'live',
      rule: majorityPresets[preset],
      ...(kind === 'motion' && String(d.get('decision') ?? '').trim() ? { decision: String(d.get('decision')).trim() } : {}),
      nonBinding: d.get('nonBinding') === 'on',
    });
    if (r.ok) onDone();
  }

  const radio = 'flex items-center gap-2 text-base font-normal';
  return (
    <form onSubmit={submit} className="space-y-3 rounded-xl border border-civic-200 bg-civic-50 p-3">
      <label className="block text-base font-semibold">
        {t('console.poll.question')}
        <textarea name="question" required rows={2} maxLength={300} className={inputClass} />
      </label>
      <fieldset>
        <legend className="text-base font-semibold">{t('console.poll.kind')}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4">
          {(['motion', 'single', 'multiple'] as const).map((k) => (
            <label key={k} className={radio}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="size-5" />
              {t(`console.poll.kind.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {kind !== 'motion' ? (
        <div className="grid grid-cols-[1fr_auto] gap-3">
          <label className="block text-base font-semibold">
            {t('console.poll.options')}
            <textarea name="options" required rows={4} className={inputClass} placeholder={t('console.poll.optionsHint')} />
          </label>
          {kind === 'multiple' ? (
            <label className="block text-base font-semibold">
              {t('console.poll.maxChoices')}
              <input name="maxChoices" type="number" min={1} max={20} defaultValue={2} className={`${inputClass} !w-20`} />
            </label>
          ) : null}
        </div>
      ) : (
        <>
          <p className="text-sm text-ink-muted">{t('console.poll.motionOptions')}</p>
          <label className="block text-base font-semibold">
            {t('console.poll.decision')}
            <input name="decision" maxLength={300} className={inputClass} placeholder={t('console.poll.decisionHint')} />
          </label>
        </>
      )}
      <div className="grid grid-cols-2 gap-3">
        <fieldset>
          <legend className="text-base font-semibold">{t('console.poll.ballot')}</legend>
          <label className={radio}><input type="radio" name="ballot" value="named" defaultChecked className="size-5" />{t('meeting.poll.named')}</label>
          <label className={radio}><input type="radio" name="ballot" value="secret" className="size-5" />{t('meeting.poll.secret')}</label>
        </fieldset>
        <fieldset>
          <legend className="text-base font-semibold">{t('console.poll.visibility')}</legend>
          <label className={radio}><input type="radio" name="visibility" value="live" defaultChecked className="size-5" />{t('console.poll.visibility.live')}</label>
          <label className={radio}><input type="radio" name="visibility" value="hidden" className="size-5" />{t('console.poll.visibility.hidden')}</label>
        </fieldset>
      </div>
      <label className="block text-base font-semibold">
        {t('console.poll.rule')}
        <select value={preset} onChange={(e) => setPreset(e.target.value as MajorityPresetName)} className={inputClass}>
          {majorityPresetNames.map((name) => (
            <option key={name} value={name}>{t(`console.poll.preset.${name}`)}</option>
          ))}
        </select>
        <span className="mt-1 block text-sm font-normal text-ink-muted">{ruleDetail(t, majorityPresets[preset])}</span>
      </label>
      <label className="flex items-start gap-2 text-base">
        <input type="checkbox" name="nonBinding" className="mt-1 size-5" />
        <span><span className="font-semibold">{t('meeting.walkIns.nonBinding')}</span>
          <span className="block text-sm text-ink-muted">{t('meeting.walkIns.nonBindingHint')}</span></span>
      </label>
      <div className="flex gap-2">
        <Button type="submit">{t('console.poll.create')}</Button>
        <Button variant="ghost" onClick={onDone}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
