/** 走访约谈协商: the record's words (page and PDF) and the console's and recorder's phone pages. */
export const visitsZhCN = {
  // ── visits: the record ──
  'record.visits.title': '走访约谈',
  'record.visits.question': '协商事项：{text}',
  'record.visits.counts': '计划走访 {planned} 户，已走访 {visited} 户；共记录走访 {entries} 次。',
  'record.visits.agreementCounts': '表态：{counts}',
  'record.visits.team': '走访组：{list}',
  'record.visits.teamMember': '{role} {name}',
  'record.visits.nameWithheld': '（姓名仅在工作人员的副本中列出）',
  'record.visits.householdWithheld': '住户（仅在工作人员的副本中列出）',
  'record.visits.household': '{household}（{address}），约谈对象：{metWith}，地点：{place}',
  'record.visits.unplanned': '（计划外）',
  'record.visits.entry': '{when}，{agreement}：{opinion}',
  'record.visits.noOpinion': '未留意见',
  'record.visits.conclusion': '结论：{text}',
  'record.visits.entries': '走访记录',
  'visits.agreement.agree': '同意',
  'visits.agreement.conditional': '有条件同意',
  'visits.agreement.disagree': '不同意',
  'visits.agreement.undecided': '未表态',
  'visits.role.host': '主持',
  'visits.role.recorder': '记录',
} as const;
