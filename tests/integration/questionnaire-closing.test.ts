// A questionnaire closes at its closing time (issue 14): answers are refused from that moment, and the
// sweep (lib/questionnaire/service `closeDue`, run by server/questionnaire-sweep.ts) closes it through the
// same command staff use — on SQLite and PostgreSQL, with an injected clock (no waiting).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../../lib/auth/staff-session';
import { MeetingHub } from '../../lib/meeting/hub';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { createQuestionnaires } from '../../lib/questionnaire/service';
import type { ResidentIdentity } from '../../lib/residents/phone-identity';
import { makeCommunity, makeMeeting } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';

const definition = {
  title: '垃圾分类满意度', intro: '',
  sections: [{ id: 's1', title: '', questions: [{ id: 'q1', kind: 'rating', title: '您对垃圾分类打几分？' }] }],
};

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`questionnaire closing time on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let staff: StaffIdentity;
    let community: Awaited<ReturnType<typeof makeCommunity>>;
    let hub: MeetingHub;
    let service: ReturnType<typeof createQuestionnaires>;
    const start = new Date('2026-12-01T02:00:00Z');
    let clock = start;
    const resident = (n: number) => ({ phoneHash: `hash-${n}`, phoneMasked: '139****0000', expiresAt: new Date('2027-01-01T00:00:00Z') }) as unknown as ResidentIdentity;

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      community = await makeCommunity(db, { members: 1 });
      hub = new MeetingHub(db);
      service = createQuestionnaires(db, hub, { now: () => clock });
      const f = community.facilitator;
      staff = { id: f.id, username: f.username, displayName: f.displayName, role: 'facilitator', scope: { districtId: community.districtId, streetId: community.streetId, communityId: community.communityId } };
    }, 120_000);
    afterAll(async () => {
      await db?.$disconnect();
      await scratch?.drop();
    });

    async function openQuestionnaire(closesAt: string | null) {
      const meeting = await makeMeeting(db, community, { form: 'questionnaire', type: 'advisory', title: '问卷', agenda: [], scheduledAt: start });
      await service.save(staff, meeting.id, { definition, settings: { audience: { kind: 'community' }, anonymous: true, opensAt: null, closesAt } });
      await service.open(staff, meeting.id, {});
      return { meeting };
    }

    it('refuses answers from the closing time and the sweep closes it, leaving the others open', async () => {
      clock = start;
      const due = await openQuestionnaire(new Date(start.getTime() + 3600_000).toISOString());
      const later = await openQuestionnaire(new Date(start.getTime() + 7200_000).toISOString());
      const endless = await openQuestionnaire(null);

      await service.answer(resident(1), due.meeting.joinCode, { version: 1, answers: { q1: 4 } });
      expect(await service.closeDue()).toEqual([]);

      // One hour on: its closing time has come. Answers are refused before any sweep has run…
      clock = new Date(start.getTime() + 3600_000);
      await expect(service.answer(resident(2), due.meeting.joinCode, { version: 1, answers: { q1: 5 } })).rejects.toMatchObject({ code: 'INVALID_STATE', details: { reason: 'closed' } });
      expect((await service.forAnswering(due.meeting.joinCode)).answering).toBe('after');

      // …and the sweep closes it, and only it, as staff's close would.
      expect(await service.closeDue()).toEqual([due.meeting.id]);
      expect((await hub.state(due.meeting.id)).questionnaire?.phase).toBe('closed');
      expect((await hub.state(later.meeting.id)).questionnaire?.phase).toBe('open');
      expect((await hub.state(endless.meeting.id)).questionnaire?.phase).toBe('open');
      expect((await db.questionnaire.findUniqueOrThrow({ where: { meetingId: due.meeting.id } })).status).toBe('closed');
      // The log says the closing time closed it, not a member of staff.
      const closedBy = await db.meetingEvent.findFirstOrThrow({ where: { meetingId: due.meeting.id, type: 'questionnaire.closed' } });
      expect(closedBy.actor).toBe('截止时间到，自动结束');
      expect((await service.results(staff, due.meeting.id)).responses).toBe(1);
      // A second run finds nothing more to do; staff can go on to the summary.
      expect(await service.closeDue()).toEqual([]);
      await service.saveSummary(staff, due.meeting.id, { text: '平均 4 分。' });
      await service.publish(staff, due.meeting.id, {});
      expect((await hub.state(due.meeting.id)).status).toBe('closed');

      // The later one closes when its own time comes.
      clock = new Date(start.getTime() + 7200_000);
      expect(await service.closeDue()).toEqual([later.meeting.id]);
      expect((await hub.state(endless.meeting.id)).questionnaire?.phase).toBe('open');
    });
  });
}
