import type { questionnaireZhCN } from './questionnaire.zh-CN';

export const questionnaireEn: Record<keyof typeof questionnaireZhCN, string> = {
  'questionnaire.export.sheet': 'Responses',
  'questionnaire.export.version': 'Version',
  'questionnaire.export.versionsSuffix': ' (version {versions})',
};
