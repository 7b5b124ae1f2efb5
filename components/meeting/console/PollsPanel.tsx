'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { useT } from '@/components/ui/I18nProvider';
import { ProgressBar } from '@/components/ui/ProgressBar';
import type { MeetingState, Poll } from '@/lib/meeting/state';
import { inputClass } from '@/components/ui/form-styles';
import { kindLabel, ruleName } from './poll-labels';
import { PollCreateForm } from './PollCreateForm';
import { hidesCounts, useProjectorSafe } from './projector-safe';
import { notVotedYet, PaperCountForm, StaffBallotEntry } from './StaffBallots';
import { OutcomeLine, TallyBars } from './TallyBars';
import { pollVoters, presentPollVoters } from '@/lib/meeting/walk-ins';
import type { RunCommand } from './useCommandRunner';

const statusKey = { draft: 'meeting.poll.draft', open: 'meeting.poll.open', closed: 'meeting.poll.closed' } as const;

function PollCard({ poll, state, run }: { poll: Poll; state: MeetingState; run: RunCommand }) {
  const t = useT();
  const [needsOverride, setNeedsOverride] = useState<{ present: number; required: number } | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const { safe } = useProjectorSafe();
  const hideCounts = hidesCounts(safe, poll);
  const item = state.agenda.find((a) => a.id === poll.itemId);
  // A non-binding poll's voters include the walk-ins present (lib/meeting/walk-ins.ts).
  const present = presentPollVoters(state, poll);
  const notVoted = !poll.secret && poll.status === 'open'
    ? notVotedYet(pollVoters(state, poll), state, poll)
    : [];

  async function open() {
    const r = await run('poll.open', { pollId: poll.id }, { silentFor: ['QUORUM_NOT_MET'] });
    if (!r.ok && r.error.code === 'QUORUM_NOT_MET') {
      const d = r.error.details ?? {};
      setNeedsOverride({ present: Number(d.present ?? 0), required: Number(d.required ?? 0) });
    }
  }
  async function openWithReason(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get('reason') ?? '').trim();
    const r = await run('poll.open', { pollId: poll.id, overrideReason: reason });
    if (r.ok) setNeedsOverride(null);
  }

  return (
    <li className={`rounded-xl border-2 p-3 ${poll.status === 'open' ? 'border-civic-700' : 'border-ink/15'}`}>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="text-lg font-semibold leading-snug">{poll.question}</h3>
          <p className="text-sm text-ink-muted">
            {[poll.nonBinding ? t('meeting.walkIns.nonBinding') : null, kindLabel(t, poll), t(poll.secret ? 'meeting.poll.secret' : 'meeting.poll.named'),
              t(poll.resultsVisibility === 'live' ? 'console.poll.visibility.live' : 'console.poll.visibility.hidden'),
              ruleName(t, poll.rule), item ? item.title : null].filter(Boolean).join(' · ')}
          </p>
        </div>
        <span className={`shrink-0 rounded-full border-2 px-2 text-sm font-semibold ${poll.status === 'open' ? 'border-civic-700 bg-civic-700 text-white' : 'border-ink/30'}`}>
          {t(statusKey[poll.status])}
        </span>
      </div>

      {poll.overrideReason ? <p className="mt-2 text-sm text-accent-800">{t('meeting.poll.quorumOverride', { reason: poll.overrideReason })}</p> : null}

      {poll.status === 'draft' ? (
        needsOverride ? (
          <form onSubmit={openWithReason} className="mt-3 space-y-2 rounded-lg border-2 border-accent-700 bg-accent-50 p-3">
            <p role="alert" className="font-semibold text-accent-800">
              {t('console.poll.quorumNotMet', { present: needsOverride.present, required: needsOverride.required })}
            </p>
            <label className="block text-base font-semibold">
              {t('console.poll.overrideReason')}
              <textarea name="reason" required minLength={2} maxLength={500} rows={2} className={inputClass} />
            </label>
            <div className="flex gap-2">
              <Button type="submit" variant="danger">{t('console.poll.openAnyway')}</Button>
              <Button variant="ghost" onClick={() => setNeedsOverride(null)}>{t('common.cancel')}</Button>
            </div>
          </form>
        ) : (
          <Button className="mt-3" disabled={state.status !== 'live'} onClick={open}>{t('console.poll.open')}</Button>
        )
      ) : null}

      {poll.status === 'open' ? (
        <div className="mt-3 space-y-3">
          <ProgressBar value={poll.voted} max={present} label={t('meeting.poll.open')}
            valueText={t('meeting.poll.progress', { voted: poll.voted, members: present })} />
          {poll.secret ? <p className="text-sm font-semibold text-ink-muted">{t('console.poll.secretNote')}</p>
            : poll.resultsVisibility === 'hidden' ? <p className="text-sm font-semibold text-ink-muted">{t('console.poll.hiddenNote')}</p> : null}
          {hideCounts ? <p className="text-base font-semibold text-ink">{t('console.projectorSafe.hidden')}</p> : <TallyBars poll={poll} />}
          {!poll.secret && !safe ? (
            <div>
              <h4 className="text-sm font-semibold">{t('console.poll.notVoted', { count: notVoted.length })}</h4>
              <p className="text-sm text-ink-muted">{notVoted.length ? notVoted.map((s) => s.name).join('、') : t('console.poll.allVoted')}</p>
            </div>
          ) : null}
          {poll.secret ? <PaperCountForm poll={poll} state={state} run={run} /> : <StaffBallotEntry poll={poll} state={state} run={run} />}
          {confirmClose ? (
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-semibold">{t('console.poll.closeConfirm')}</span>
              <Button variant="danger" onClick={() => { setConfirmClose(false); void run('poll.close', { pollId: poll.id }); }}>{t('common.confirm')}</Button>
              <Button variant="ghost" onClick={() => setConfirmClose(false)}>{t('common.cancel')}</Button>
            </div>
          ) : (
            <Button variant="danger" onClick={() => setConfirmClose(true)}>{t('console.poll.close')}</Button>
          )}
        </div>
      ) : null}

      {poll.status === 'closed' ? (
        <div className="mt-3 space-y-3">
          <p className="text-base tabular-nums">{t('console.poll.ballots', { count: poll.voted })}</p>
          {poll.dropReason ? <p className="text-base font-semibold">{t('meeting.poll.dropped', { reason: poll.dropReason })}</p> : null}
          {hideCounts ? <p className="text-base font-semibold text-ink">{t('console.projectorSafe.hidden')}</p> : (
            <>
              <TallyBars poll={poll} />
              <OutcomeLine poll={poll} />
            </>
          )}
          {poll.resultsVisibility === 'hidden' && !poll.revealed ? (
            <div className="flex flex-wrap items-center gap-3">
              <span className="text-sm text-ink-muted">{t('console.poll.notRevealed')}</span>
              <Button onClick={() => void run('poll.reveal', { pollId: poll.id })}>{t('console.poll.reveal')}</Button>
            </div>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

export function PollsPanel({ state, run }: { state: MeetingState; run: RunCommand }) {
  const t = useT();
  const [creating, setCreating] = useState(false);
  const polls = [...state.polls].reverse();
  return (
    <Card title={t('meeting.poll')} className="!p-4">
      {creating ? (
        <PollCreateForm run={run} onDone={() => setCreating(false)} />
      ) : (
        <Button variant="secondary" className="w-full" disabled={state.status === 'closed'} onClick={() => setCreating(true)}>
          {t('console.poll.new')}
        </Button>
      )}
      {polls.length === 0 ? <p className="mt-3 text-base text-ink-muted">{t('console.poll.none')}</p> : (
        <ul className="mt-3 space-y-3">
          {polls.map((p) => <PollCard key={p.id} poll={p} state={state} run={run} />)}
        </ul>
      )}
    </Card>
  );
}
