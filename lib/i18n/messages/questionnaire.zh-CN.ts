/** 问卷式协商: words the server writes into exports (the console's and phone's pages add theirs here). */
export const questionnaireZhCN = {
  // ── questionnaire (exports) ──
  'questionnaire.export.sheet': '问卷答卷',
  'questionnaire.export.version': '问卷版本',
  'questionnaire.export.versionsSuffix': '（第{versions}版）',
} as const;
