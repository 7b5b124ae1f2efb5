/** Message keys of the collaborative minutes (会议记录): editor, viewers, history, console toggle. */
export const minutesZhCN = {
  // ── minutes: page (/console/meetings/[id]/minutes) ──
  'minutes.pageTitle': '会议记录',
  'minutes.link': '会议记录',
  'minutes.backToConsole': '会议控制台',
  'minutes.heading': '会议记录',
  'minutes.intro': '多位记录员可以同时编辑。灰底「系统记录」由系统自动写入（出席、表决、发言），不能修改。',
  'minutes.export.title': '导出',
  'minutes.export.md': '导出 Markdown',
  'minutes.export.html': '导出 HTML',

  // ── minutes: editor ──
  'minutes.editor.label': '会议记录正文',
  'minutes.editor.loading': '正在载入会议记录…',
  'minutes.toolbar.label': '格式',
  'minutes.toolbar.h2': '标题',
  'minutes.toolbar.h3': '小标题',
  'minutes.toolbar.bold': '加粗',
  'minutes.toolbar.bulletList': '项目列表',
  'minutes.toolbar.orderedList': '编号列表',
  'minutes.toolbar.table': '插入表格',
  'minutes.toolbar.undo': '撤销',
  'minutes.toolbar.redo': '重做',
  'minutes.sync.synced': '已同步到服务器',
  'minutes.sync.syncing': '正在同步…',
  'minutes.sync.offline': '离线编辑中：修改已保存在本机，恢复网络后自动合并',
  'minutes.locked': '会议已结束，纪要已锁定，之后的修改不会进入记录',
  'minutes.denied': '您无权查看这份会议记录，或会议记录尚未公开。',
  'minutes.presence.alone': '目前只有您在编辑',
  'minutes.presence.others': '正在编辑：',
  'minutes.fact.label': '系统记录',

  // ── minutes: history (snapshots) ──
  'minutes.history.title': '历史版本',
  'minutes.history.empty': '暂无历史版本',
  'minutes.history.error': '历史版本暂时无法载入',
  'minutes.history.refresh': '刷新',
  'minutes.history.loading': '正在载入…',
  'minutes.history.viewing': '历史版本（只读）：{label}',
  'minutes.history.close': '关闭历史版本',

  // ── minutes: read-only viewers (phone, remote, projector) ──
  'minutes.viewer.title': '会议记录',
  'minutes.viewer.show': '展开会议记录',
  'minutes.viewer.hide': '收起会议记录',
  'minutes.viewer.readOnly': '只读，内容随记录员的编辑实时更新。',
  'minutes.viewer.loading': '正在载入会议记录…',

  // ── minutes: console toggle ──
  'minutes.public.title': '会议记录',
  'minutes.public.label': '向参会人员和投影公开会议记录（只读）',
  'minutes.public.on': '已公开：居民手机、线上参会和投影可以查看。',
  'minutes.public.off': '未公开：只有记录员和主持人可以查看。',
  'minutes.public.open': '打开会议记录',
} satisfies Record<string, string>;
