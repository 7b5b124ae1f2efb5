/**
 * A resident's answers kept on the phone between visits: the draft of one version (keyed by the
 * questionnaire and the version, so a new version never shows answers to questions it changed as if
 * given to it) and a copy of what was sent, for the thank-you page after a reload (an anonymous answer
 * cannot be read back from the server). localStorage may be missing or refuse (private mode, WeChat's
 * browser, a full disk): every access is guarded and the page then simply works without keeping.
 */
const PREFIX = 'yishi.questionnaire';

export const draftKey = (meetingId: string, version: number) => `${PREFIX}.${meetingId}.v${version}.draft`;
export const givenKey = (meetingId: string) => `${PREFIX}.${meetingId}.given`;

export function readStored<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Not kept: the answers still go when sent.
  }
}
