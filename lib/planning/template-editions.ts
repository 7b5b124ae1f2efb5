import type { StaffIdentity } from '../auth/staff-session';
import { canAssess } from '../assessment/permissions';
import { isUniqueViolation } from '../platform/db/errors';
import type { Db } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { newId } from '../platform/tokens';
import { loadDefaultTemplates, validateTemplates, type ProcedureTemplates } from './templates';

/**
 * The district's procedure templates, kept like the index catalogue: the district admin saves an edited
 * copy as a new edition (rows are never changed), and planning uses the latest. A meeting copies its
 * form's procedure into its own log when it is planned (templates.ts `meetingProcedure`), so an edition
 * saved later changes no meeting already planned; its notice lead time and quorum rule are copied too.
 */
export type TemplatesEdition = {
  templates: ProcedureTemplates;
  /** null: the district has no edition of its own and uses the shipped default */
  edition: { id: string; version: string; createdAt: Date } | null;
};

/** The district's latest edition, or the default templates. */
export async function currentTemplates(db: Db, districtId: string): Promise<TemplatesEdition> {
  const row = await db.procedureTemplateEdition.findFirst({ where: { districtId }, orderBy: [{ createdAt: 'desc' }, { version: 'desc' }] });
  if (row) {
    const result = validateTemplates(JSON.parse(row.data));
    if (result.ok) return { templates: result.templates, edition: { id: row.id, version: row.version, createdAt: row.createdAt } };
    // Saved editions were valid when saved; a later, stricter check must not stop planning.
    console.error('[templates] stored edition is invalid, using the default', row.id, result.errors);
  }
  return { templates: loadDefaultTemplates(), edition: null };
}

/**
 * A district admin saves edited templates as the district's next edition (`d1`, `d2` …). Anything
 * invalid is refused with every reason, each naming the template and the field.
 */
export async function saveTemplatesEdition(db: Db, staff: StaffIdentity, raw: unknown): Promise<{ id: string; version: string }> {
  if (!canAssess(staff.role, 'templates.edit')) throw new AppError('FORBIDDEN', 'Only the district administrator edits the procedure templates');
  const result = validateTemplates(raw);
  if (!result.ok) throw new AppError('BAD_REQUEST', 'The templates are not valid', { errors: result.errors });
  const districtId = staff.scope.districtId;
  // Two admins saving at once would take the same number: the loser of the unique key takes the next.
  for (let attempt = 0; attempt < 5; attempt++) {
    const count = await db.procedureTemplateEdition.count({ where: { districtId } });
    const version = `d${count + 1}`;
    try {
      const row = await db.procedureTemplateEdition.create({
        data: { id: newId(), districtId, version, data: JSON.stringify({ ...result.templates, version }), createdById: staff.id },
      });
      return { id: row.id, version };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new AppError('CONFLICT', 'Another edition was saved at the same time; save again');
}
