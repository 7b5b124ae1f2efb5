import type { Metadata } from 'next';
import Link from 'next/link';
import { ConsoleHeader } from '@/components/meeting/console/ConsoleHeader';
import { FacilitatorConsole } from '@/components/meeting/console/FacilitatorConsole';
import { QuestionnaireWorkspace } from '@/components/questionnaire/QuestionnaireWorkspace';
import { WrittenWorkspace } from '@/components/written/WrittenWorkspace';
import { VisitsWorkspace } from '@/components/visits/VisitsWorkspace';
import { EvaluationWorkspace } from '@/components/evaluation/EvaluationWorkspace';
import { ExpertPanel } from '@/components/expert/ExpertPanel';
import { getI18n } from '@/lib/i18n/server';
import { MeetingForm } from '@/lib/meeting/model';
import { can } from '@/lib/meeting/permissions';
import { loadDefaultTemplates, meetingProcedure } from '@/lib/planning/templates';
import { boardPath } from '@/lib/planning/board-path';
import { sharedDb } from '@/lib/platform/db/shared';
import { requireStaff } from '../../staff';
import { roleInMeetingOr404 } from './meeting-role';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('console.meeting.pageTitle') };
}

export default async function MeetingConsolePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await requireStaff();
  const role = await roleInMeetingOr404(staff, id);
  const { t } = await getI18n();
  const meeting = await sharedDb().meeting.findUniqueOrThrow({ where: { id }, select: { form: true, status: true, communityId: true, community: { select: { code: true } } } });
  // A written meeting is a written consultation unless it was held as a sitting before issue 14 (started
  // or closed without ever being sent): that one keeps the live console and its record.
  const sent = meeting.form === 'written' ? await sharedDb().writtenConsultation.findUnique({ where: { meetingId: id }, select: { status: true } }) : null;
  const written = meeting.form === 'written' && (meeting.status === 'draft' || meeting.status === 'announced' || (!!sent && sent.status !== 'draft'));
  // The same for a 民主评议 (issue 14): its own workspace unless it was held as a sitting before.
  const opened = meeting.form === 'evaluation' ? await sharedDb().evaluation.findUnique({ where: { meetingId: id }, select: { status: true } }) : null;
  const evaluation = meeting.form === 'evaluation' && (meeting.status === 'draft' || meeting.status === 'announced' || (!!opened && opened.status !== 'draft'));
  // A meeting made before template editions (or not through planning) kept no procedure: it follows the
  // default's, as its record does (lib/record/build.ts). Read and checked here, on the server.
  const form = MeetingForm.safeParse(meeting.form);
  const defaultProcedure = form.success ? meetingProcedure(loadDefaultTemplates(), form.data) : null;
  // A round of household visits has no sitting: its own workspace (components/visits) — except a visit
  // meeting already held as a sitting before issue 14 (in session or closed without a round's plan).
  const visitsRound = meeting.form === 'visit'
    && (meeting.status === 'draft' || meeting.status === 'announced' || !!(await sharedDb().visitRound.findUnique({ where: { meetingId: id }, select: { meetingId: true } })));
  return (
    <div className="min-h-dvh">
      <ConsoleHeader staff={staff}>
        <Link href="/console" className="underline">{t('console.home.title')}</Link>
        <span aria-hidden="true"> · </span>
        <Link href={boardPath(meeting.community.code)} className="underline">{t('planning.notice.board')}</Link>
      </ConsoleHeader>
      <main>
        {/* 专家咨询 keeps its sitting: its stages above the live console (components/expert). */}
        {meeting.form === 'expert' ? <ExpertPanel meetingId={id} communityId={meeting.communityId} /> : null}
        {/* The forms that are not a sitting have their own workspaces, not the live console. */}
        {written ? <WrittenWorkspace meetingId={id} communityId={meeting.communityId} />
          : meeting.form === 'questionnaire'
          ? <QuestionnaireWorkspace meetingId={id} canManage={can(role, 'meeting.manage')} recordHref={`/console/meetings/${id}/record`} />
          : visitsRound ? <VisitsWorkspace meetingId={id} />
          : evaluation ? <EvaluationWorkspace meetingId={id} communityId={meeting.communityId} />
          : <FacilitatorConsole meetingId={id} canManage={can(role, 'meeting.manage')} defaultProcedure={defaultProcedure} />}
      </main>
    </div>
  );
}
