/**
 * Document styles for the minutes (editor, viewers, snapshots), written by hand: the app has no
 * typography plugin. Applied to a wrapper; they reach the ProseMirror (or snapshot) HTML inside.
 */
export const minutesProse = [
  '[&_.ProseMirror]:outline-none [&_.ProseMirror]:break-words',
  '[&_h1]:mt-4 [&_h1]:mb-3 [&_h1]:text-3xl [&_h1]:font-bold [&_h1]:leading-tight',
  '[&_h2]:mt-6 [&_h2]:mb-2 [&_h2]:text-2xl [&_h2]:font-bold [&_h2]:leading-snug',
  '[&_h3]:mt-4 [&_h3]:mb-1 [&_h3]:text-xl [&_h3]:font-semibold [&_h3]:leading-snug',
  '[&_p]:my-2 [&_strong]:font-bold [&_em]:italic',
  '[&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-7 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-7 [&_li]:my-0.5 [&_li>p]:my-0',
  '[&_blockquote]:my-3 [&_blockquote]:border-l-4 [&_blockquote]:border-ink/30 [&_blockquote]:pl-4',
  '[&_hr]:my-4 [&_hr]:border-ink/30',
  '[&_.tableWrapper]:my-3 [&_.tableWrapper]:overflow-x-auto',
  '[&_table]:my-3 [&_table]:w-full [&_table]:border-collapse [&_table]:table-fixed',
  '[&_td]:border [&_td]:border-ink/50 [&_td]:px-2 [&_td]:py-1 [&_td]:align-top',
  '[&_th]:border [&_th]:border-ink/50 [&_th]:bg-civic-50 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left [&_th]:align-top [&_th]:font-semibold',
  '[&_td>p]:my-0 [&_th>p]:my-0 [&_.selectedCell]:bg-civic-100',
  // Minutes written by the server (snapshots, exports) mark facts with this class.
  '[&_.minutes-fact]:my-3 [&_.minutes-fact]:rounded-lg [&_.minutes-fact]:border [&_.minutes-fact]:border-ink/20 [&_.minutes-fact]:bg-ink/[0.04] [&_.minutes-fact]:px-4 [&_.minutes-fact]:py-2',
].join(' ');

/**
 * A writer's colour, derived from the name so it is the same on every screen and every visit.
 * All of them carry white label text at ≥ 4.5:1 (hex: the caret extension accepts only #rrggbb).
 */
const CARET_COLOURS = ['#1d4ed8', '#b91c1c', '#047857', '#7e22ce', '#c2410c', '#0e7490', '#be185d', '#4d7c0f'];

export function colourForName(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return CARET_COLOURS[h % CARET_COLOURS.length]!;
}
