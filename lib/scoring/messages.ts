/**
 * Texts for the scoring explanations and warnings (zh-CN first, en typed against it). These are data for
 * the message catalogue in lib/i18n/messages: the UI spreads both objects in there and translates the
 * `{ key, params }` pairs the engine returns. Before translating, the UI replaces an `indicator` param
 * (an indicator id) by that indicator's text from the catalogue. `window` is a label like `2026-Q2`,
 * `deadline` a Shanghai date (YYYY-MM-DD), `percent`/`target` whole percents, `title` a meeting title.
 */
export const scoringZhCN = {
  // ── tiers ──
  'scoring.tier.basic': '基础指标',
  'scoring.tier.advanced': '进阶指标',
  'scoring.tier.featured': '特色指标',
  'scoring.grade.none': '不评级',

  // ── explanation: what was found ──
  'scoring.part.windows.month': '{due} 个月中有 {covered} 个月达到每月至少 {atLeast} 次',
  'scoring.part.windows.quarter': '{due} 个季度中有 {covered} 个季度达到每季度至少 {atLeast} 次',
  'scoring.part.windows.half_year': '{due} 个半年中有 {covered} 个达到每半年至少 {atLeast} 次',
  'scoring.part.intakePaths': '议题来自 {have} 条征集路径（满分需 {need} 条）',
  'scoring.part.topics': '收集议题 {count} 条（满分需 {need} 条）',
  'scoring.part.share': '符合要求 {hits}/{total}，占 {percent}%（满分线 {target}%）',
  'scoring.part.attendance': '{records} 次会议平均出席率 {percent}%（满分线 {target}%）',
  'scoring.part.distinct.form': '开展了 {have} 种协商形式（满分需 {need} 种）',
  'scoring.part.distinct.type': '开展了 {have} 种协商类型（满分需 {need} 种）',
  'scoring.part.distinct.level': '覆盖了 {have} 个协商层级（满分需 {need} 个）',
  'scoring.part.count': '已归档会议记录 {count} 份（满分需 {need} 份）',
  'scoring.part.notDue': '另有 {count} 项尚未到期，暂不计入',
  'scoring.part.escalated': '{topics} 个议题逐级上报 {count} 次，每次有理由',
  'scoring.part.satisfaction': '{decisions} 项决议收到居民评价 {count} 条，满意和基本满意占 {percent}%（满分线 {target}%）',
  'scoring.part.assessed': '已采纳材料，评定得分比例 {percent}%',
  'scoring.part.creditIgnored': '该指标不设部分得分，采纳即得满分',

  // ── explanation: what is lacking ──
  'scoring.missing.periodNotStarted': '考核期尚未开始',
  'scoring.missing.window': '{window}：没有符合条件的已归档会议记录',
  'scoring.missing.noRecords': '没有符合条件的已归档会议记录',
  'scoring.missing.noneDue': '符合条件的事项均未到期',
  'scoring.missing.intakePaths': '还需 {more} 条议题征集路径',
  'scoring.missing.topics': '还需收集 {more} 条议题',
  'scoring.missing.records': '还需 {more} 份符合条件的会议记录',
  'scoring.missing.distinct.form': '还需开展 {more} 种协商形式',
  'scoring.missing.distinct.type': '还需开展 {more} 种协商类型',
  'scoring.missing.distinct.level': '还需覆盖 {more} 个协商层级',
  'scoring.missing.share': '达标比例 {percent}%，低于满分线 {target}%',
  'scoring.missing.attendance': '平均出席率 {percent}%，低于满分线 {target}%',
  'scoring.missing.lateNotice': '「{title}」公告不足 {days} 天',
  'scoring.missing.resultsLate': '「{title}」结果未在 {days} 天内公布',
  'scoring.missing.noDecision': '「{title}」未形成决议',
  'scoring.missing.followUp': '「{title}」的决议「{decision}」超过 {days} 天无落实跟踪记录',
  'scoring.missing.unregistered': '「{title}」所议事项未登记到社区议题台账',
  'scoring.missing.noRatings': '还没有居民对已落实的决议作出评价',
  'scoring.missing.satisfaction': '满意和基本满意占 {percent}%，低于满分线 {target}%',
  'scoring.missing.ratings': '还需 {more} 条居民评价',
  'scoring.missing.filedLate': '「{title}」未在会后 {days} 天内归档',
  'scoring.missing.noUpload': '尚未上传佐证材料',
  'scoring.missing.uploadPending': '{count} 份材料待审核',
  'scoring.missing.uploadRejected': '{count} 份材料未通过审核',
  'scoring.missing.partialCredit': '材料只获部分认可（{percent}%）',

  // ── warnings (短板预警) ──
  'scoring.warning.lowScore': '{indicator} 仅得 {earned}/{points} 分，考核期已过 {elapsed}%',
  'scoring.warning.noSessionThisQuarter': '第 {quarter} 季度尚未召开{indicator}要求的会议，本季度还剩 {daysLeft} 天',
  'scoring.warning.resultsDueSoon': '「{title}」的结果须在 {daysLeft} 天内公布',
  'scoring.warning.resultsOverdue': '「{title}」的结果已超过公布期限',
  'scoring.warning.followUpOverdue': '「{title}」的决议会后超过 {days} 天仍无落实跟踪记录',
  'scoring.warning.decisionOverdue': '「{title}」的决议已过落实期限（{deadline}），尚未完成',
  'scoring.warning.evidencePending': '{indicator} 有 {count} 份材料待审核，最早的已等待 {days} 天',
  'scoring.warning.recordUnverified': '「{title}」的会议记录签名未通过校验，不计入测评',

  // ── next steps ──
  'scoring.next.lowScore.automatic': '查看该指标的缺项，按要求开展并归档协商会议',
  'scoring.next.lowScore.assessed': '上传该指标要求的佐证材料',
  'scoring.next.scheduleSession': '在本季度结束前召开并归档一次会议',
  'scoring.next.publishResults': '公布会议结果并在平台登记公布时间',
  'scoring.next.recordFollowUp': '登记决议的落实情况',
  'scoring.next.askReview': '请街道或区级评审人员审核材料',
  'scoring.next.checkRecord': '重新生成并签署会议记录，或联系平台管理员',
} as const;

export type ScoringMessageKey = keyof typeof scoringZhCN;

export const scoringEn: Record<ScoringMessageKey, string> = {
  // ── tiers ──
  'scoring.tier.basic': 'Basic',
  'scoring.tier.advanced': 'Advanced',
  'scoring.tier.featured': 'Featured',
  'scoring.grade.none': 'Not graded',

  // ── explanation: what was found ──
  'scoring.part.windows.month': '{covered} of {due} months had at least {atLeast}',
  'scoring.part.windows.quarter': '{covered} of {due} quarters had at least {atLeast}',
  'scoring.part.windows.half_year': '{covered} of {due} half-years had at least {atLeast}',
  'scoring.part.intakePaths': 'Topics came through {have} intake paths (full marks need {need})',
  'scoring.part.topics': '{count} topics raised (full marks need {need})',
  'scoring.part.share': '{hits} of {total} qualify, {percent}% (full marks at {target}%)',
  'scoring.part.attendance': 'Average attendance over {records} meetings: {percent}% (full marks at {target}%)',
  'scoring.part.distinct.form': '{have} consultation forms used (full marks need {need})',
  'scoring.part.distinct.type': '{have} consultation types used (full marks need {need})',
  'scoring.part.distinct.level': '{have} consultation levels covered (full marks need {need})',
  'scoring.part.count': '{count} filed records (full marks need {need})',
  'scoring.part.notDue': '{count} more not due yet, not counted',
  'scoring.part.escalated': '{topics} topics escalated {count} times, each with a reason',
  'scoring.part.satisfaction': '{count} residents’ ratings of {decisions} decisions, {percent}% satisfied or fairly satisfied (full marks at {target}%)',
  'scoring.part.assessed': 'Material accepted, credited at {percent}%',
  'scoring.part.creditIgnored': 'No partial credit for this indicator: accepted means full marks',

  // ── explanation: what is lacking ──
  'scoring.missing.periodNotStarted': 'The assessment period has not started',
  'scoring.missing.window': '{window}: no qualifying filed record',
  'scoring.missing.noRecords': 'No qualifying filed record',
  'scoring.missing.noneDue': 'Nothing qualifying is due yet',
  'scoring.missing.intakePaths': '{more} more intake paths needed',
  'scoring.missing.topics': '{more} more topics needed',
  'scoring.missing.records': '{more} more qualifying records needed',
  'scoring.missing.distinct.form': '{more} more consultation forms needed',
  'scoring.missing.distinct.type': '{more} more consultation types needed',
  'scoring.missing.distinct.level': '{more} more consultation levels needed',
  'scoring.missing.share': '{percent}% qualify, below the full-marks line of {target}%',
  'scoring.missing.attendance': 'Average attendance {percent}%, below the full-marks line of {target}%',
  'scoring.missing.lateNotice': '“{title}” was announced less than {days} days ahead',
  'scoring.missing.resultsLate': '“{title}”: results not published within {days} days',
  'scoring.missing.noDecision': '“{title}” reached no decision',
  'scoring.missing.followUp': '“{title}”: no follow-up recorded on its decision “{decision}” after {days} days',
  'scoring.missing.unregistered': '“{title}”: its matter is not on the community’s topic register',
  'scoring.missing.noRatings': 'No resident has rated a decision carried out yet',
  'scoring.missing.satisfaction': 'Satisfied and fairly satisfied: {percent}%, below full marks at {target}%',
  'scoring.missing.ratings': '{more} more residents’ ratings needed',
  'scoring.missing.filedLate': '“{title}” was not filed within {days} days of closing',
  'scoring.missing.noUpload': 'No material uploaded yet',
  'scoring.missing.uploadPending': '{count} uploads awaiting review',
  'scoring.missing.uploadRejected': '{count} uploads rejected',
  'scoring.missing.partialCredit': 'Material only partly accepted ({percent}%)',

  // ── warnings (短板预警) ──
  'scoring.warning.lowScore': '{indicator}: only {earned} of {points} points with {elapsed}% of the period gone',
  'scoring.warning.noSessionThisQuarter': 'No meeting yet in Q{quarter} for {indicator}; {daysLeft} days left in the quarter',
  'scoring.warning.resultsDueSoon': '“{title}”: results must be published within {daysLeft} days',
  'scoring.warning.resultsOverdue': '“{title}”: results are past their publication deadline',
  'scoring.warning.followUpOverdue': '“{title}”: no follow-up recorded on its decision {days} days after the meeting',
  'scoring.warning.decisionOverdue': '“{title}”: its decision is past its deadline ({deadline}) and not carried out',
  'scoring.warning.evidencePending': '{indicator}: {count} uploads awaiting review, the oldest for {days} days',
  'scoring.warning.recordUnverified': '“{title}”: the record’s signatures did not verify, so it does not count',

  // ── next steps ──
  'scoring.next.lowScore.automatic': 'See what the indicator lacks, then hold and file the meetings it asks for',
  'scoring.next.lowScore.assessed': 'Upload the material this indicator asks for',
  'scoring.next.scheduleSession': 'Hold and file a meeting before the quarter ends',
  'scoring.next.publishResults': 'Publish the results and record the publication on the platform',
  'scoring.next.recordFollowUp': 'Record how the decision is being carried out',
  'scoring.next.askReview': 'Ask the street or district assessors to review the material',
  'scoring.next.checkRecord': 'Rebuild and sign the record again, or contact the platform administrator',
};

export type MessageParams = Record<string, string | number>;

/** A message the UI translates: a key of the catalogue above and its placeholder values. */
export type ScoringMessage = { key: ScoringMessageKey; params: MessageParams };

export const message = (key: ScoringMessageKey, params: MessageParams = {}): ScoringMessage => ({ key, params });
