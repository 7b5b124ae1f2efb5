/**
 * Which livestream / conference links the remote view may embed. Only https links of video players
 * that are made to be framed are embedded; anything else (Tencent Meeting, DingTalk, a plain web page)
 * opens in its own window, because those sites refuse to be framed or need their own app.
 */
/** The players embeddableUrl may return: the pages' Content-Security-Policy lets only these be framed. */
export const EMBED_PLAYER_ORIGINS = ['https://www.youtube-nocookie.com', 'https://player.bilibili.com', 'https://player.vimeo.com', 'https://v.qq.com'] as const;

export function embeddableUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase();
  const path = url.pathname;
  const youtube = (id: string | null | undefined) =>
    id && /^[\w-]{6,20}$/.test(id) ? `https://www.youtube-nocookie.com/embed/${id}` : null;

  if (host === 'www.youtube.com' || host === 'youtube.com' || host === 'm.youtube.com' || host === 'www.youtube-nocookie.com') {
    if (path.startsWith('/embed/')) return youtube(path.split('/')[2]);
    if (path === '/watch') return youtube(url.searchParams.get('v'));
    if (path.startsWith('/live/')) return youtube(path.split('/')[2]);
    return null;
  }
  if (host === 'youtu.be') return youtube(path.slice(1));
  if (host === 'player.bilibili.com' && path === '/player.html') return url.toString();
  if (host === 'www.bilibili.com' || host === 'bilibili.com') {
    const bvid = /^\/video\/(BV[0-9A-Za-z]{10})/.exec(path)?.[1];
    return bvid ? `https://player.bilibili.com/player.html?bvid=${bvid}&autoplay=0` : null;
  }
  if (host === 'player.vimeo.com' && /^\/video\/\d+$/.test(path)) return url.toString();
  if (host === 'vimeo.com' && /^\/\d+$/.test(path)) return `https://player.vimeo.com/video${path}`;
  if (host === 'v.qq.com' && path === '/txp/iframe/player.html') return url.toString();
  return null;
}

/** Only http(s) links are offered as a button; anything else stored there is not a link to follow. */
export function openableUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}
