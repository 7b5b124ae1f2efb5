/**
 * What an uploaded file is, from its first bytes — never from its name or the browser's claim, so a
 * renamed executable or an HTML page called plan.pdf is refused. One table for every upload (evidence
 * for the index, notice attachments).
 */
/** The one size limit of an uploaded file (evidence, notice attachments). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const uploadTypes = {
  'application/pdf': { ext: 'pdf', magic: [[0x25, 0x50, 0x44, 0x46]] }, // %PDF
  'image/jpeg': { ext: 'jpg', magic: [[0xff, 0xd8, 0xff]] },
  'image/png': { ext: 'png', magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
  'image/webp': { ext: 'webp', magic: [[0x52, 0x49, 0x46, 0x46]] }, // RIFF (WEBP at 8)
  // Office documents are zip containers.
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: 'docx', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { ext: 'xlsx', magic: [[0x50, 0x4b, 0x03, 0x04]] },
} as const;
export type UploadMime = keyof typeof uploadTypes;
export const uploadMimes = Object.keys(uploadTypes) as [UploadMime, ...UploadMime[]];

/** Whether the bytes begin as files of this type do (evidence: the type the browser claimed). */
export function matchesMagic(mime: UploadMime, bytes: Uint8Array): boolean {
  const ok = uploadTypes[mime].magic.some((m) => m.every((b, i) => bytes[i] === b));
  if (mime === 'image/webp') return ok && new TextDecoder().decode(bytes.slice(8, 12)) === 'WEBP';
  return ok;
}

/**
 * The type the bytes are, or null. A zip is a DOCX when it holds `word/…` and an XLSX when it holds
 * `xl/…` (the part folders of OOXML); any other zip is not accepted. The names come from the zip's
 * central directory (found through the end-of-central-directory record in the last 64 KB), which
 * every zip has — local headers may not carry sizes when the writer streamed the file.
 */
export function sniffFileType(bytes: Uint8Array): UploadMime | null {
  for (const mime of uploadMimes) {
    if (uploadTypes[mime].ext === 'docx' || uploadTypes[mime].ext === 'xlsx') continue;
    if (matchesMagic(mime, bytes)) return mime;
  }
  if (!matchesMagic('application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes)) return null;
  for (const name of zipEntryNames(bytes)) {
    if (name.startsWith('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (name.startsWith('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  }
  return null;
}

function* zipEntryNames(bytes: Uint8Array): Generator<string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let n = 0; n < entries && at + 46 <= bytes.length && view.getUint32(at, true) === 0x02014b50; n++) {
    const nameLength = view.getUint16(at + 28, true);
    yield new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
}
