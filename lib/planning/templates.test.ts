import { describe, expect, it } from 'vitest';
import { meetingForms } from '../meeting/model';
import defaultJson from './templates/default.json' with { type: 'json' };
import { keptProcedure, loadDefaultTemplates, meetingProcedure, missingCategories, stepProgress, templateFor, validateTemplates } from './templates';

const copy = () => structuredClone(defaultJson) as { version: string; templates: Record<string, unknown>[] };

describe('procedure templates', () => {
  it('the default set has one valid template per form of the standard', () => {
    const templates = loadDefaultTemplates();
    expect(templates.templates.map((t) => t.form).sort()).toEqual([...meetingForms].sort());
  });

  it('carries the standard’s own steps where it names them', () => {
    const t = loadDefaultTemplates();
    const names = (form: Parameters<typeof templateFor>[1]) => templateFor(t, form).steps.map((s) => s.name['zh-CN']).join('→');
    expect(names('dialogue')).toBe('收集意见→确定议题→发布公告→组织协商→结果运用');
    expect(names('expert')).toBe('提出咨询→咨询受理→发布公告→召开会议→结果反馈');
    expect(names('hearing')).toBe('发布公告→召开会议→公布结果');
    expect(names('open_space')).toBe('确定会议主题→公示会议相关内容→举行开放空间会议→达成共识');
    expect(names('questionnaire')).toBe('调研→制作调查问卷→问卷调查→结果汇总分析→形成结果→公示结果');
  });

  it('a hearing requires the supervisory committee; forms that are not sittings have no quorum', () => {
    const t = loadDefaultTemplates();
    expect(templateFor(t, 'hearing').requiredCategories).toContain('supervisory_committee');
    expect(templateFor(t, 'questionnaire').quorumRule).toBeNull();
    expect(templateFor(t, 'council').quorumRule).toEqual({ numerator: 1, denominator: 2, comparison: 'more_than' });
  });

  it('keeps results in publicity 5 days unless a template says otherwise, and at least one day', () => {
    expect(templateFor(loadDefaultTemplates(), 'council').publicityDays).toBe(5);
    const raw = structuredClone(defaultJson) as { templates: Record<string, unknown>[] };
    raw.templates[0]!.publicityDays = 7;
    const ok = validateTemplates(raw);
    expect(ok.ok && ok.templates.templates[0]!.publicityDays).toBe(7);
    raw.templates[0]!.publicityDays = 0;
    const refused = validateTemplates(raw);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors.join('\n')).toMatch(/publicityDays/);
  });

  it('names the template and field of a shape error', () => {
    const raw = copy();
    (raw.templates[2]!.steps as { name: Record<string, string> }[])[0]!.name['zh-CN'] = '';
    const result = validateTemplates(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^template "hearing": steps\.0\.name\.zh-CN/);
  });

  it('refuses a missing or doubled form, a doubled step, a required category not invited by default and a lead time without a notice step', () => {
    const raw = copy();
    raw.templates = raw.templates.filter((t) => t.form !== 'visit');
    raw.templates.push(structuredClone(raw.templates[0]!));
    const hearing = raw.templates.find((t) => t.form === 'hearing')!;
    (hearing.steps as unknown[]).push(structuredClone((hearing.steps as unknown[])[0]));
    hearing.requiredCategories = ['expert'];
    const written = raw.templates.find((t) => t.form === 'written')!;
    written.noticeLeadDays = 2;
    const result = validateTemplates(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(expect.arrayContaining([
      'template "council": more than one template for this form',
      'template "hearing": step "publish_notice" appears twice',
      'template "hearing": required category "expert" is not among the default categories',
      'template "written": a notice lead time needs a step marked done when announced',
      'template "visit": missing',
    ]));
  });

  it('admits walk-ins at open space and 民主恳谈 only, and refuses votes for walk-ins a form does not admit', () => {
    const forms = loadDefaultTemplates().templates.filter((t) => t.walkIns.allowed).map((t) => t.form).sort();
    expect(forms).toEqual(['dialogue', 'open_space']);
    const raw = copy();
    const council = raw.templates.find((t) => t.form === 'council')! as Record<string, unknown>;
    council.walkIns = { allowed: false, nonBindingVotes: true };
    const result = validateTemplates(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContain('template "council": walk-ins may only vote where they are allowed');
  });

  it('reads the checklist from the meeting’s milestones and the steps staff ticked', () => {
    const dialogue = templateFor(loadDefaultTemplates(), 'dialogue');
    const announced = new Date('2026-12-01T02:00:00Z');
    const collected = new Date('2026-11-20T02:00:00Z');
    const progress = stepProgress(dialogue, {
      announcedAt: announced, startedAt: null, closedAt: null, filedAt: null, resultsPublishedAt: null,
      ticked: { collect_opinions: collected },
    });
    expect(progress.map((p) => [p.step.id, p.doneAt])).toEqual([
      ['collect_opinions', collected], ['set_topics', null], ['publish_notice', announced], ['consult', null], ['apply_results', null],
    ]);
  });

  it('lists the required categories an invitation leaves out', () => {
    const hearing = templateFor(loadDefaultTemplates(), 'hearing');
    expect(missingCategories(hearing, ['party_committee', 'residents_committee', 'council_member', 'resident_representative'])).toEqual(['supervisory_committee']);
    expect(missingCategories(hearing, hearing.defaultCategories)).toEqual([]);
  });

  it('names the template and field of an edited lead time, quorum or category that is out of bounds', () => {
    const raw = copy();
    const hearing = raw.templates.find((t) => t.form === 'hearing')!;
    hearing.noticeLeadDays = 61;
    hearing.quorumRule = { numerator: 3, denominator: 2, comparison: 'more_than' };
    hearing.defaultCategories = ['neighbours'];
    raw.templates.find((t) => t.form === 'expert')!.steps = [];
    const result = validateTemplates(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^template "hearing": noticeLeadDays: /),
      expect.stringMatching(/^template "hearing": quorumRule: numerator must not exceed denominator/),
      expect.stringMatching(/^template "hearing": defaultCategories\.0: /),
      expect.stringMatching(/^template "expert": steps: /),
    ]));
  });

  it('a planned meeting keeps its form’s steps and required categories with the edition’s version, and reads them back', () => {
    const templates = loadDefaultTemplates();
    const kept = meetingProcedure({ ...templates, version: 'd3' }, 'hearing');
    expect(kept.version).toBe('d3');
    expect(kept.steps.map((s) => s.id)).toEqual(templateFor(templates, 'hearing').steps.map((s) => s.id));
    // A marker or category that a later version of the product no longer knows reads as manual / is left out.
    const odd = { ...kept, steps: [...kept.steps, { id: 'x', name: { 'zh-CN': '旧步骤', en: 'Old step' }, doneWhen: 'gone' }], requiredCategories: [...kept.requiredCategories, 'gone'] };
    const back = keptProcedure(odd);
    expect(back.steps.at(-1)!.doneWhen).toBe('manual');
    expect(back.requiredCategories).toEqual(templateFor(templates, 'hearing').requiredCategories);
  });
});
