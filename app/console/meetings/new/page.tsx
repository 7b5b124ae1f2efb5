import type { Metadata } from 'next';
import { ConsoleHeader } from '@/components/meeting/console/ConsoleHeader';
import { NewMeetingForm, type FormTemplate } from '@/components/planning/NewMeetingForm';
import { getI18n } from '@/lib/i18n/server';
import { planningOptions } from '@/lib/planning/plan-meeting';
import { currentTemplates } from '@/lib/planning/template-editions';
import { sharedDb } from '@/lib/platform/db/shared';
import { AppError } from '@/lib/platform/errors';
import { requireStaff } from '../../staff';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('planning.new.title') };
}

/** /console/meetings/new: a community's staff plan a meeting of any of the ten forms; `?topic=` plans one from an accepted topic. */
export default async function NewMeetingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { topic } = await searchParams;
  const staff = await requireStaff();
  const { t, locale } = await getI18n();
  const message = (text: string) => (
    <div className="min-h-dvh">
      <ConsoleHeader staff={staff} />
      <main className="mx-auto max-w-3xl px-4 py-8"><p role="alert" className="rounded-2xl border border-ink/15 bg-white p-6 text-lg">{text}</p></main>
    </div>
  );
  if (!staff.scope.communityId) return message(t('planning.new.noCommunity'));
  let options;
  try {
    options = await planningOptions(sharedDb(), staff, staff.scope.communityId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'FORBIDDEN') return message(t('planning.error.forbidden'));
    throw err;
  }
  // The district's current edition (the one POST /api/meetings plans with); only what the form shows of
  // each template travels to the browser.
  const { templates: current } = await currentTemplates(sharedDb(), staff.scope.districtId);
  const templates: FormTemplate[] = current.templates.map((tpl) => ({
    form: tpl.form, steps: tpl.steps.map((s) => s.name[locale] ?? s.name['zh-CN']), quorumRule: tpl.quorumRule,
    defaultCategories: tpl.defaultCategories, requiredCategories: tpl.requiredCategories, noticeLeadDays: tpl.noticeLeadDays,
  }));
  return (
    <div className="min-h-dvh">
      <ConsoleHeader staff={staff} />
      <main className="mx-auto w-full max-w-4xl px-4 py-8">
        <h1 className="text-3xl font-bold text-ink">{t('planning.new.title')}</h1>
        <p className="mt-1 text-lg text-ink-muted">{t('planning.new.intro')}</p>
        <NewMeetingForm options={options} templates={templates} topicId={typeof topic === 'string' ? topic : undefined} />
      </main>
    </div>
  );
}
