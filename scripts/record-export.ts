// Exports a meeting record as files: `npm run record:export -- <record id> <dir>`
// Writes record.json (exactly the signed bytes), signatures.json, filing.json (once filed) and
// record.pdf, the same public files the record page offers for download (no resident names in a record
// of format 2: the disclosures stay in the database); `npm run record:verify -- <dir>`
// checks them offline. Reads the database the server uses (DATABASE_URL, default ./data/yishi.db);
// the PDF's QR code points at YISHI_PUBLIC_URL (default http://localhost:3000).
// Exit codes: 0 written, 1 no such record, 2 usage error.
import { MeetingHub } from '../lib/meeting/hub';
import { createDb, resolveDatabaseUrl } from '../lib/platform/db/client';
import { applyMigrations } from '../lib/platform/db/migrate';
import { AppError } from '../lib/platform/errors';
import { verificationUrl, writeBundle } from '../lib/record/export';
import { platformFingerprint } from '../lib/record/platform-key';
import { createRecordService } from '../lib/record/service';

const [recordId, dir, ...rest] = process.argv.slice(2);
if (!recordId || !dir || rest.length) {
  console.error('usage: npm run record:export -- <record id> <dir>');
  process.exit(2);
}

const url = resolveDatabaseUrl();
await applyMigrations(url);
const db = createDb(url);
try {
  // The export only reads stored records; freezing (which needs the live minutes) never happens here.
  const records = createRecordService(db, new MeetingHub(db), () => Promise.reject(new Error('record:export does not freeze meetings')));
  const bundle = await records.bundle(recordId);
  const { hash } = await records.status(recordId);
  const link = verificationUrl(process.env.YISHI_PUBLIC_URL || 'http://localhost:3000', recordId);
  const fingerprint = await platformFingerprint(db);
  const files = await writeBundle(dir, bundle, { verifyUrl: link, recordHash: hash, platformFingerprint: fingerprint });
  console.log(`record ${recordId} (${bundle.status}) → ${dir}`);
  for (const f of files) console.log(`  ${f}`);
  console.log(`verification: ${link}`);
  console.log(`platform key fingerprint: ${fingerprint} (npm run record:verify -- ${dir} --platform-fingerprint ${fingerprint})`);
} catch (err) {
  if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
  console.error(`no record ${recordId} in ${url}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
