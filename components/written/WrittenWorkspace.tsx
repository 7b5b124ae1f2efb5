'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { QrCodeClient } from '@/components/ui/QrCodeClient';
import { inputClass } from '@/components/ui/form-styles';
import { formatDateTime, formatFileSize, formatNumber } from '@/lib/i18n/format';
import { participantCategories } from '@/lib/planning/categories';
import type { WrittenAnswer } from '@/lib/written/answers';

type FileMeta = { id?: string; fileName: string; mimeType: string; size: number; sha256: string };
type Addressee = {
  id: string; kind: 'person' | 'unit'; name: string; unit: string; rosterMemberId: string | null; hasLink: boolean;
  answer: WrittenAnswer | null; text: string | null; answeredAt: string | null; revisions: number; file: FileMeta | null;
  remindedAt: string | null; reminders: number; reminderDue: boolean;
};
type Data = {
  meetingTitle: string; canManage: boolean; phase: 'draft' | 'sent' | 'closed'; answering: boolean;
  document: { title: string; text: string; attachment: FileMeta | null }; documentSha256: string | null;
  deadline: string | null; addressees: Addressee[]; counts: Record<WrittenAnswer | 'none', number>;
  conclusionDraft: string; conclusion: string | null;
};
type Member = { id: string; name: string; categories: string[]; retiredAt: string | null };
type Other = { kind: 'person' | 'unit'; name: string; unit: string };
type Link = { addresseeId: string; name: string; unit: string; path: string };
type ApiError = { code?: string; message?: string; details?: { issues?: { path: string; message: string }[]; reason?: string } };

const ANSWERS: (WrittenAnswer | 'none')[] = ['agree', 'amend', 'disagree', 'none'];
const BAR: Record<WrittenAnswer | 'none', string> = { agree: 'bg-ok-600', amend: 'bg-warn-500', disagree: 'bg-accent-700', none: 'bg-ink/30' };

/** `datetime-local` value in the browser's zone ↔ ISO. */
const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/**
 * The staff workspace of a written consultation (书面征询协商), in place of the live console for a meeting of
 * form `written`: the document, attachment, deadline and addressees (roster categories and members, units
 * typed in) as a draft; sending, with each addressee's personal link shown once to copy or print as QR
 * codes; then who answered what (filters, counts as a bar, reminders due and marked), the conclusion, and
 * closing into the record. Everything goes through /api/meetings/:id/written (lib/written decides).
 */
export function WrittenWorkspace({ meetingId, communityId }: { meetingId: string; communityId: string }) {
  const t = useT();
  const locale = useLocale();
  const [data, setData] = useState<Data | null>(null);
  const [roster, setRoster] = useState<Member[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [links, setLinks] = useState<Link[]>([]);
  const [printing, setPrinting] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const [filter, setFilter] = useState<'all' | WrittenAnswer | 'none' | 'due'>('all');
  // the draft being edited
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [deadline, setDeadline] = useState('');
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [others, setOthers] = useState<Other[]>([]);
  const [conclusion, setConclusion] = useState('');
  const api = `/api/meetings/${meetingId}/written`;

  const load = useCallback(async (reset: boolean) => {
    const res = await fetch(api, { cache: 'no-store' }).catch(() => null);
    if (!res?.ok) return setError(t('planning.error.network'));
    const d = (await res.json()) as Data;
    setData(d);
    if (reset) {
      setTitle(d.document.title);
      setText(d.document.text);
      setDeadline(toLocalInput(d.deadline));
      setMemberIds(d.addressees.flatMap((a) => (a.rosterMemberId ? [a.rosterMemberId] : [])));
      setOthers(d.addressees.filter((a) => !a.rosterMemberId).map((a) => ({ kind: a.kind, name: a.name, unit: a.unit })));
      setConclusion(d.conclusionDraft);
    }
  }, [api, t]);
  useEffect(() => {
    void load(true);
    void fetch(`/api/communities/${communityId}/roster`).then(async (r) => (r.ok ? setRoster(((await r.json()) as { members: Member[] }).members.filter((m) => !m.retiredAt)) : null)).catch(() => null);
  }, [load, communityId]);

  function explain(err: ApiError | undefined): string {
    const issues = err?.details?.issues;
    const base = t(`meeting.error.${(err?.code ?? 'INTERNAL') as 'INTERNAL'}`);
    return issues?.length ? `${base}（${issues.map((i) => i.path).join('、')}）` : base;
  }

  async function call<T>(path: string, init: RequestInit = {}): Promise<T | null> {
    setError(null);
    setBusy(true);
    try {
      const res = await fetch(`${api}${path}`, { method: 'POST', ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) {
        setError(explain(body.error));
        return null;
      }
      return body as T;
    } catch {
      setError(t('planning.error.network'));
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function saveDraft(): Promise<boolean> {
    const ok = await call('', { body: JSON.stringify({ title, text, deadline: deadline ? new Date(deadline).toISOString() : null, addressees: { memberIds, others: others.filter((o) => o.name.trim()) } }) });
    if (ok) {
      setSaved(true);
      await load(false);
    }
    return !!ok;
  }

  async function send() {
    if (!(await saveDraft())) return;
    const sent = await call<{ links: Link[] }>('/send', { body: '{}' });
    if (sent) {
      setLinks(sent.links);
      await load(false);
    }
  }

  async function upload(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (!f) return;
    if (await call(`/document-file?name=${encodeURIComponent(f.name)}`, { body: f, headers: { 'content-type': f.type || 'application/octet-stream' } })) {
      form.reset();
      await load(false);
    }
  }

  async function copy(l: Link) {
    const url = `${window.location.origin}${l.path}`;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(l.addresseeId);
    } catch {
      // Without the clipboard API (an old browser, or not a secure origin) the link stays selectable on the page.
      window.prompt(t('written.links.copy', { name: l.name }), url);
    }
  }

  if (!data) return error ? <p role="alert" className="p-4 text-base">{error}</p> : null;
  const num = (n: number) => formatNumber(locale, n);
  const when = (iso: string | null) => (iso ? formatDateTime(locale, iso, { dateStyle: 'medium', timeStyle: 'short' }) : '—');
  const draft = data.phase === 'draft' && data.canManage;
  const total = data.addressees.length || 1;
  const shown = data.addressees.filter((a) => filter === 'all' || (filter === 'due' ? a.reminderDue : (a.answer ?? 'none') === filter));
  const category = (c: string) => roster.filter((m) => m.categories.includes(c));

  if (printing) {
    return (
      <div className="mx-auto max-w-4xl p-4">
        <div className="mb-4 flex gap-2 print:hidden">
          <Button onClick={() => window.print()}>{t('written.links.print')}</Button>
          <Button variant="ghost" onClick={() => setPrinting(false)}>{t('common.back')}</Button>
        </div>
        <h1 className="text-2xl font-bold">{t('written.links.printTitle', { title: data.document.title })}</h1>
        <ul className="mt-4 grid grid-cols-2 gap-4">
          {links.map((l) => (
            <li key={l.addresseeId} className="break-inside-avoid rounded-xl border border-ink/30 p-3 text-center">
              <p className="text-lg font-semibold">{l.unit ? `${l.name}（${l.unit}）` : l.name}</p>
              <QrCodeClient value={`${window.location.origin}${l.path}`} size={180} label={l.name} className="mx-auto" />
              <p className="mt-1 break-all text-xs">{`${window.location.origin}${l.path}`}</p>
            </li>
          ))}
        </ul>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-5xl space-y-6 p-4">
      <header>
        <h1 className="text-3xl font-bold">{data.meetingTitle}</h1>
        <p className="mt-1 text-base"><span className="rounded-full border-2 border-civic-700 px-2 font-semibold">{t(`written.phase.${data.phase}`)}</span> <span className="ml-2 text-ink-muted">{t('written.workspace.intro')}</span></p>
      </header>
      {error ? <p role="alert" className="rounded-lg border-2 border-accent-700 bg-accent-50 p-2 text-base text-accent-800">{error}</p> : null}

      <section aria-labelledby="w-doc" className="rounded-xl border border-ink/15 bg-white p-4">
        <h2 id="w-doc" className="text-xl font-semibold">{t('written.document.heading')}</h2>
        {draft ? (
          <div className="mt-2 space-y-3">
            <label className="block font-semibold">{t('written.document.title')}<input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} className={inputClass} /></label>
            <label className="block font-semibold">{t('written.document.text')}<textarea value={text} rows={6} maxLength={20000} onChange={(e) => setText(e.target.value)} className={inputClass} /></label>
            <label className="block font-semibold">{t('written.deadline')}<input type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} className={inputClass} /></label>
          </div>
        ) : (
          <div className="mt-2 space-y-2">
            <p className="text-lg font-semibold">{data.document.title}</p>
            <p className="whitespace-pre-line">{data.document.text}</p>
            <p>{t('written.deadline')}：{when(data.deadline)}</p>
            {data.documentSha256 ? <p className="break-all text-sm text-ink-muted">{t('written.document.hash', { hash: data.documentSha256 })}</p> : null}
          </div>
        )}
        {draft || data.document.attachment ? <div className="mt-3">
          <h3 className="font-semibold">{t('written.document.attachment')}</h3>
          {data.document.attachment ? (
            <p className="flex flex-wrap items-center gap-2">
              <a href={`${api}/document-file`} className="break-all font-semibold text-civic-800 underline">{data.document.attachment.fileName}</a>
              <span className="text-ink-muted">{formatFileSize(data.document.attachment.size)}</span>
              {draft ? <Button variant="ghost" disabled={busy} onClick={() => void call('/document-file/remove', { body: '{}' }).then(() => load(false))}>{t('written.document.remove')}</Button> : null}
            </p>
          ) : null}
          {draft ? (
            <form onSubmit={(e) => void upload(e)} className="mt-1 flex flex-wrap items-center gap-2">
              <input type="file" name="file" aria-label={t('written.document.attachment')} className="text-base" />
              <Button type="submit" variant="secondary" disabled={busy}>{t('written.document.upload')}</Button>
            </form>
          ) : null}
        </div> : null}
      </section>

      {draft ? (
        <section aria-labelledby="w-to" className="rounded-xl border border-ink/15 bg-white p-4">
          <h2 id="w-to" className="text-xl font-semibold">{t('written.addressees.heading')}</h2>
          <fieldset className="mt-2">
            <legend className="font-semibold">{t('written.addressees.categories')}</legend>
            <div className="mt-1 flex flex-wrap gap-2">
              {participantCategories.filter((c) => category(c).length).map((c) => {
                const ids = category(c).map((m) => m.id);
                const all = ids.every((id) => memberIds.includes(id));
                return (
                  <label key={c} className="flex items-center gap-1 rounded-full border border-ink/30 px-3 py-1">
                    <input type="checkbox" checked={all} onChange={() => setMemberIds(all ? memberIds.filter((id) => !ids.includes(id)) : [...new Set([...memberIds, ...ids])])} />
                    {t(`planning.category.${c}`)}（{num(ids.length)}）
                  </label>
                );
              })}
            </div>
          </fieldset>
          <fieldset className="mt-3">
            <legend className="font-semibold">{t('written.addressees.members')}</legend>
            <div className="mt-1 grid max-h-64 grid-cols-2 gap-1 overflow-y-auto sm:grid-cols-4">
              {roster.map((m) => (
                <label key={m.id} className="flex items-center gap-1">
                  <input type="checkbox" checked={memberIds.includes(m.id)} onChange={() => setMemberIds(memberIds.includes(m.id) ? memberIds.filter((x) => x !== m.id) : [...memberIds, m.id])} />
                  {m.name}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="mt-3">
            <legend className="font-semibold">{t('written.addressees.others')}</legend>
            <ul className="mt-1 space-y-2">
              {others.map((o, i) => (
                <li key={i} className="flex flex-wrap items-end gap-2">
                  <span className="rounded-full border px-2 text-sm">{o.kind === 'unit' ? t('written.addressees.unitBadge') : t('written.addressees.addPerson')}</span>
                  <label className="text-sm">{t('written.addressees.otherName')}
                    <input value={o.name} maxLength={100} onChange={(e) => setOthers(others.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} className={inputClass} />
                  </label>
                  {o.kind === 'person' ? (
                    <label className="text-sm">{t('written.addressees.otherUnit')}
                      <input value={o.unit} maxLength={100} onChange={(e) => setOthers(others.map((x, j) => (j === i ? { ...x, unit: e.target.value } : x)))} className={inputClass} />
                    </label>
                  ) : null}
                  <Button variant="ghost" aria-label={t('written.addressees.remove', { name: o.name || '—' })} onClick={() => setOthers(others.filter((_, j) => j !== i))}>×</Button>
                </li>
              ))}
            </ul>
            <div className="mt-2 flex gap-2">
              <Button variant="secondary" onClick={() => setOthers([...others, { kind: 'unit', name: '', unit: '' }])}>{t('written.addressees.addUnit')}</Button>
              <Button variant="secondary" onClick={() => setOthers([...others, { kind: 'person', name: '', unit: '' }])}>{t('written.addressees.addPerson')}</Button>
            </div>
          </fieldset>
          <p className="mt-3 font-semibold">{t('written.addressees.count', { count: num(memberIds.length + others.filter((o) => o.name.trim()).length) })}</p>
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <Button variant="secondary" disabled={busy} onClick={() => void saveDraft()}>{t('written.save')}</Button>
            <Button disabled={busy} onClick={() => void send()}>{t('written.send')}</Button>
            {saved ? <span role="status" className="text-ink-muted">{t('written.saved')}</span> : null}
          </div>
        </section>
      ) : null}

      {links.length ? (
        <section aria-labelledby="w-links" className="rounded-xl border-2 border-warn-500 bg-white p-4">
          <h2 id="w-links" className="text-xl font-semibold">{t('written.links.heading')}</h2>
          <p className="text-base">{t('written.links.note')}</p>
          <ul className="mt-2 space-y-2">
            {links.map((l) => (
              <li key={l.addresseeId} className="flex flex-wrap items-center gap-2">
                <span className="font-semibold">{l.unit ? `${l.name}（${l.unit}）` : l.name}</span>
                <code className="break-all rounded bg-ink/5 px-1 text-sm" data-testid="written-link">{l.path}</code>
                <Button variant="secondary" className="!min-h-9" aria-label={t('written.links.copy', { name: l.name })} onClick={() => void copy(l)}>
                  {copied === l.addresseeId ? t('written.links.copied') : t('written.links.copy', { name: l.name })}
                </Button>
              </li>
            ))}
          </ul>
          <Button className="mt-3" onClick={() => setPrinting(true)}>{t('written.links.print')}</Button>
        </section>
      ) : null}

      {data.phase !== 'draft' ? (
        <section aria-labelledby="w-replies" className="rounded-xl border border-ink/15 bg-white p-4">
          <h2 id="w-replies" className="text-xl font-semibold">{t('written.replies.heading')}</h2>
          <div role="img" aria-label={`${t('written.replies.counts')}: ${ANSWERS.map((a) => `${t(`written.answer.${a}`)} ${data.counts[a]}`).join('，')}`} className="mt-2 flex h-6 overflow-hidden rounded-full border border-ink/20">
            {ANSWERS.map((a) => (data.counts[a] ? <div key={a} className={BAR[a]} style={{ width: `${(data.counts[a] / total) * 100}%` }} /> : null))}
          </div>
          <p className="mt-1 flex flex-wrap gap-3 text-base tabular-nums">
            {ANSWERS.map((a) => <span key={a}><span className={`mr-1 inline-block h-3 w-3 rounded-sm ${BAR[a]}`} aria-hidden="true" />{t(`written.answer.${a}`)} {num(data.counts[a])}</span>)}
          </p>
          <label className="mt-3 inline-flex items-center gap-2 font-semibold">
            {t('written.replies.filter')}
            <select value={filter} onChange={(e) => setFilter(e.target.value as typeof filter)} className="rounded-lg border border-ink/30 px-2 py-1">
              <option value="all">{t('written.replies.filter.all')}</option>
              {ANSWERS.map((a) => <option key={a} value={a}>{t(`written.answer.${a}`)}</option>)}
              <option value="due">{t('written.reminderDue')}</option>
            </select>
          </label>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left text-base">
              <thead>
                <tr className="border-b border-ink/20">
                  <th className="py-1 pr-2">{t('written.table.name')}</th>
                  <th className="py-1 pr-2">{t('written.table.answer')}</th>
                  <th className="py-1 pr-2">{t('written.table.text')}</th>
                  <th className="py-1 pr-2">{t('written.table.at')}</th>
                  {data.canManage && data.phase === 'sent' ? <th className="py-1">{t('written.table.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {shown.map((a) => (
                  <tr key={a.id} className="border-b border-ink/10 align-top">
                    <td className="py-1 pr-2"><span className="font-semibold">{a.name}</span>{a.unit ? <span className="text-ink-muted">（{a.unit}）</span> : null}</td>
                    <td className="py-1 pr-2 whitespace-nowrap">
                      {t(`written.answer.${a.answer ?? 'none'}`)}
                      {a.revisions > 1 ? <span className="block text-sm text-ink-muted">{t('written.table.revisions', { count: num(a.revisions - 1) })}</span> : null}
                      {a.reminderDue ? <span className="ml-1 rounded-full border-2 border-warn-500 px-2 text-sm font-semibold">{t('written.reminderDue')}</span> : null}
                    </td>
                    <td className="py-1 pr-2 whitespace-pre-line">
                      {a.text}
                      {a.file?.id ? <a href={`${api}/files/${a.file.id}`} className="block break-all text-sm text-civic-800 underline">{t('written.table.file', { name: a.file.fileName })}</a> : null}
                      {a.reminders ? <span className="block text-sm text-ink-muted">{t('written.reminded', { count: num(a.reminders), at: when(a.remindedAt) })}</span> : null}
                    </td>
                    <td className="py-1 pr-2 whitespace-nowrap text-sm">{when(a.answeredAt)}</td>
                    {data.canManage && data.phase === 'sent' ? (
                      <td className="py-1">
                        <div className="flex flex-col gap-1">
                          {!a.answer ? (
                            <Button variant="secondary" className="!min-h-9" disabled={busy} aria-label={t('written.markReminded', { name: a.name })} onClick={() => void call(`/addressees/${a.id}/reminded`, { body: '{}' }).then(() => load(false))}>
                              {t('written.markReminded', { name: a.name })}
                            </Button>
                          ) : null}
                          <Button variant="ghost" className="!min-h-9" disabled={busy} aria-label={t('written.links.reissue', { name: a.name })}
                            onClick={() => void call<{ addresseeId: string; path: string }>(`/addressees/${a.id}/link`, { body: '{}' }).then((r) => {
                              if (r) setLinks([...links.filter((l) => l.addresseeId !== a.id), { addresseeId: a.id, name: a.name, unit: a.unit, path: r.path }]);
                            })}>
                            {t('written.links.reissue', { name: a.name })}
                          </Button>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {data.phase === 'sent' && data.canManage ? (
        <section aria-labelledby="w-conclusion" className="rounded-xl border border-ink/15 bg-white p-4">
          <h2 id="w-conclusion" className="text-xl font-semibold">{t('written.conclusion.heading')}</h2>
          <textarea aria-labelledby="w-conclusion" value={conclusion} rows={5} maxLength={4000} onChange={(e) => setConclusion(e.target.value)} className={inputClass} />
          <div className="mt-2 flex flex-wrap gap-2">
            <Button variant="secondary" disabled={busy} onClick={() => void call('/conclusion', { body: JSON.stringify({ text: conclusion }) })}>{t('written.conclusion.save')}</Button>
            <Button variant="danger" disabled={busy || !conclusion.trim()} onClick={() => void call('/close', { body: JSON.stringify({ conclusion }) }).then((r) => (r ? load(false) : null))}>{t('written.close')}</Button>
          </div>
        </section>
      ) : null}

      {data.phase === 'closed' ? (
        <section aria-labelledby="w-done" className="rounded-xl border-2 border-ok-600 bg-white p-4">
          <h2 id="w-done" className="text-xl font-semibold">{t('written.closed')}</h2>
          <p className="mt-1 whitespace-pre-line">{data.conclusion}</p>
          <Link href={`/console/meetings/${meetingId}/record`} className="mt-2 inline-block font-semibold text-civic-800 underline">{t('written.record')}</Link>
        </section>
      ) : null}
    </div>
  );
}
