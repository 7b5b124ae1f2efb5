import { describe, expect, it } from 'vitest';
import { coSignProgress, coSigningOpen, Declaration, JOINT_THRESHOLD, proposalPath, ProposeInput, RegisterInput, reviewOutcome, ReviewInput, TopicStatus } from './model';

const declaration = { name: '王秀英', building: '3栋2单元', adult: true as const };
const proposal = { title: '小区东门加装路灯', description: '东门到菜市场一段晚上没有路灯，老人摔倒过两次。', place: '东门', declaration };

describe('the co-signature threshold', () => {
  it('is ten co-signers, as the standard says', () => {
    expect(JOINT_THRESHOLD).toBe(10);
  });
  it('makes a proposal joint at 10, not at 9, and online again when withdrawals take it below 10', () => {
    expect(proposalPath(1)).toBe('online_platform');
    expect(proposalPath(9)).toBe('online_platform');
    expect(proposalPath(10)).toBe('joint_residents');
    expect(proposalPath(11)).toBe('joint_residents');
    // 11 → a withdrawal → 10 still joint → another → 9 online again
    expect(proposalPath(11 - 1)).toBe('joint_residents');
    expect(proposalPath(11 - 2)).toBe('online_platform');
  });
  it('reports how many are still missing', () => {
    expect(coSignProgress(9)).toEqual({ have: 9, missing: 1, reached: false });
    expect(coSignProgress(10)).toEqual({ have: 10, missing: 0, reached: true });
    expect(coSignProgress(11)).toEqual({ have: 11, missing: 0, reached: true });
    expect(coSignProgress(0)).toEqual({ have: 0, missing: 10, reached: false });
  });
});

describe('review transitions', () => {
  it('moves a topic awaiting review to the decision’s status', () => {
    expect(reviewOutcome('submitted', 'accept')).toBe('accepted');
    expect(reviewOutcome('submitted', 'merge')).toBe('merged');
    expect(reviewOutcome('submitted', 'refer')).toBe('referred');
    expect(reviewOutcome('submitted', 'reject')).toBe('rejected');
  });
  it('refuses every decision on a topic already reviewed', () => {
    for (const status of TopicStatus.options.filter((s) => s !== 'submitted')) {
      for (const decision of ['accept', 'merge', 'refer', 'reject'] as const) expect(reviewOutcome(status, decision), `${status} ${decision}`).toBeNull();
    }
  });
  it('keeps co-signing open only until review', () => {
    expect(TopicStatus.options.filter(coSigningOpen)).toEqual(['submitted']);
  });
  it('asks a rejection for a reason and an accepted grid topic for its grid', () => {
    expect(ReviewInput.safeParse({ decision: 'reject', reason: '' }).success).toBe(false);
    expect(ReviewInput.safeParse({ decision: 'reject', reason: '<b></b>  ' }).success).toBe(false); // only markup is no reason
    expect(ReviewInput.parse({ decision: 'accept', level: 'community', type: 'decision' })).toMatchObject({ placeId: null });
    expect(ReviewInput.safeParse({ decision: 'accept', level: 'street', type: 'decision' }).success).toBe(false);
  });
});

describe('text from the public', () => {
  it('drops markup and control characters and trims', () => {
    const parsed = ProposeInput.parse({
      ...proposal,
      title: '  <script>alert(1)</script>东门\u0000路灯\u0007坏了 ',
      description: '<img src=x onerror=alert(1)>东门到菜市场一段晚上\u001bnot lit, 老人摔倒过。',
      declaration: { ...declaration, name: '<b>王秀英</b>' },
    });
    expect(parsed.title).toBe('alert(1)东门路灯坏了');
    expect(parsed.description).toBe('东门到菜市场一段晚上not lit, 老人摔倒过。');
    expect(parsed.declaration.name).toBe('王秀英');
    expect(JSON.stringify(parsed)).not.toMatch(/[<>\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
  });
  it('keeps line breaks and tabs in a description', () => {
    expect(ProposeInput.parse({ ...proposal, description: '第一行说明问题\n第二行\t说明位置' }).description).toBe('第一行说明问题\n第二行\t说明位置');
  });
  it('bounds every field, after stripping', () => {
    expect(ProposeInput.safeParse({ ...proposal, title: '路'.repeat(80) }).success).toBe(true);
    expect(ProposeInput.safeParse({ ...proposal, title: '路'.repeat(81) }).success).toBe(false);
    expect(ProposeInput.safeParse({ ...proposal, title: '路灯' }).success).toBe(false); // under 4
    expect(ProposeInput.safeParse({ ...proposal, title: '<i>路灯</i><u></u>' }).success).toBe(false); // 2 after stripping
    expect(ProposeInput.safeParse({ ...proposal, description: '太短了' }).success).toBe(false);
    expect(ProposeInput.safeParse({ ...proposal, description: '说'.repeat(2001) }).success).toBe(false);
    expect(ProposeInput.safeParse({ ...proposal, place: '地'.repeat(101) }).success).toBe(false);
    expect(ProposeInput.parse({ title: proposal.title, description: proposal.description, declaration }).place).toBe('');
    // A long run of markup is refused before any regex works on it.
    expect(ProposeInput.safeParse({ ...proposal, title: `${'<a>'.repeat(100)}东门路灯` }).success).toBe(false);
    expect(Declaration.safeParse({ ...declaration, name: '名'.repeat(41) }).success).toBe(false);
    expect(Declaration.safeParse({ ...declaration, building: '楼'.repeat(61) }).success).toBe(false);
    expect(Declaration.safeParse({ ...declaration, name: ' <b> </b> ' }).success).toBe(false);
    expect(Declaration.safeParse({ ...declaration, building: '' }).success).toBe(false);
  });
  it('refuses unknown fields', () => {
    expect(ProposeInput.safeParse({ ...proposal, intakePath: 'joint_residents' }).success).toBe(false);
    expect(Declaration.safeParse({ ...declaration, phone: '13800138000' }).success).toBe(false);
  });
});

describe('the co-signer’s declaration', () => {
  it('must say literally true to being an adult', () => {
    expect(Declaration.safeParse(declaration).success).toBe(true);
    for (const adult of [false, 'true', 1, 'yes', null, undefined]) {
      expect(Declaration.safeParse({ ...declaration, adult }).success, String(adult)).toBe(false);
    }
    const { adult: _, ...withoutAdult } = declaration;
    expect(Declaration.safeParse(withoutAdult).success).toBe(false);
  });
});

describe('staff registration', () => {
  const registered = { communityId: 'c1', intakePath: 'grid_worker', title: '楼道堆物清理', submitter: '网格员李明' };
  it('takes the other paths with a submitter', () => {
    for (const intakePath of ['party_representative', 'council_member', 'grid_worker', 'social_organisation', 'resident_unit', 'deputy']) {
      expect(RegisterInput.safeParse({ ...registered, intakePath }).success, intakePath).toBe(true);
    }
    expect(RegisterInput.safeParse({ ...registered, submitter: '' }).success).toBe(false);
  });
  it('refuses joint_residents: only ten confirmed phones make a topic joint', () => {
    expect(RegisterInput.safeParse({ ...registered, intakePath: 'joint_residents' }).success).toBe(false);
    expect(RegisterInput.safeParse({ ...registered, intakePath: 'somewhere_else' }).success).toBe(false);
  });
});
