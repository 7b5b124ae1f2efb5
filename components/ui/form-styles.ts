/** The one text-field look of the console forms (meeting console, consultation index). */
export const inputClass =
  'mt-1 block w-full rounded-lg border-2 border-ink/30 bg-white px-3 py-1.5 text-base font-normal text-ink focus:border-civic-700';
