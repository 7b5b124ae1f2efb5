import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { t } from '../i18n/locale';
import { openCommitments, type Disclosure } from './disclosure';
import { MeetingRecord, type Filing, type RecordStatus, type SignatureEntry } from './format';
import { nodeCrypto } from './node-crypto';
import { renderRecordPdf } from './pdf';
import { readableRecord } from './readable';
import { keyFingerprint, type BundleInput } from './verify';

/** A record as stored, in the shape the export, the download routes and the public page share. */
export type StoredBundle = {
  recordId: string;
  status: RecordStatus;
  recordJson: string;
  signatures: SignatureEntry[];
  filing?: Filing;
  signedAt: Record<string, string>;
  filedAt: string | null;
  /** the previous record by its hash only: the public view names no other record */
  chain: { seq: number; previous: { seq: number; hash: string } | null };
};

export type RecordPdfInput = {
  verifyUrl: string;
  recordHash: string;
  /** the district's published platform key fingerprint (`platformFingerprint`), printed on the verification page */
  platformFingerprint: string;
  /** staff's copy: names opened from these disclosures (each checked against its commitment); absent for the public copy */
  disclosures?: readonly Disclosure[];
};

export const BUNDLE_FILES = ['record.json', 'signatures.json', 'filing.json', 'record.pdf'] as const;
export type BundleFile = (typeof BUNDLE_FILES)[number];

export function verificationUrl(publicBaseUrl: string, recordId: string): string {
  return new URL(`/v/${encodeURIComponent(recordId)}`, publicBaseUrl).toString();
}

export async function recordPdf(b: StoredBundle, input: RecordPdfInput): Promise<Buffer> {
  const record = MeetingRecord.parse(JSON.parse(b.recordJson));
  const opened = input.disclosures && record.format !== 'yishi.meeting-record/1' ? (await openCommitments(nodeCrypto, record, input.disclosures)).values : null;
  const readable = readableRecord(record, opened, (n) => t('zh-CN', 'record.member', { n }));
  const signatures = await Promise.all(b.signatures.map(async (s) => ({
    role: s.role, name: s.name,
    keyFingerprint: await keyFingerprint(nodeCrypto, s.publicKeyPem),
    signedAt: s.role === 'platform' ? (b.filedAt ?? '') : (b.signedAt[`${s.role}:${s.name}`] ?? ''),
  })));
  // A stored record is never `closed` (it is frozen straight into awaiting signatures).
  const status = b.status === 'closed' ? 'awaiting_signatures' : b.status;
  return renderRecordPdf(readable, { recordHash: input.recordHash, status, signatures, verifyUrl: input.verifyUrl, platformFingerprint: input.platformFingerprint });
}

/** One file of the bundle. record.json is exactly the signed bytes; the JSON files are pretty-printed for people. */
export async function bundleFile(b: StoredBundle, file: BundleFile, pdf: RecordPdfInput): Promise<{ contentType: string; body: string | Buffer }> {
  switch (file) {
    case 'record.json':
      return { contentType: 'application/json; charset=utf-8', body: b.recordJson };
    case 'signatures.json':
      return { contentType: 'application/json; charset=utf-8', body: `${JSON.stringify(b.signatures, null, 2)}\n` };
    case 'filing.json':
      return { contentType: 'application/json; charset=utf-8', body: `${JSON.stringify(b.filing ?? null, null, 2)}\n` };
    case 'record.pdf':
      return { contentType: 'application/pdf', body: await recordPdf(b, pdf) };
  }
}

export async function writeBundle(dir: string, b: StoredBundle, pdf: RecordPdfInput): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = b.filing ? BUNDLE_FILES : BUNDLE_FILES.filter((f) => f !== 'filing.json');
  for (const f of files) {
    const { body } = await bundleFile(b, f, pdf);
    await writeFile(join(dir, f), body);
  }
  return files.map((f) => join(dir, f));
}

/** Reads a bundle directory for `verifyBundle`; a missing filing.json means "not filed". */
export async function readBundleDir(dir: string): Promise<BundleInput> {
  const recordBytes = new Uint8Array(await readFile(join(dir, 'record.json')));
  const signatures: unknown = JSON.parse(await readFile(join(dir, 'signatures.json'), 'utf8'));
  let filing: unknown;
  try {
    filing = JSON.parse(await readFile(join(dir, 'filing.json'), 'utf8')) ?? undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return { recordBytes, signatures, filing };
}
