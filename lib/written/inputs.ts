import { z } from 'zod';
import { ParticipantCategory } from '../planning/categories';
import { CONCLUSION_MAX } from '../meeting/procedure/written/model';
import { REPLY_TEXT_MAX, replyProblem, writtenAnswers } from './answers';

/** The bodies of the written routes (server/written-routes.ts), checked at the boundary. */

export const TITLE_MAX = 200;
export const DOCUMENT_TEXT_MAX = 20_000;
export const MAX_ADDRESSEES = 500;

const Name = z.string().trim().min(1).max(100);

/**
 * Addressees as staff choose them: roster categories (every active member in one), roster members by
 * id, and others typed in — a unit or organisation by its name (物业公司, 辖区单位), or a person with the
 * unit they answer for. Resolved into addressee rows when saved (lib/written/service.ts).
 */
export const AddresseesInput = z.strictObject({
  categories: z.array(ParticipantCategory).max(20).default([]),
  memberIds: z.array(z.string().min(1).max(100)).max(MAX_ADDRESSEES).default([]),
  others: z.array(z.strictObject({ kind: z.enum(['person', 'unit']), name: Name, unit: z.string().trim().max(100).default('') })).max(MAX_ADDRESSEES).default([]),
});
export type AddresseesInput = z.infer<typeof AddresseesInput>;

export const DraftInput = z.strictObject({
  title: z.string().trim().max(TITLE_MAX).optional(),
  text: z.string().trim().max(DOCUMENT_TEXT_MAX).optional(),
  deadline: z.iso.datetime({ offset: true }).nullable().optional(),
  addressees: AddresseesInput.optional(),
}).refine((i) => Object.values(i).some((v) => v !== undefined), 'Nothing to save');

export const SendInput = z.strictObject({ overrideReason: z.string().trim().min(2).max(500).optional() });
export const ConclusionInput = z.strictObject({ text: z.string().trim().max(CONCLUSION_MAX) });
export const CloseInput = z.strictObject({ conclusion: z.string().trim().min(1).max(CONCLUSION_MAX).optional() });
export const FileQuery = z.object({ name: z.string().max(1000).default('') });

export const ReplyInput = z.strictObject({
  answer: z.enum(writtenAnswers),
  text: z.string().max(REPLY_TEXT_MAX * 2).default(''),
  fileId: z.string().regex(/^[A-Za-z0-9-]{1,100}$/).nullable().default(null),
}).superRefine((r, ctx) => {
  const problem = replyProblem(r.answer, r.text);
  if (problem) ctx.addIssue({ code: 'custom', path: ['text'], message: problem });
});
