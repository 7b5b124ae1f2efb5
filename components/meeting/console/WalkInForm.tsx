'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { inputClass } from '@/components/ui/form-styles';
import { useT } from '@/components/ui/I18nProvider';
import type { RunCommand } from './useCommandRunner';

/**
 * Admitting a walk-in stakeholder (开放空间, 民主恳谈): name, building and an optional phone go to the
 * server in one command, which seats and checks them in; the new seat's one-device admission QR is then
 * shown by the attendance panel, as for a member without a card.
 */
export function WalkInForm({ run, onAdmitted }: { run: RunCommand; onAdmitted: (seatId: string, name: string) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const d = new FormData(form);
    const name = String(d.get('name') ?? '').trim();
    const phone = String(d.get('phone') ?? '').trim();
    setBusy(true);
    const r = await run('attendance.admitWalkIn', { name, building: String(d.get('building') ?? '').trim(), ...(phone ? { phone } : {}) });
    setBusy(false);
    if (r.ok && r.result.seatId) {
      form.reset();
      setOpen(false);
      onAdmitted(r.result.seatId, name);
    }
  }

  if (!open) {
    return <Button variant="secondary" className="mt-2" onClick={() => setOpen(true)}>{t('meeting.walkIns.open')}</Button>;
  }
  return (
    <form onSubmit={submit} aria-labelledby="walkins-title" className="mt-2 space-y-2 rounded-xl border border-civic-200 bg-civic-50 p-3">
      <h3 id="walkins-title" className="text-lg font-bold">{t('meeting.walkIns.title')}</h3>
      <p className="text-sm text-ink-muted">{t('meeting.walkIns.intro')}</p>
      <label className="block text-base font-semibold">{t('meeting.walkIns.name')}
        <input name="name" required maxLength={50} autoComplete="off" className={inputClass} />
      </label>
      <label className="block text-base font-semibold">{t('meeting.walkIns.building')}
        <input name="building" required maxLength={100} autoComplete="off" className={inputClass} />
      </label>
      <label className="block text-base font-semibold">{t('meeting.walkIns.phone')}
        <input name="phone" type="tel" inputMode="numeric" pattern="1[3-9][0-9]{9}" maxLength={11} autoComplete="off" className={inputClass} />
      </label>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy}>{t('meeting.walkIns.submit')}</Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>{t('meeting.walkIns.cancel')}</Button>
      </div>
    </form>
  );
}
