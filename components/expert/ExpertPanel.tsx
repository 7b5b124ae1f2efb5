'use client';

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import { formatDateTime, formatNumber } from '@/lib/i18n/format';

type AskerKind = 'topic' | 'unit' | 'resident' | 'staff';
type Channel = 'topic' | 'direct';
type Stage = 'ask' | 'accept' | 'notice' | 'meeting' | 'feedback' | 'done' | 'declined';
type Data = {
  meetingStatus: string; canManage: boolean; stage: Stage;
  question: string | null; asker: { kind: AskerKind; name: string; topicId: string | null } | null; askedAt: string | null;
  acceptance: { accepted: boolean; reason: string; at: string; by: string } | null;
  notices: { kind: string; publishedAt: string }[]; sat: boolean;
  experts: { seatId: string; name: string; linkIssuedAt: string | null; opinion: { title: string; text: string; at: string; revisions: number } | null }[];
  conclusion: { text: string; at: string; by: string } | null;
  feedback: { channel: Channel; note: string; at: string; by: string } | null;
};
type Link = { seatId: string; name: string; path: string };

const STEPS = ['ask', 'accept', 'notice', 'meeting', 'feedback'] as const;
const stepIndex = (s: Stage) => (s === 'done' ? STEPS.length : s === 'declined' ? 1 : STEPS.indexOf(s));

/**
 * The stages of an expert consultation (专家咨询) above the meeting's live console, for a meeting of form
 * `expert`: a stepper 提出咨询 → 咨询受理 → 发布公告 → 召开会议 → 结果反馈 and each stage's actions — register the
 * question and who asks, accept or decline, (the notice is the console's), the experts' personal links
 * (shown once) and their written opinions as they arrive, the conclusion (with or without a sitting) and
 * the feedback to whoever asked. Everything goes through /api/meetings/:id/expert (lib/expert decides).
 */
export function ExpertPanel({ meetingId, communityId }: { meetingId: string; communityId: string }) {
  const t = useT();
  const locale = useLocale();
  const [data, setData] = useState<Data | null>(null);
  const [topics, setTopics] = useState<{ id: string; title: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [links, setLinks] = useState<Link[]>([]);
  const [question, setQuestion] = useState('');
  const [askerKind, setAskerKind] = useState<AskerKind>('unit');
  const [askerName, setAskerName] = useState('');
  const [topicId, setTopicId] = useState('');
  const [reason, setReason] = useState('');
  const [conclusion, setConclusion] = useState('');
  // null: not chosen yet — a topic that asked hears it on its journey, others directly
  const [chosenChannel, setChannel] = useState<Channel | null>(null);
  const [note, setNote] = useState('');
  const api = `/api/meetings/${meetingId}/expert`;
  const when = (iso: string) => formatDateTime(locale, iso);

  const load = useCallback(async () => {
    const res = await fetch(api, { cache: 'no-store' });
    if (res.ok) {
      const d = (await res.json()) as Data;
      setData(d);
    }
  }, [api]);

  useEffect(() => {
    void load();
    // Opinions arrive from the experts' phones over HTTP: look again every few seconds.
    const timer = setInterval(() => void load(), 5000);
    return () => clearInterval(timer);
  }, [load]);
  useEffect(() => {
    void fetch(`/api/communities/${communityId}/planning`, { cache: 'no-store' }).then(async (res) => {
      if (res.ok) setTopics(((await res.json()) as { topics: { id: string; title: string }[] }).topics);
    });
  }, [communityId]);

  async function post(path: string, body: unknown): Promise<any> {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`${api}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const out = await res.json().catch(() => ({}));
      if (!res.ok) {
        setError(t('expert.error', { message: t(`meeting.error.${(out.error?.code ?? 'INTERNAL') as 'INTERNAL'}`) }));
        return null;
      }
      await load();
      return out;
    } finally {
      setBusy(false);
    }
  }

  if (!data) return null;
  const current = stepIndex(data.stage);
  const channel: Channel = chosenChannel ?? (data.asker?.kind === 'topic' ? 'topic' : 'direct');
  const manage = data.canManage;
  const open = data.acceptance?.accepted && !data.conclusion && data.meetingStatus !== 'closed' && data.meetingStatus !== 'cancelled';

  const ask = (e: FormEvent) => {
    e.preventDefault();
    void post('/ask', { question, asker: askerKind === 'topic' ? { kind: 'topic', topicId } : { kind: askerKind, name: askerName } });
  };

  return (
    <section aria-labelledby="expert-panel" className="mx-auto max-w-6xl space-y-4 px-4 py-4">
      <h2 id="expert-panel" className="text-2xl font-bold">{t('expert.panel.title')}</h2>
      <ol className="flex flex-wrap gap-2">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === current ? 'step' : undefined}
            className={`rounded-full border-2 px-3 py-1 text-base ${i < current ? 'border-ok-600 bg-ok-600 text-white' : i === current ? 'border-civic-800 bg-civic-50 font-semibold text-civic-800' : 'border-ink/20 text-ink-muted'}`}>
            {i + 1}. {t(`expert.stage.${s}`)}{i === current ? <span className="sr-only">（{t('expert.stage.current')}）</span> : null}
          </li>
        ))}
      </ol>
      {error ? <p role="alert" className="rounded-lg border-2 border-accent-700 bg-accent-50 p-2 text-base text-accent-800">{error}</p> : null}

      {/* 提出咨询 */}
      {data.question && data.asker ? (
        <div className="rounded-xl border border-ink/20 bg-white p-4">
          <p className="text-base text-ink-muted">{t('expert.asked', { asker: data.asker.name, kind: t(`expert.asker.${data.asker.kind}`), at: when(data.askedAt!) })}</p>
          <p className="mt-1 whitespace-pre-line text-lg">{data.question}</p>
          {data.acceptance?.accepted ? <p className="mt-2 text-base text-ink-muted">{t('expert.accepted', { at: when(data.acceptance.at), by: data.acceptance.by })}</p> : null}
          {data.acceptance && !data.acceptance.accepted ? <p className="mt-2 text-base font-semibold text-accent-800">{t('expert.stage.declined', { reason: data.acceptance.reason })}</p> : null}
        </div>
      ) : manage ? (
        <form onSubmit={ask} className="grid gap-3 rounded-xl border border-ink/20 bg-white p-4">
          <label className="block text-base font-semibold">{t('expert.ask.question')}
            <textarea required rows={3} maxLength={4000} value={question} onChange={(e) => setQuestion(e.target.value)} className={inputClass} />
          </label>
          <div className="grid gap-3 sm:grid-cols-2">
            <label className="block text-base font-semibold">{t('expert.ask.askerKind')}
              <select value={askerKind} onChange={(e) => setAskerKind(e.target.value as AskerKind)} className={inputClass}>
                {(['unit', 'resident', 'staff', 'topic'] as const).map((k) => <option key={k} value={k}>{t(`expert.asker.${k}`)}</option>)}
              </select>
            </label>
            {askerKind === 'topic' ? (
              <label className="block text-base font-semibold">{t('expert.asker.topic')}
                <select required value={topicId} onChange={(e) => setTopicId(e.target.value)} className={inputClass}>
                  <option value="" />
                  {topics.map((tp) => <option key={tp.id} value={tp.id}>{tp.title}</option>)}
                </select>
              </label>
            ) : (
              <label className="block text-base font-semibold">{t('expert.ask.askerName')}
                <input required maxLength={100} value={askerName} onChange={(e) => setAskerName(e.target.value)} className={inputClass} />
              </label>
            )}
          </div>
          <Button type="submit" disabled={busy}>{t('expert.ask.submit')}</Button>
        </form>
      ) : null}

      {/* 咨询受理 */}
      {manage && data.stage === 'accept' ? (
        <div className="flex flex-wrap items-end gap-3 rounded-xl border border-ink/20 bg-white p-4">
          <Button disabled={busy} onClick={() => void post('/accept', { accept: true })}>{t('expert.accept.yes')}</Button>
          <label className="block grow text-base font-semibold">{t('expert.accept.reason')}
            <input maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} />
          </label>
          <Button variant="secondary" disabled={busy || reason.trim().length < 2} onClick={() => void post('/accept', { accept: false, reason })}>{t('expert.accept.no')}</Button>
        </div>
      ) : null}

      {/* 发布公告: the console's notice */}
      {data.acceptance?.accepted ? (
        <p className="text-base">{data.notices.length ? t('expert.notice.published', { count: formatNumber(locale, data.notices.length) }) : t('expert.notice.none')}</p>
      ) : null}

      {/* The experts and their written opinions */}
      {data.acceptance?.accepted ? (
        <div className="rounded-xl border border-ink/20 bg-white p-4">
          <h3 className="text-xl font-semibold">{t('expert.experts.title')}</h3>
          {data.experts.length === 0 ? <p className="mt-2 text-base">{t('expert.experts.none')}</p> : (
            <ul className="mt-2 space-y-3">
              {data.experts.map((x) => (
                <li key={x.seatId} className="border-t border-ink/10 pt-2">
                  <p className="text-base font-semibold">{x.name}
                    <span className="ml-2 text-sm font-normal text-ink-muted">{x.linkIssuedAt ? t('expert.links.issued', { at: when(x.linkIssuedAt) }) : t('expert.links.notIssued')}</span>
                  </p>
                  {x.opinion ? (
                    <div className="mt-1">
                      <p className="text-base font-semibold">{x.opinion.title}</p>
                      <p className="whitespace-pre-line text-base">{x.opinion.text}</p>
                      <p className="text-sm text-ink-muted">{t('expert.opinion.at', { at: when(x.opinion.at), count: formatNumber(locale, x.opinion.revisions) })}</p>
                    </div>
                  ) : <p className="text-base text-ink-muted">{t('expert.opinion.none')}</p>}
                </li>
              ))}
            </ul>
          )}
          {manage && open && data.experts.length ? (
            <div className="mt-3">
              <Button variant="secondary" disabled={busy} onClick={() => void post('/links', {}).then((out) => out && setLinks(out.links))}>{t('expert.links.issue')}</Button>
              {links.length ? (
                <div className="mt-2">
                  <p className="text-sm text-ink-muted">{t('expert.links.once')}</p>
                  <ul className="mt-1 space-y-1">
                    {links.map((l) => <li key={l.seatId} className="break-all text-sm"><span className="font-semibold">{l.name}</span>：<span data-expert-link>{`${location.origin}${l.path}`}</span></li>)}
                  </ul>
                </div>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}

      {/* Conclusion (召开会议 is the console below; optional) */}
      {manage && open && data.meetingStatus !== 'draft' ? (
        <form onSubmit={(e) => { e.preventDefault(); void post('/conclude', { conclusion }); }} className="grid gap-2 rounded-xl border border-ink/20 bg-white p-4">
          <label className="block text-base font-semibold">{t('expert.conclude.label')}
            <span className="block text-sm font-normal text-ink-muted">{t('expert.conclude.hint')}</span>
            <textarea required rows={3} maxLength={4000} value={conclusion} onChange={(e) => setConclusion(e.target.value)} className={inputClass} />
          </label>
          <Button type="submit" disabled={busy || !conclusion.trim()}>{t('expert.conclude.submit')}</Button>
        </form>
      ) : null}
      {data.conclusion ? (
        <div className="rounded-xl border border-ink/20 bg-white p-4">
          <p className="text-base text-ink-muted">{t('expert.concluded', { at: when(data.conclusion.at) })}</p>
          <p className="whitespace-pre-line text-lg">{data.conclusion.text}</p>
          <p className="mt-1 text-base">{t(data.sat ? 'expert.sat.yes' : 'expert.sat.no')}</p>
        </div>
      ) : null}

      {/* 结果反馈 */}
      {manage && data.conclusion && !data.feedback ? (
        <form onSubmit={(e) => { e.preventDefault(); void post('/feedback', { channel, note }); }} className="grid gap-3 rounded-xl border border-ink/20 bg-white p-4 sm:grid-cols-3 sm:items-end">
          <label className="block text-base font-semibold">{t('expert.feedback.channel')}
            <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)} className={inputClass}>
              {data.asker?.kind === 'topic' ? <option value="topic">{t('expert.channel.topic')}</option> : null}
              <option value="direct">{t('expert.channel.direct')}</option>
            </select>
          </label>
          <label className="block text-base font-semibold">{t('expert.feedback.note')}
            <input maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} className={inputClass} />
          </label>
          <Button type="submit" disabled={busy}>{t('expert.feedback.submit')}</Button>
        </form>
      ) : null}
      {data.feedback ? (
        <p className="text-base font-semibold">
          {t('expert.feedback.done', { at: when(data.feedback.at), channel: t(`expert.channel.${data.feedback.channel}`) })}
          {data.feedback.note ? <span className="block font-normal">{data.feedback.note}</span> : null}
          {data.meetingStatus === 'live' ? <span className="block font-normal">{t('expert.feedback.closeSitting')}</span> : null}
        </p>
      ) : null}
    </section>
  );
}
