'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import type { MeetingState, Poll } from '@/lib/meeting/state';
import { optionLabel } from './poll-labels';
import type { RunCommand } from './useCommandRunner';

/**
 * The present ones of `seats` without a ballot in `poll`. A Set, not a search of the list per seat: with
 * thousands seated and voting, that was millions of comparisons on every ballot the console received.
 */
export function notVotedYet<T extends { id: string }>(seats: readonly T[], state: MeetingState, poll: Poll): T[] {
  const voted = new Set(poll.votedSeatIds);
  return seats.filter((s) => state.attendance[s.id] && !voted.has(s.id));
}

/**
 * Ballots of present members without a phone. In a named poll the facilitator enters the member's own
 * choice (one button per option, single-choice and motion polls; a multiple-choice ballot is entered by
 * ticking options); the server marks it staff-entered and refuses a second ballot for the same seat.
 */
export function StaffBallotEntry({ poll, state, run }: { poll: Poll; state: MeetingState; run: RunCommand }) {
  const t = useT();
  const waiting = notVotedYet(state.seats.filter((s) => s.canVote), state, poll);
  // One idempotency key per seat and poll: a double click or a retry after a dropped answer is one ballot.
  const keyFor = (seatId: string) => `staff-${poll.id}-${seatId}`;
  return (
    <section aria-label={t('console.polls.enterFor.title')} className="rounded-lg border border-ink/15 p-2">
      <h4 className="text-sm font-semibold">{t('console.polls.enterFor.title')}</h4>
      {waiting.length === 0 ? <p className="text-sm text-ink-muted">{t('console.polls.enterFor.none')}</p> : (
        <ul className="mt-1 space-y-1">
          {waiting.map((seat) => (
            <li key={seat.id} className="flex flex-wrap items-center gap-1">
              <span className="min-w-20 font-medium">{seat.name}</span>
              {poll.kind === 'multiple'
                ? <MultipleChoiceEntry poll={poll} seatName={seat.name} onSubmit={(choices) => void run('poll.voteFor', { pollId: poll.id, seatId: seat.id, choices, idempotencyKey: keyFor(seat.id) })} />
                : poll.options.map((o) => (
                  <Button key={o} variant="secondary" className="!min-h-8 !px-2 !py-0 text-sm"
                    aria-label={t('console.polls.enterFor.button', { name: seat.name, option: optionLabel(t, poll, o) })}
                    onClick={() => void run('poll.voteFor', { pollId: poll.id, seatId: seat.id, choices: [o], idempotencyKey: keyFor(seat.id) })}>
                    {optionLabel(t, poll, o)}
                  </Button>
                ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MultipleChoiceEntry({ poll, seatName, onSubmit }: { poll: Poll; seatName: string; onSubmit: (choices: string[]) => void }) {
  const t = useT();
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const choices = new FormData(e.currentTarget).getAll('choice').map(String);
    if (choices.length) onSubmit(choices);
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-center gap-2">
      {poll.options.map((o) => (
        <label key={o} className="flex items-center gap-1 text-sm">
          <input type="checkbox" name="choice" value={o} className="size-4" />{optionLabel(t, poll, o)}
        </label>
      ))}
      <Button type="submit" variant="secondary" className="!min-h-8 !px-2 !py-0 text-sm"
        aria-label={t('console.polls.enterFor.button', { name: seatName, option: '' })}>{t('common.confirm')}</Button>
    </form>
  );
}

/**
 * Paper ballots of a secret poll, entered as the tellers counted them: the number of ballots, votes per
 * option and the tellers' names. Entering again replaces the earlier count (a correction); the server
 * refuses more paper ballots than present members without an electronic one.
 */
export function PaperCountForm({ poll, state, run }: { poll: Poll; state: MeetingState; run: RunCommand }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const present = state.seats.filter((s) => s.canVote && state.attendance[s.id]).length;
  const electronic = poll.voted - (poll.paper?.ballots ?? 0);
  const room = Math.max(0, present - electronic);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const counts = Object.fromEntries(poll.options.map((o, i) => [o, Number(form.get(`count-${i}`) ?? 0)]));
    const ballots = poll.kind === 'multiple' ? Number(form.get('ballots') ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0);
    const tellers = String(form.get('tellers') ?? '').split(/[、，,;；\s]+/).map((x) => x.trim()).filter(Boolean);
    const r = await run('poll.paperCount', { pollId: poll.id, ballots, counts, tellers });
    setError(r.ok ? null : t(`meeting.error.${r.error.code}` as 'meeting.error.INTERNAL'));
  }
  return (
    <form onSubmit={submit} aria-label={t('console.polls.paper.title')} className="space-y-2 rounded-lg border border-ink/15 p-2">
      <h4 className="text-sm font-semibold">{t('console.polls.paper.title')}</h4>
      {poll.paper ? <p className="text-sm">{t('console.polls.paper.current', { count: poll.paper.ballots, tellers: poll.paper.tellers.join('、') })}</p> : null}
      <p className="text-sm text-ink-muted">{t('console.polls.paper.room', { room })}</p>
      <div className="flex flex-wrap gap-2">
        {poll.kind === 'multiple' ? (
          <label className="text-sm font-semibold">{t('console.polls.paper.ballots')}
            <input name="ballots" type="number" min={0} max={room} required className={`${inputClass} !w-24`} />
          </label>
        ) : null}
        {poll.options.map((o, i) => (
          <label key={o} className="text-sm font-semibold">{t('console.polls.paper.count', { option: optionLabel(t, poll, o) })}
            <input name={`count-${i}`} type="number" min={0} max={room * poll.maxChoices} defaultValue={poll.paper?.counts[o] ?? 0} required className={`${inputClass} !w-24`} />
          </label>
        ))}
      </div>
      <label className="block text-sm font-semibold">{t('console.polls.paper.tellers')}
        <input name="tellers" required defaultValue={poll.paper?.tellers.join('、') ?? ''} className={inputClass} />
      </label>
      {error ? <p role="alert" className="text-sm text-accent-800">{error}</p> : null}
      <Button type="submit" variant="secondary">{t('console.polls.paper.submit')}</Button>
    </form>
  );
}
