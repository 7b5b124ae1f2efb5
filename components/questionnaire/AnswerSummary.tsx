'use client';

import { useT } from '@/components/ui/I18nProvider';
import { questionsOf } from '@/lib/questionnaire/answer-rules';
import type { Answers } from '@/lib/questionnaire/answers';
import type { Definition } from '@/lib/questionnaire/definition';

/** The answers a resident gave, question by question, in words (option labels, a ranking as "1. … 2. …"). */
export function AnswerSummary({ definition, answers }: { definition: Definition; answers: Answers }) {
  const t = useT();
  return (
    <dl className="mt-2 space-y-3">
      {questionsOf(definition).map((q) => {
        const v = answers[q.id];
        const label = (id: string) => ('options' in q ? q.options.find((o) => o.id === id)?.label ?? id : id);
        const text = v === undefined ? t('questionnairePhone.thanks.skipped')
          : q.kind === 'ranking' && Array.isArray(v) ? v.map((id, i) => `${i + 1}. ${label(id)}`).join('  ')
          : Array.isArray(v) ? v.map(label).join('、')
          : typeof v === 'number' ? t('questionnairePhone.thanks.score', { score: v })
          : q.kind === 'single' ? label(v) : v;
        return (
          <div key={q.id} className="rounded-xl border border-ink/15 bg-white p-3">
            <dt className="text-lg font-semibold">{q.title}</dt>
            <dd className="mt-1 whitespace-pre-line break-words text-lg">{text}</dd>
          </div>
        );
      })}
    </dl>
  );
}
