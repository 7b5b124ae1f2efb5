import type { Disclosure } from '@/lib/record/disclosure';
import type { StoredBundle } from '@/lib/record/export';
import type { RecordStatus, SignerRole } from '@/lib/record/format';
import type { Check } from '@/lib/record/verify';

/**
 * The record endpoints of server/http-api.ts as the pages read them (shapes of lib/record/service.ts
 * `status()` and `bundle()`), and the one fetch wrapper that tells a network failure from a refusal.
 */
export type SignerView = { role: SignerRole; staffId: string; name: string; signedAt: string | null; keyFingerprint: string | null };

/** GET /api/meetings/:meetingId/record → `{ record }` */
export type RecordStatusView = {
  recordId: string;
  meetingId: string;
  status: RecordStatus;
  hash: string;
  chainSeq: number;
  signers: SignerView[];
  filedAt: string | null;
};

/** GET /api/records/:recordId: the stored bundle and who had to sign. */
export type RecordBundleView = StoredBundle & { meetingId: string; signers: SignerView[] };

/** GET /api/records/:recordId/disclosures (staff of the record's area) */
export type DisclosuresView = { recordId: string; disclosures: Disclosure[] };

/** GET /api/records/:recordId/verify */
export type ServerVerifyView = { valid: boolean; recordHash: string; checks: Check[] };

export const BUNDLE_DOWNLOADS = ['record.json', 'signatures.json', 'filing.json', 'record.pdf'] as const;
export type BundleDownload = (typeof BUNDLE_DOWNLOADS)[number];

const enc = encodeURIComponent;
export const recordUrls = {
  ofMeeting: (meetingId: string) => `/api/meetings/${enc(meetingId)}/record`,
  bundle: (recordId: string) => `/api/records/${enc(recordId)}`,
  verify: (recordId: string) => `/api/records/${enc(recordId)}/verify`,
  disclosures: (recordId: string) => `/api/records/${enc(recordId)}/disclosures`,
  disclosedPdf: (recordId: string) => `/api/records/${enc(recordId)}/disclosed.pdf`,
  file: (recordId: string, file: BundleDownload) => `/api/records/${enc(recordId)}/files/${file}`,
  signatures: (recordId: string) => `/api/records/${enc(recordId)}/signatures`,
  publicPage: (recordId: string) => `/v/${enc(recordId)}`,
  consolePage: (meetingId: string) => `/console/meetings/${enc(meetingId)}/record`,
};

/** A request the server answered with an error (`{ error: { code, message } }`), as opposed to no answer at all. */
export class ApiRefusal extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ApiRefusal';
  }
}

/** JSON from the API; throws ApiRefusal for an error answer and lets a network failure (TypeError) through. */
export async function requestJson<T>(url: string, init?: { method?: 'GET' | 'POST'; body?: unknown }): Promise<T> {
  const res = await fetch(url, {
    method: init?.method ?? 'GET',
    cache: 'no-store',
    headers: init?.body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = (await res.json().catch(() => null)) as (T & { error?: { code?: string; message?: string } }) | null;
  if (!res.ok || body === null) {
    throw new ApiRefusal(res.status, body?.error?.code ?? 'INTERNAL', body?.error?.message ?? res.statusText);
  }
  return body;
}
