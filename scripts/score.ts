// npm run score -- --community <id|name> [--period YYYY]
//
// Prints a community's score for an assessment year as JSON: every indicator with its points and the
// explanation, element, category and tier totals, the total, the grade and the shortfall warnings.
// An operator's tool: it reads the database at DATABASE_URL (default: the embedded SQLite file) directly.
import { parseArgs } from 'node:util';
import { scoreOfCommunity } from '../lib/assessment/scores';
import { createDb, resolveDatabaseUrl } from '../lib/platform/db/client';
import { applyMigrations } from '../lib/platform/db/migrate';
import { yearOf } from '../lib/scoring/period';

const { values } = parseArgs({ options: { community: { type: 'string' }, period: { type: 'string' } } });
if (!values.community || (values.period && !/^\d{4}$/.test(values.period))) {
  console.error('usage: npm run score -- --community <id|name> [--period YYYY]');
  process.exit(2);
}
const url = resolveDatabaseUrl();
await applyMigrations(url);
const db = createDb(url);
try {
  const matches = await db.community.findMany({ where: { OR: [{ id: values.community }, { name: values.community }] }, select: { id: true, name: true } });
  if (matches.length !== 1) {
    console.error(matches.length ? `"${values.community}" names ${matches.length} communities; use an id: ${matches.map((m) => m.id).join(', ')}` : `no community "${values.community}"`);
    process.exit(1);
  }
  const year = values.period ? Number(values.period) : yearOf(new Date());
  const { community, edition, card } = await scoreOfCommunity(db, matches[0]!.id, year);
  console.log(JSON.stringify({ community, catalogueEdition: edition?.version ?? card.catalogueVersion, ...card }, null, 2));
} finally {
  await db.$disconnect();
}
