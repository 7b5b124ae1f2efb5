'use client';

import { useCallback, useRef, useState } from 'react';
import { useT } from '@/components/ui/I18nProvider';
import type { CommandOutcome, MeetingConnection } from '@/components/meeting/useMeeting';
import type { CommandInput, CommandName } from '@/lib/meeting/commands';
import type { ErrorCode } from '@/lib/platform/errors';

export type Toast = { id: number; text: string };
export type RunCommand = <C extends CommandName>(
  name: C,
  input?: Partial<CommandInput<C>>,
  opts?: { silentFor?: ErrorCode[] },
) => Promise<CommandOutcome>;

/**
 * Sends a command and turns a refusal into a toast worded from `meeting.error.<code>`.
 * A caller that handles a code itself (QUORUM_NOT_MET → override form) passes it in `silentFor`.
 */
export function useCommandRunner(send: MeetingConnection['send']) {
  const t = useT();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((x) => x.id !== id)), []);

  const run: RunCommand = useCallback(async (name, input, opts) => {
    const r = await send(name, input);
    if (!r.ok && !opts?.silentFor?.includes(r.error.code)) {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-3), { id, text: t(`meeting.error.${r.error.code}`) }]);
      window.setTimeout(() => dismiss(id), 8000);
    }
    return r;
  }, [send, t, dismiss]) as RunCommand;

  return { run, toasts, dismiss };
}
