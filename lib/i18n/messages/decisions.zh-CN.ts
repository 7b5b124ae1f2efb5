/** 决议落实 in the console: every decision of the community's filed records, its owner, deadline, progress and ratings. */
export const decisionsZhCN = {
  // ── decisions (console) ──
  'decisions.title': '决议落实',
  'decisions.link': '决议落实',
  'decisions.intro': '已归档会议记录中的每项决议都在这里跟踪：指定责任人和期限，登记进展并附照片。完成后居民可在公示栏评议。',
  'decisions.empty': '还没有需要落实的决议。会议记录归档后，其中的决议会出现在这里。',
  'decisions.filter.label': '按状态筛选',
  'decisions.filter.all': '全部（{count}）',
  'decisions.filter.status': '{status}（{count}）',
  'decisions.filter.overdue': '已逾期（{count}）',
  'decisions.filter.none': '没有符合这个筛选条件的决议。',
  'decisions.shown': '显示 {shown} 项，共 {total} 项',
  'decisions.more': '显示更多',

  // task statuses and the overdue badge
  'decisions.status.not_started': '未开始',
  'decisions.status.in_progress': '进行中',
  'decisions.status.done': '已完成',
  'decisions.status.impossible': '无法落实',
  'decisions.overdue': '已逾期',

  // one decision
  'decisions.meta.record': '会议记录',
  'decisions.meta.recordLink': '查看会议记录',
  'decisions.meta.owner': '责任人',
  'decisions.meta.deadline': '期限',
  'decisions.meta.doneAt': '完成时间',
  'decisions.meta.reason': '无法落实的原因',
  'decisions.meta.unset': '未指定',
  'decisions.history.title': '落实记录（{count}）',
  'decisions.history.empty': '还没有落实记录。',
  'decisions.history.entry': '{time} · {by}',
  'decisions.history.photo': '进展照片：{time}',

  // ratings (评议)
  'decisions.rating.title': '居民评议（{count} 人）',
  'decisions.rating.none': '还没有居民评议。',
  'decisions.rating.satisfied': '满意',
  'decisions.rating.basically_satisfied': '基本满意',
  'decisions.rating.dissatisfied': '不满意',
  'decisions.rating.count': '{label} {count} 人',
  'decisions.rating.comments': '居民意见',

  // actions
  'decisions.action.label': '决议“{title}”的操作',
  'decisions.action.plan': '指定责任人和期限',
  'decisions.action.update': '更新进展',
  'decisions.action.closed': '这项决议已结束，不再更新。',
  'decisions.plan.owner': '责任人（个人或单位）',
  'decisions.plan.deadline': '期限（当天 23:59 截止）',
  'decisions.plan.submit': '保存责任人和期限',
  'decisions.plan.done': '已保存：责任人 {owner}，期限 {deadline}。',
  'decisions.update.status': '进展状态',
  'decisions.update.note': '进展说明',
  'decisions.update.reason': '无法落实的原因（必填，居民可见）',
  'decisions.update.photo': '照片（可选，JPEG、PNG 或 WebP）',
  'decisions.update.submit': '提交进展',
  'decisions.update.done': '已登记进展：{status}。',
  'decisions.busy': '正在提交…',
  'decisions.cancel': '取消',

  // errors, next to the field they concern
  'decisions.error.owner': '请填写责任人。',
  'decisions.error.deadline': '请选择期限。',
  'decisions.error.note': '请填写进展说明（至少 2 个字）。',
  'decisions.error.reason': '选择“无法落实”时必须写明原因（至少 2 个字），居民会在公示栏看到。',
  'decisions.error.unplanned': '请先指定责任人和期限，再更新进展。',
  'decisions.error.closed': '这项决议已结束（已完成或无法落实），不能再更新。请刷新页面查看最新情况。',
  'decisions.error.photo': '照片无法读取，请选择 JPEG、PNG 或 WebP 格式的图片。',
  'decisions.error.photoTooLarge': '照片太大，请选择小一些的图片。',
  'decisions.error.photoSaved': '进展已登记，但照片没有上传成功：{message}',
} as const;
