/** The vocabulary of a consultation meeting, from the Xindu standard (see shared/docs/PRODUCT.md). */
export const meetingLevels = ['compound', 'grid', 'community'] as const; // 小区 / 网格 / 社区
export const meetingTypes = ['decision', 'coordination', 'advisory', 'supervision'] as const; // 决策/协调/咨询/监督
export const meetingForms = [
  'council', // 村(居)民议事会
  'open_space', // 开放空间
  'hearing', // 决策听证
  'dialogue', // 民主恳谈
  'expert', // 专家咨询
  'evaluation', // 民主评议
  'new_media', // 新兴媒体协商
  'written', // 书面征询
  'visit', // 走访约谈
  'questionnaire', // 问卷式协商
] as const;
// cancelled: called off before it sat, with a reason; kept with its notices, never scored
export const meetingStatuses = ['draft', 'announced', 'live', 'closed', 'cancelled'] as const;

/** Attendance modes: in the hall (phone or checked in by the facilitator) or remote through a link. */
export const attendanceModes = ['hall', 'remote'] as const;

/** A speaker's stance: 支持/反对/中立/程序问题. */
export const stances = ['support', 'oppose', 'neutral', 'procedural'] as const;
