import type { minutesZhCN } from './minutes.zh-CN';

export const minutesEn: Record<keyof typeof minutesZhCN, string> = {
  // ── minutes: page (/console/meetings/[id]/minutes) ──
  'minutes.pageTitle': 'Minutes',
  'minutes.link': 'Minutes',
  'minutes.backToConsole': 'Meeting console',
  'minutes.heading': 'Minutes',
  'minutes.intro': 'Several recorders can edit at the same time. Grey “system record” blocks are written by the system (attendance, votes, speakers) and cannot be changed.',
  'minutes.export.title': 'Export',
  'minutes.export.md': 'Export Markdown',
  'minutes.export.html': 'Export HTML',

  // ── minutes: editor ──
  'minutes.editor.label': 'Minutes text',
  'minutes.editor.loading': 'Loading the minutes…',
  'minutes.toolbar.label': 'Formatting',
  'minutes.toolbar.h2': 'Heading',
  'minutes.toolbar.h3': 'Subheading',
  'minutes.toolbar.bold': 'Bold',
  'minutes.toolbar.bulletList': 'Bullet list',
  'minutes.toolbar.orderedList': 'Numbered list',
  'minutes.toolbar.table': 'Insert table',
  'minutes.toolbar.undo': 'Undo',
  'minutes.toolbar.redo': 'Redo',
  'minutes.sync.synced': 'Saved to the server',
  'minutes.sync.syncing': 'Syncing…',
  'minutes.sync.offline': 'Editing offline: changes are kept on this device and merge when the network is back',
  'minutes.locked': 'The meeting has ended and the minutes are locked: later changes will not be in the record',
  'minutes.denied': 'You may not read these minutes, or they have not been made public yet.',
  'minutes.presence.alone': 'Only you are editing',
  'minutes.presence.others': 'Also editing:',
  'minutes.fact.label': 'System record',

  // ── minutes: history (snapshots) ──
  'minutes.history.title': 'Earlier versions',
  'minutes.history.empty': 'No earlier versions yet',
  'minutes.history.error': 'Earlier versions cannot be loaded right now',
  'minutes.history.refresh': 'Refresh',
  'minutes.history.loading': 'Loading…',
  'minutes.history.viewing': 'Earlier version (read-only): {label}',
  'minutes.history.close': 'Close earlier version',

  // ── minutes: read-only viewers (phone, remote, projector) ──
  'minutes.viewer.title': 'Minutes',
  'minutes.viewer.show': 'Show the minutes',
  'minutes.viewer.hide': 'Hide the minutes',
  'minutes.viewer.readOnly': 'Read-only; updates live as the recorders write.',
  'minutes.viewer.loading': 'Loading the minutes…',

  // ── minutes: console toggle ──
  'minutes.public.title': 'Minutes',
  'minutes.public.label': 'Let participants and the projector read the minutes (read-only)',
  'minutes.public.on': 'Public: residents’ phones, remote participants and the projector can read them.',
  'minutes.public.off': 'Not public: only recorders and the facilitator can read them.',
  'minutes.public.open': 'Open the minutes',
};
