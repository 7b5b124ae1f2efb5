'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import type { MessageKey } from '@/lib/i18n/format';
import { meetingForms, meetingLevels, meetingTypes, type MeetingForm, type MeetingLevel, type MeetingType } from '@/lib/meeting/model';
import { quorumPresets, type QuorumRule } from '@/lib/meeting/quorum';
import { participantCategories, rosterSeats, type ParticipantCategory } from '@/lib/planning/categories';
import { convenerPosts } from '@/lib/planning/convener';

export type FormTemplate = {
  form: MeetingForm;
  steps: string[];
  quorumRule: QuorumRule | null;
  defaultCategories: ParticipantCategory[];
  requiredCategories: ParticipantCategory[];
  noticeLeadDays: number;
};

type Options = {
  community: { id: string; name: string };
  grids: { id: string; name: string; compounds: { id: string; name: string }[] }[];
  staff: { id: string; displayName: string; role: string; post: string | null; postPlaceId: string | null }[];
  experts: { id: string; name: string; field: string; organisation: string }[];
  /** the community's accepted topics, any of which an agenda item may take up, with the level, place and type review gave them */
  topics: { id: string; title: string; level: string | null; placeId: string | null; type: string | null }[];
  /** the active roster, any of whom may be invited by name */
  members: { id: string; name: string; building: string; categories: string[] }[];
};

/** The fields the server may name in an error, with their labels. */
const fieldLabels: Record<string, MessageKey> = {
  form: 'planning.field.form', level: 'planning.field.level', placeId: 'planning.field.place', type: 'planning.field.type',
  title: 'planning.field.title', venue: 'planning.field.venue', scheduledAt: 'planning.field.scheduledAt', endsAt: 'planning.field.endsAt',
  convenerId: 'planning.field.convener', recorderIds: 'planning.field.recorders', quorumRule: 'planning.field.quorum',
  invitedCategories: 'planning.field.categories', agenda: 'planning.field.agenda', livestreamUrl: 'planning.field.livestream',
};

type ApiError = { code: string; details?: { field?: string; issues?: { path: string; message: string }[] } };

/**
 * `topicId`: planned from a topic (its register's 安排会议): the topic is the first agenda item and the title,
 * and the level, place and type come from its review, so the convener is the one it was routed to.
 */
export function NewMeetingForm({ options, templates, topicId }: { options: Options; templates: FormTemplate[]; topicId?: string }) {
  const t = useT();
  const router = useRouter();
  const initial = options.topics.find((x) => x.id === topicId);
  const [form, setForm] = useState<MeetingForm>('council');
  const [level, setLevel] = useState<MeetingLevel>(levelOf(initial) ?? 'community');
  const [placeId, setPlaceId] = useState(initial && levelOf(initial) !== 'community' ? initial.placeId ?? '' : '');
  const [type, setType] = useState<MeetingType>(typeOf(initial) ?? 'decision');
  const [prefilled, setPrefilled] = useState(!!initial);
  const template = templates.find((x) => x.form === form)!;
  const [categories, setCategories] = useState<ParticipantCategory[]>(template.defaultCategories);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  // Agenda items that take up an accepted topic (the topic then lists the meeting); free-text items follow.
  const [topicItems, setTopicItems] = useState<{ topicId: string; title: string }[]>(initial ? [{ topicId: initial.id, title: initial.title }] : []);
  const [topicChoice, setTopicChoice] = useState('');
  // People invited by name besides the categories (a 利益相关方 of the matter, say), found by name or building.
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [memberQuery, setMemberQuery] = useState('');
  const topicsLeft = options.topics.filter((x) => !topicItems.some((i) => i.topicId === x.id));

  // The first topic taken up sets where and what kind of meeting it is, as its review decided.
  function takeUp(topic: Options['topics'][number]) {
    if (topicItems.length === 0 && levelOf(topic)) {
      setLevel(levelOf(topic)!);
      setPlaceId(levelOf(topic) === 'community' ? '' : topic.placeId ?? '');
      if (typeOf(topic)) setType(typeOf(topic)!);
      setPrefilled(true);
    }
    setTopicItems((list) => [...list, { topicId: topic.id, title: topic.title }]);
  }

  function chooseForm(next: MeetingForm) {
    setForm(next);
    setCategories(templates.find((x) => x.form === next)!.defaultCategories);
  }

  // The convener the server will pick when none is chosen: the holder of the level's post over the place.
  const place = level === 'community' ? options.community.id : placeId;
  const defaultConvener = convenerPosts[level]
    .map((post) => options.staff.find((s) => s.post === post && s.postPlaceId === place))
    .find(Boolean);
  const missing = template.requiredCategories.filter((c) => !categories.includes(c));
  const seats = rosterSeats(options.members, categories, memberIds);
  const byCategory = new Set(rosterSeats(options.members, categories, []).map((x) => x.memberId));
  const query = memberQuery.trim();
  const found = query ? options.members.filter((m) => !byCategory.has(m.id) && !memberIds.includes(m.id) && (m.name.includes(query) || m.building.includes(query))).slice(0, 8) : [];
  const quorumText = (rule: QuorumRule | null) =>
    rule === null ? t('planning.quorum.none') : rule.numerator * 3 === rule.denominator * 2 ? t('planning.quorum.two_thirds') : t('planning.quorum.more_than_half');

  function describe(err: ApiError): string[] {
    const label = (field: string) => t(fieldLabels[field.split('.')[0]!] ?? 'planning.field.title');
    if (err.code === 'FORBIDDEN') return [t('planning.error.forbidden')];
    if (err.details?.issues?.length) {
      return err.details.issues.map((i) => {
        const field = i.path.split('.')[0]!;
        if (field === 'endsAt' && /end/i.test(i.message)) return t('planning.error.endsAt', { field: label(field) });
        if (field === 'placeId') return t('planning.error.place', { field: label(field) });
        return t(/required|expected/i.test(i.message) ? 'planning.error.required' : 'planning.error.invalid', { field: label(field) });
      });
    }
    const field = err.details?.field;
    if (field === 'convenerId' || field === 'recorderIds') return [t('planning.error.notStaff', { field: label(field) })];
    if (field === 'placeId') return [t('planning.error.place', { field: label(field) })];
    return [t(`meeting.error.${err.code as 'BAD_REQUEST'}`)];
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    const str = (k: string) => String(d.get(k) ?? '').trim();
    const iso = (k: string) => (str(k) ? new Date(str(k)).toISOString() : '');
    const quorum = str('quorum');
    const body = {
      communityId: options.community.id, form, level, placeId: level === 'community' ? null : placeId || null,
      type: str('type'), title: str('title'), venue: str('venue'), scheduledAt: iso('scheduledAt'), endsAt: iso('endsAt'),
      convenerId: str('convenerId') || null, recorderIds: d.getAll('recorderIds').map(String),
      quorumRule: quorum === 'template' ? null : quorumPresets[quorum as keyof typeof quorumPresets],
      invitedCategories: categories,
      expertIds: form === 'expert' || categories.includes('expert') ? d.getAll('expertIds').map(String) : [],
      memberIds: memberIds.filter((m) => !byCategory.has(m)),
      agenda: [
        ...topicItems,
        ...str('agenda').split('\n').map((l) => l.trim()).filter(Boolean).map((title) => ({ title })),
      ],
      livestreamUrl: str('livestreamUrl') || null,
    };
    setBusy(true);
    setErrors([]);
    try {
      const res = await fetch('/api/meetings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await res.json()) as { meetingId?: string; error?: ApiError };
      if (res.ok && json.meetingId) return router.push(`/console/meetings/${json.meetingId}`);
      setErrors(describe(json.error ?? { code: 'INTERNAL' }));
    } catch {
      setErrors([t('planning.error.network')]);
    } finally {
      setBusy(false);
    }
  }

  const label = 'block text-base font-semibold text-ink';
  const check = 'flex items-center gap-2 text-base font-normal';
  return (
    <form onSubmit={submit} noValidate className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)]">
      <div className="space-y-4 rounded-2xl border border-ink/15 bg-white p-5 shadow-sm">
        {errors.length ? (
          <div role="alert" className="rounded-xl border-2 border-accent-700 bg-accent-50 p-3 text-base text-accent-800">
            <p className="font-semibold">{t('planning.error.summary')}</p>
            <ul className="mt-1 list-disc pl-5">{errors.map((m) => <li key={m}>{m}</li>)}</ul>
          </div>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <label className={label}>
            {t('planning.field.form')}
            <select name="form" value={form} onChange={(e) => chooseForm(e.target.value as MeetingForm)} className={inputClass}>
              {meetingForms.map((f) => <option key={f} value={f}>{t(`meeting.form.${f}`)}</option>)}
            </select>
          </label>
          <label className={label}>
            {t('planning.field.type')}
            <select name="type" value={type} onChange={(e) => setType(e.target.value as MeetingType)} className={inputClass}>
              {meetingTypes.map((x) => <option key={x} value={x}>{t(`meeting.type.${x}`)}</option>)}
            </select>
          </label>
        </div>
        <fieldset>
          <legend className={label}>{t('planning.field.level')}</legend>
          <div className="mt-1 flex flex-wrap gap-x-5">
            {meetingLevels.map((l) => (
              <label key={l} className={check}>
                <input type="radio" name="level" value={l} checked={level === l} onChange={() => { setLevel(l); setPlaceId(''); setPrefilled(false); }} className="size-5" />
                {t(`meeting.level.${l}`)}
              </label>
            ))}
          </div>
          {prefilled ? <p role="status" className="mt-1 text-base text-ink-muted">{t('planning.topics.prefilled')}</p> : null}
        </fieldset>
        {level !== 'community' ? (
          <label className={label}>
            {t('planning.field.place')}
            <select name="placeId" value={placeId} onChange={(e) => setPlaceId(e.target.value)} className={inputClass}>
              <option value="">{t('planning.field.placeChoose')}</option>
              {level === 'grid'
                ? options.grids.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)
                : options.grids.map((g) => (
                  <optgroup key={g.id} label={g.name}>{g.compounds.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</optgroup>
                ))}
            </select>
          </label>
        ) : null}
        <label className={label}>
          {t('planning.field.title')}
          <input name="title" required maxLength={200} defaultValue={initial?.title} className={inputClass} />
        </label>
        <label className={label}>
          {t('planning.field.venue')}
          <input name="venue" required maxLength={200} className={inputClass} />
        </label>
        <div className="grid gap-4 sm:grid-cols-2">
          <label className={label}>
            {t('planning.field.scheduledAt')}
            <input name="scheduledAt" type="datetime-local" required className={inputClass} />
          </label>
          <label className={label}>
            {t('planning.field.endsAt')}
            <input name="endsAt" type="datetime-local" required className={inputClass} />
          </label>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <label className={label}>
            {t('planning.field.convener')}
            <select name="convenerId" defaultValue="" className={inputClass}>
              <option value="">{defaultConvener ? t('planning.field.convenerDefault', { name: defaultConvener.displayName }) : t('planning.field.convenerSelf')}</option>
              {options.staff.map((s) => <option key={s.id} value={s.id}>{s.displayName}</option>)}
            </select>
          </label>
          <label className={label}>
            {t('planning.field.quorum')}
            <select name="quorum" defaultValue="template" className={inputClass}>
              <option value="template">{t('planning.quorum.template', { rule: quorumText(template.quorumRule) })}</option>
              <option value="more_than_half">{t('planning.quorum.more_than_half')}</option>
              <option value="two_thirds">{t('planning.quorum.two_thirds')}</option>
            </select>
          </label>
        </div>
        <fieldset>
          <legend className={label}>{t('planning.field.recorders')}</legend>
          <div className="mt-1 flex flex-wrap gap-x-5">
            {options.staff.filter((s) => s.role === 'recorder').map((s) => (
              <label key={s.id} className={check}><input type="checkbox" name="recorderIds" value={s.id} defaultChecked className="size-5" />{s.displayName}</label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className={label}>{t('planning.field.categories')}</legend>
          <div className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-2">
            {participantCategories.map((c) => (
              <label key={c} className={check}>
                <input
                  type="checkbox" value={c} checked={categories.includes(c)} className="size-5"
                  onChange={(e) => setCategories((list) => (e.target.checked ? [...list, c] : list.filter((x) => x !== c)))}
                />
                {t(`planning.category.${c}`)}
              </label>
            ))}
          </div>
          {missing.length ? (
            <p role="status" className="mt-2 rounded-lg border-2 border-warn-500 bg-white px-3 py-2 text-base text-ink">
              {t('planning.missingCategories', { list: missing.map((c) => t(`planning.category.${c}`)).join('、') })}
            </p>
          ) : null}
        </fieldset>
        <fieldset>
          <legend className={label}>{t('planning.people.legend')}</legend>
          {memberIds.length ? (
            <ul className="mt-1 flex flex-wrap gap-2">
              {memberIds.map((mid) => {
                const m = options.members.find((x) => x.id === mid)!;
                return (
                  <li key={mid} className="flex items-center gap-1 rounded-full border border-civic-200 bg-civic-50 pl-3 text-base">
                    {m.building ? `${m.name}（${m.building}）` : m.name}
                    <Button variant="ghost" className="!min-h-9" aria-label={t('planning.people.removeLabel', { name: m.name })} onClick={() => setMemberIds((list) => list.filter((x) => x !== mid))}>×</Button>
                  </li>
                );
              })}
            </ul>
          ) : null}
          <label className="mt-1 block text-base font-normal">
            {t('planning.people.search')}
            <input type="search" value={memberQuery} onChange={(e) => setMemberQuery(e.target.value)} className={inputClass} />
          </label>
          {found.length ? (
            <ul className="mt-1 divide-y divide-ink/10 rounded-lg border border-ink/15">
              {found.map((m) => (
                <li key={m.id} className="flex items-center justify-between gap-2 px-3 py-1 text-base">
                  <span>{m.building ? `${m.name}（${m.building}）` : m.name}</span>
                  <Button variant="secondary" className="!min-h-9" aria-label={t('planning.people.addLabel', { name: m.name })} onClick={() => { setMemberIds((list) => [...list, m.id]); setMemberQuery(''); }}>
                    {t('planning.people.add')}
                  </Button>
                </li>
              ))}
            </ul>
          ) : query ? <p className="mt-1 text-base text-ink-muted">{t('planning.people.none')}</p> : null}
          <p role="status" className="mt-2 text-base text-ink">
            {t('planning.people.seats', { seats: seats.length, voting: seats.filter((x) => x.canVote).length })}
          </p>
        </fieldset>
        {form === 'expert' || categories.includes('expert') ? (
          <fieldset>
            <legend className={label}>{t('planning.experts.invite')}</legend>
            {options.experts.length ? (
              <div className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-2">
                {options.experts.map((x) => (
                  <label key={x.id} className={check}>
                    <input type="checkbox" name="expertIds" value={x.id} className="size-5" />
                    {t('planning.experts.option', { name: x.name, field: x.field, organisation: x.organisation })}
                  </label>
                ))}
              </div>
            ) : <p className="mt-1 text-base text-ink-muted">{t('planning.experts.none')}</p>}
          </fieldset>
        ) : null}
        <fieldset>
          <legend className={label}>{t('planning.topics.legend')}</legend>
          {options.topics.length ? (
            <>
              {topicItems.length ? (
                <ul className="mt-1 space-y-1">
                  {topicItems.map((item) => (
                    <li key={item.topicId} className="flex flex-wrap items-center gap-2 rounded-lg border border-civic-200 bg-civic-50 px-3 py-1 text-base">
                      <span className="rounded-full border-2 border-civic-700 bg-white px-2 text-sm font-semibold">{t('planning.topics.fromTopic')}</span>
                      <span className="min-w-0 flex-1 break-words">{item.title}</span>
                      <Button variant="ghost" className="!min-h-9" aria-label={t('planning.topics.removeLabel', { title: item.title })}
                        onClick={() => setTopicItems((list) => list.filter((i) => i.topicId !== item.topicId))}>
                        {t('planning.agenda.remove')}
                      </Button>
                    </li>
                  ))}
                </ul>
              ) : null}
              {topicsLeft.length ? (
                <div className="mt-1 flex flex-wrap items-end gap-2">
                  <label className="block min-w-0 flex-1 text-base font-normal">
                    <span className="sr-only">{t('planning.topics.choose')}</span>
                    <select value={topicChoice} onChange={(e) => setTopicChoice(e.target.value)} className={inputClass}>
                      <option value="">{t('planning.topics.choose')}</option>
                      {topicsLeft.map((x) => <option key={x.id} value={x.id}>{x.title}</option>)}
                    </select>
                  </label>
                  <Button variant="secondary" disabled={!topicChoice} onClick={() => {
                    const chosen = options.topics.find((x) => x.id === topicChoice);
                    if (chosen) takeUp(chosen);
                    setTopicChoice('');
                  }}>
                    {t('planning.topics.add')}
                  </Button>
                </div>
              ) : null}
            </>
          ) : <p className="mt-1 text-base text-ink-muted">{t('planning.topics.none')}</p>}
        </fieldset>
        <label className={label}>
          {t(topicItems.length ? 'planning.field.agendaMore' : 'planning.field.agenda')}
          <textarea name="agenda" rows={4} className={inputClass} />
        </label>
        <label className={label}>
          {t('planning.field.livestream')}
          <input name="livestreamUrl" type="url" inputMode="url" className={inputClass} />
        </label>
        <Button type="submit" disabled={busy}>{busy ? t('planning.submitting') : t('planning.submit')}</Button>
      </div>
      <aside aria-labelledby="template-steps" className="h-fit space-y-3 rounded-2xl border border-civic-200 bg-civic-50 p-5">
        <h2 id="template-steps" className="text-xl font-semibold text-ink">{t(`meeting.form.${form}`)} · {t('planning.steps.title')}</h2>
        <ol className="list-decimal space-y-1 pl-6 text-base">{template.steps.map((s) => <li key={s}>{s}</li>)}</ol>
        <p className="text-base">{template.noticeLeadDays ? t('planning.lead.rule', { days: template.noticeLeadDays }) : t('planning.lead.none')}</p>
        <p className="text-base">{quorumText(template.quorumRule)}</p>
      </aside>
    </form>
  );
}

const levelOf = (topic: { level: string | null } | undefined) => (meetingLevels as readonly string[]).includes(topic?.level ?? '') ? topic!.level as MeetingLevel : null;
const typeOf = (topic: { type: string | null } | undefined) => (meetingTypes as readonly string[]).includes(topic?.type ?? '') ? topic!.type as MeetingType : null;
