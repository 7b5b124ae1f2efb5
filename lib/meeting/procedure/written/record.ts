import { z } from 'zod';
import { Iso, type RecordPart } from '../documents';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
export const WrittenAnswer = z.enum(['agree', 'amend', 'disagree']);
const FileRef = z.object({ fileName: z.string(), mimeType: z.string(), size: z.number().int().min(0), sha256: Hex64 });

/**
 * A written consultation (书面征询协商, since issue 14) in the record: the document (its title, text and
 * attachment's hash; `sha256` is what the log's written.sent named), the deadline, every addressee with
 * their final answer (the latest revision), its text and attachment's hash, the counts by answer, and the
 * conclusion. A written consultation is identified by nature — units and representatives answer in their
 * capacity — so names and answers are in the clear, as the consultation's own document of record.
 */
export const writtenRecordShape = {
  written: z.object({
    document: z.object({ title: z.string(), text: z.string(), attachment: FileRef.nullable(), sha256: Hex64 }),
    sentAt: Iso, deadline: Iso, closedAt: Iso,
    addressees: z.array(z.object({
      name: z.string(), unit: z.string(), kind: z.enum(['person', 'unit']),
      answer: WrittenAnswer.nullable(), text: z.string().nullable(), attachment: FileRef.nullable(),
      answeredAt: Iso.nullable(), revisions: z.number().int().min(0),
    })),
    counts: z.object({ agree: z.number().int().min(0), amend: z.number().int().min(0), disagree: z.number().int().min(0), none: z.number().int().min(0) }),
    conclusion: z.string(),
  }).optional(),
};
type WrittenRecord = { [K in keyof typeof writtenRecordShape]: z.infer<(typeof writtenRecordShape)[K]> };
export type WrittenRecordSection = NonNullable<WrittenRecord['written']>;

/** What the record needs of a written consultation beyond the log: read from its rows (lib/written/service.ts `recordSource`). */
export type WrittenRecordSource = {
  document: WrittenRecordSection['document'];
  addressees: WrittenRecordSection['addressees'];
};

export const writtenRecord: RecordPart<WrittenRecord> = {
  section(s, { written: w }) {
    const life = s.written;
    if (!life || !w) return {};
    const counts = { agree: 0, amend: 0, disagree: 0, none: 0 };
    for (const a of w.addressees) counts[a.answer ?? 'none']++;
    return {
      written: {
        document: w.document, sentAt: life.sentAt, deadline: life.deadline, closedAt: life.closedAt ?? s.closedAt!,
        addressees: w.addressees, counts, conclusion: life.conclusion ?? '',
      },
    };
  },
  // Addressees are not seats of the meeting.
  seatRefs: () => [],
};
