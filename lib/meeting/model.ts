import { z } from 'zod';

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

export const MeetingLevel = z.enum(meetingLevels);
export const MeetingType = z.enum(meetingTypes);
export const MeetingForm = z.enum(meetingForms);
export const MeetingStatus = z.enum(meetingStatuses);
export type MeetingLevel = z.infer<typeof MeetingLevel>;
export type MeetingType = z.infer<typeof MeetingType>;
export type MeetingForm = z.infer<typeof MeetingForm>;
export type MeetingStatus = z.infer<typeof MeetingStatus>;

/** Attendance modes: in the hall (phone or checked in by the facilitator) or remote through a link. */
export const AttendanceMode = z.enum(['hall', 'remote']);
export type AttendanceMode = z.infer<typeof AttendanceMode>;

export const Stance = z.enum(['support', 'oppose', 'neutral', 'procedural']); // 支持/反对/中立/程序问题
export type Stance = z.infer<typeof Stance>;

const allowedStatusMoves: Record<MeetingStatus, MeetingStatus[]> = {
  draft: ['announced', 'live', 'cancelled'],
  announced: ['live', 'draft', 'cancelled'],
  live: ['closed'],
  closed: [],
  cancelled: [],
};

export function canMoveStatus(from: MeetingStatus, to: MeetingStatus): boolean {
  return allowedStatusMoves[from].includes(to);
}
