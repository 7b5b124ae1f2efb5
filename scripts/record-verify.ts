// Offline check of exported record bundles:
//   npm run record:verify -- <bundle dir> [<bundle dir> …] [--platform-key <pem file> | --platform-fingerprint <hex>] [--unfiled]
// Needs nothing but the files and a trust anchor: the hash, every signature, the filing and, when several
// directories of one community are given in chain order, each record's link to the one before it. The
// checks are the ones the server and the public page run (lib/record/verify.ts). A bundle must be filed
// (filing.json) unless --unfiled is given, for a record still awaiting signatures.
// Trust: the platform key inside a bundle proves nothing (anyone can make one and file a forged bundle
// with it), so a filed bundle fails unless the district's platform key is given (--platform-key), or its
// fingerprint (--platform-fingerprint, or YISHI_PLATFORM_FINGERPRINT in the environment) — the one printed
// on the PDF's verification page and shown on the console's record page and the public page.
// Exit codes: 0 every bundle valid, 1 a check failed (the first failure on stderr), 2 usage or I/O error.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readBundleDir } from '../lib/record/export';
import { nodeCrypto } from '../lib/record/node-crypto';
import { normaliseFingerprint, verifyBundle, type Check, type PreviousLink, type TrustAnchor, type VerifyResult } from '../lib/record/verify';

const USAGE = 'usage: npm run record:verify -- <bundle dir> [<bundle dir> …] [--platform-key <pem file> | --platform-fingerprint <hex>] [--unfiled]\n'
  + '       (or set YISHI_PLATFORM_FINGERPRINT to the district platform key fingerprint)';
const MARK: Record<Check['status'], string> = { pass: '✓', fail: '✗', skip: '–' };

function usage(message?: string): never {
  if (message) console.error(message);
  console.error(USAGE);
  process.exit(2);
}

const options = {
  'platform-key': { type: 'string' }, 'platform-fingerprint': { type: 'string' }, unfiled: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;
let args: ReturnType<typeof parseArgs<{ allowPositionals: true; options: typeof options }>>;
try {
  args = parseArgs({ allowPositionals: true, options });
} catch (err) {
  usage((err as Error).message);
}
if (args.values.help) usage();
if (!args.positionals.length) usage('no bundle directory given');

if (args.values['platform-key'] && args.values['platform-fingerprint']) usage('give --platform-key or --platform-fingerprint, not both');
const fingerprintText = args.values['platform-fingerprint'] ?? (process.env.YISHI_PLATFORM_FINGERPRINT || undefined);
const fingerprint = fingerprintText === undefined ? undefined : normaliseFingerprint(fingerprintText);
if (fingerprint === null) usage(`not a SHA-256 fingerprint (64 hex digits): ${fingerprintText}`);

let trust: TrustAnchor | null = fingerprint ? { platformFingerprint: fingerprint } : null;
const inputs = [];
try {
  if (args.values['platform-key']) trust = { platformKeyPem: await readFile(args.values['platform-key'], 'utf8') };
  // Read every directory before checking any, so a typo fails as a usage error and not halfway through.
  for (const dir of args.positionals) inputs.push({ dir, input: await readBundleDir(dir) });
} catch (err) {
  console.error(`cannot read: ${(err as Error).message}`);
  process.exit(2);
}

const results: { dir: string; result: VerifyResult }[] = [];
let previous: PreviousLink | null = null;
for (const { dir, input } of inputs) {
  // Directories are given in chain order: each record is checked against the one before it.
  const result = await verifyBundle(input, nodeCrypto, { trust, previous, requireFiling: !args.values.unfiled });
  results.push({ dir, result });
  const r = result.record;
  console.log(`${dir}: ${r ? `record ${r.recordId} — ${r.meeting.title} — ${r.community.name} #${r.chain.seq}` : 'unreadable record'}`);
  console.log(`  sha256 ${result.recordHash}`);
  for (const c of result.checks) console.log(`  ${MARK[c.status]} ${c.id.padEnd(12)} ${c.status === 'skip' ? 'skipped: ' : ''}${c.detail}`);
  console.log(`  ${result.valid ? 'valid' : 'INVALID'}`);
  previous = r ? { recordHash: result.recordHash, communityId: r.chain.communityId, seq: r.chain.seq } : null;
}

const invalid = results.filter((x) => !x.result.valid);
const count = (s: Check['status']) => results.reduce((n, x) => n + x.result.checks.filter((c) => c.status === s).length, 0);
console.log(`\n${results.length - invalid.length} of ${results.length} bundle(s) valid: ${count('pass')} checks passed, ${count('fail')} failed, ${count('skip')} skipped`);
if (invalid.length) {
  const first = invalid[0]!;
  const check = first.result.checks.find((c) => c.status === 'fail')!;
  console.error(`${first.dir}: ${check.id}: ${check.detail}`);
  if (!trust && check.id === 'platform_key') console.error('give the district platform key: --platform-key <pem file>, --platform-fingerprint <hex> or YISHI_PLATFORM_FINGERPRINT');
  process.exit(1);
}
