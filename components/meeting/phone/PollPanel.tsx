'use client';

import { outcomeSentence } from '@/lib/voting/outcome';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { ProgressBar } from '@/components/ui/ProgressBar';
import type { MessageKey } from '@/lib/i18n/format';
import type { Poll } from '@/lib/meeting/state';
import type { CommandOutcome, ConnectionState, PendingBallot } from '../useMeeting';
import { bringIntoView } from './bring-into-view';
import { errorMessageKey } from './error-message';
import { choicesLabel, optionLabel } from './poll-labels';

const motionStyle: Record<string, string> = {
  yes: 'bg-ok-600 text-white border-ok-600 hover:bg-green-800',
  no: 'bg-accent-700 text-white border-accent-700 hover:bg-accent-800',
  abstain: 'bg-white text-ink border-ink/70 hover:bg-civic-50',
};

type VoteProps = {
  poll: Poll;
  /** the member may vote in this meeting (not an observer, seat with a vote) */
  canVote: boolean;
  /** why this device may not vote in this poll, when it is not simply an observer (a walk-in in a binding poll) */
  readOnlyNote?: MessageKey;
  checkedIn: boolean;
  receipt: string | undefined;
  /** the facilitator entered this member's ballot for them (poll.voteFor) */
  staffEntered: boolean;
  pending: PendingBallot | undefined;
  connection: ConnectionState;
  vote: (pollId: string, choices: string[]) => Promise<CommandOutcome | null>;
  members: number;
};

/** The open poll: choose, confirm, then a receipt (or "saved, sent when back online"). */
export function OpenPoll({ poll, canVote, readOnlyNote, checkedIn, receipt, staffEntered, pending, connection, vote, members }: VoteProps) {
  const t = useT();
  const [selected, setSelected] = useState<string[]>([]);
  const [step, setStep] = useState<'choose' | 'confirm'>('choose');
  const [sending, setSending] = useState(false);
  const [cast, setCast] = useState<string[] | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  const [alreadyVoted, setAlreadyVoted] = useState(false);
  const inFlight = useRef(false);

  const multiple = poll.kind === 'multiple';
  const rootRef = useRef<HTMLDivElement>(null);
  const canChoose = canVote && checkedIn && !receipt && !pending;

  // Mounted once per poll (keyed by its id): when it opens, the ballot comes into view under the
  // member's thumb, with the focus on the first choice — it would otherwise open below the fold.
  useEffect(() => {
    if (!canChoose) return;
    const root = rootRef.current;
    bringIntoView(root?.closest('section') ?? root, { focus: root?.querySelector<HTMLElement>('[data-choice]'), vibrate: true });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  async function submit(choices: string[]) {
    // One ballot per poll: a second tap while the first is on its way does nothing, and the hook
    // re-sends a kept ballot with its original idempotency key.
    if (inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    setError(null);
    setCast(choices);
    try {
      const r = await vote(poll.id, choices);
      if (r && !r.ok) {
        if (r.error.code === 'ALREADY_VOTED') setAlreadyVoted(true);
        else if (r.error.code !== 'INTERNAL') {
          setError(errorMessageKey(r.error));
          setStep('choose');
          setCast(null);
        }
      }
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  }

  function choose(option: string) {
    if (multiple) {
      setSelected((cur) =>
        cur.includes(option) ? cur.filter((o) => o !== option) : cur.length < poll.maxChoices ? [...cur, option] : cur,
      );
      return;
    }
    setSelected([option]);
    setStep('confirm');
  }

  // A ballot staff entered is not this phone's: what it may have chosen (or kept offline) is not what counts.
  const shownChoices = staffEntered ? null : (pending?.choices ?? cast);
  let body: React.ReactNode;
  let announce: React.ReactNode = null;
  if (receipt) {
    announce = (
      <div className="select-none rounded-2xl border-2 border-ok-600 bg-green-50 p-5 text-center">
        <p className="text-3xl font-bold text-green-800">
          <span aria-hidden="true">✓ </span>
          {t(staffEntered ? 'phone.poll.staffEntered' : 'phone.poll.done')}
        </p>
        {staffEntered ? <p className="mt-2 text-xl text-ink">{t('phone.poll.staffEnteredHint')}</p> : null}
        {shownChoices ? <p className="mt-2 text-xl text-ink">{t('phone.poll.yourChoice', { choice: choicesLabel(t, poll, shownChoices) })}</p> : null}
        <p className="mt-4 text-lg font-semibold text-ink">{t('phone.poll.receipt')}</p>
        <p className="mt-1 select-all break-all font-mono text-4xl font-bold tracking-widest text-ink">{receipt}</p>
        <p className="mt-3 text-lg text-ink-muted">{t('phone.poll.receiptHint')}</p>
      </div>
    );
  } else if (pending) {
    announce = (
      <div className="rounded-2xl border-2 border-amber-700 bg-amber-50 p-5">
        <p className="text-2xl font-bold text-ink">
          {t('phone.poll.savedOffline')}
        </p>
        <p className="mt-2 text-xl text-ink">{t('phone.poll.yourChoice', { choice: choicesLabel(t, poll, pending.choices) })}</p>
        <p className="mt-2 text-lg text-ink-muted">{t('phone.poll.savedOfflineHint')}</p>
        {connection === 'connected' ? (
          <Button size="large" variant="secondary" className="mt-4 w-full" disabled={sending} onClick={() => void submit(pending.choices)}>
            {sending ? t('phone.poll.sending') : t('common.retry')}
          </Button>
        ) : null}
      </div>
    );
  } else if (alreadyVoted) {
    announce = <p className="rounded-xl bg-civic-50 p-4 text-xl font-semibold text-ink">{t('meeting.error.ALREADY_VOTED')}</p>;
  } else if (!canVote) {
    body = <p className="text-xl text-ink-muted">{t(readOnlyNote ?? 'phone.poll.readOnly')}</p>;
  } else if (!checkedIn) {
    body = <p className="text-xl font-semibold text-accent-700">{t('phone.poll.checkInFirst')}</p>;
  } else if (step === 'confirm' && selected.length > 0) {
    body = (
      <div className="rounded-2xl border-2 border-civic-800 bg-civic-50 p-5">
        <p className="text-3xl font-bold leading-snug text-ink">{t('phone.poll.confirmQuestion', { choice: choicesLabel(t, poll, selected) })}</p>
        <p className="mt-2 text-lg text-ink-muted">{t('phone.poll.confirmHint')}</p>
        <div className="mt-5 flex flex-col gap-3">
          <Button size="large" className="min-h-16 w-full text-2xl" disabled={sending} aria-busy={sending} onClick={() => void submit(selected)}>
            {sending ? t('phone.poll.sending') : t('phone.poll.confirm')}
          </Button>
          <Button size="large" variant="secondary" className="w-full" disabled={sending} onClick={() => setStep('choose')}>
            {t('phone.poll.change')}
          </Button>
        </div>
      </div>
    );
  } else {
    body = (
      <div>
        <p className="mb-3 text-xl font-semibold text-ink">
          {multiple ? t('phone.poll.chooseUpTo', { max: poll.maxChoices, count: selected.length }) : t('phone.poll.chooseOne')}
        </p>
        <div className="flex flex-col gap-3">
          {poll.options.map((option) => {
            const on = selected.includes(option);
            const style =
              poll.kind === 'motion'
                ? motionStyle[option] ?? motionStyle.abstain
                : on
                  ? 'bg-civic-800 text-white border-civic-800'
                  : 'bg-white text-ink border-ink/70 hover:bg-civic-50';
            return (
              <button
                key={option}
                type="button"
                data-choice
                onClick={() => choose(option)}
                aria-pressed={multiple ? on : undefined}
                disabled={multiple && !on && selected.length >= poll.maxChoices}
                className={`flex min-h-18 w-full items-center justify-center gap-3 rounded-2xl border-2 px-5 py-3 text-3xl font-bold disabled:opacity-60 ${style}`}
              >
                {multiple ? (
                  <span aria-hidden="true" className={`grid size-8 shrink-0 place-items-center rounded-md border-2 text-xl ${on ? 'border-white' : 'border-ink/70'}`}>
                    {on ? '✓' : ''}
                  </span>
                ) : null}
                <span className="min-w-0 break-words">{optionLabel(t, poll, option)}</span>
              </button>
            );
          })}
        </div>
        {multiple ? (
          <Button size="large" className="mt-4 w-full" disabled={selected.length === 0} onClick={() => setStep('confirm')}>
            {t('phone.poll.next')}
          </Button>
        ) : null}
      </div>
    );
  }

  return (
    <div ref={rootRef} className="space-y-4">
      <PollHeading poll={poll} />
      <p className="text-lg text-ink-muted">{t('meeting.poll.progress', { voted: poll.voted, members })}</p>
      {poll.resultsVisibility === 'hidden' || poll.secret ? <p className="text-lg text-ink-muted">{t('meeting.poll.hiddenTally')}</p> : null}
      {error ? (
        <p role="alert" className="rounded-xl border-2 border-accent-700 bg-accent-50 p-3 text-lg font-semibold text-accent-900">
          {t(error)}
        </p>
      ) : null}
      {/* Always in the DOM so screen readers announce the receipt when it arrives. */}
      <div role="status" aria-live="polite">
        {announce}
      </div>
      {announce ? null : body}
    </div>
  );
}

function PollHeading({ poll }: { poll: Poll }) {
  const t = useT();
  return (
    <div>
      <p className="text-lg font-semibold text-civic-800">
        {t(poll.kind === 'multiple' ? 'meeting.poll.kind.multiple' : `meeting.poll.kind.${poll.kind}`, { max: poll.maxChoices })}
        {' · '}
        {t(poll.secret ? 'meeting.poll.secret' : 'meeting.poll.named')}
      </p>
      <p className="mt-1 text-2xl font-bold leading-snug text-ink">{poll.question}</p>
    </div>
  );
}

/** A closed poll: the outcome (通过/未通过) and the count, when this viewer may see them. */
export function ClosedPoll({ poll }: { poll: Poll }) {
  const t = useT();
  const outcome = poll.outcome;
  return (
    <div className="space-y-4">
      <PollHeading poll={poll} />
      <p className="text-lg font-semibold text-ink-muted">{t('meeting.poll.closed')}</p>
      {outcome ? (
        <div className={`rounded-2xl border-2 p-5 text-center ${outcome.result === 'passed' ? 'border-ok-600 bg-green-50' : 'border-accent-700 bg-accent-50'}`}>
          <p className="text-lg font-semibold text-ink">{t('phone.poll.result')}</p>
          <p className={`text-5xl font-bold ${outcome.result === 'passed' ? 'text-green-800' : 'text-accent-800'}`}>
            {t(outcome.result === 'passed' ? 'meeting.poll.outcome.passed' : 'meeting.poll.outcome.failed')}
          </p>
          {outcome.reason ? (
            <p className="mt-2 text-xl text-ink">{t(outcome.reason === 'tie' ? 'meeting.poll.outcome.tie' : 'meeting.poll.outcome.noVotes')}</p>
          ) : null}
          {poll.kind !== 'motion' && outcome.winners.length > 0 ? (
            <p className="mt-2 text-xl font-semibold text-ink">{t('phone.poll.winners', { winners: choicesLabel(t, poll, outcome.winners) })}</p>
          ) : null}
          {outcome.reason !== 'no_votes' ? <p className="mt-2 text-lg text-ink">{outcomeSentence(t, poll, outcome)}</p> : null}
        </div>
      ) : (
        <p className="rounded-xl bg-civic-50 p-4 text-xl text-ink">{t('phone.poll.awaitingReveal')}</p>
      )}
      {poll.tally ? (
        <div className="space-y-3">
          <p className="text-xl font-semibold text-ink">{t('phone.poll.tally')}</p>
          {poll.options.map((option) => (
            <ProgressBar
              key={option}
              label={optionLabel(t, poll, option)}
              value={poll.tally![option] ?? 0}
              max={Math.max(poll.voted, 1)}
              valueText={t('phone.poll.votes', { count: poll.tally![option] ?? 0 })}
              className="[&_span]:text-xl"
            />
          ))}
          <p className="text-lg text-ink-muted">{t('phone.poll.votedCount', { voted: poll.voted })}</p>
        </div>
      ) : null}
    </div>
  );
}
