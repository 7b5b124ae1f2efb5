'use client';

import { useEffect, useState } from 'react';
import { useT } from '@/components/ui/I18nProvider';
import { PhaseSteps } from '@/components/meeting/openspace/PhaseSteps';
import { gridConflicts, liveSessions, peopleIn, rankByDots, type OpenSpace } from '@/lib/meeting/procedure/openspace/model';

/**
 * The open space on the hall screen, by phase: the marketplace filling with proposals like notes on a
 * wall; the grid of rooms × slots with how many are in each session now; the dots as bars; at the end
 * what was agreed.
 */
export function OpenSpaceBoard({ os }: { os: OpenSpace }) {
  const t = useT();
  return (
    <section aria-labelledby="proj-os" className="flex min-h-0 flex-1 flex-col gap-5">
      <div className="flex flex-wrap items-baseline gap-x-8 gap-y-3">
        <h2 id="proj-os" className="text-5xl font-bold leading-tight">{os.theme || t('meeting.os.title')}</h2>
        <PhaseSteps phase={os.phase} size="huge" />
      </div>
      {os.phase === 'marketplace' ? <Marketplace os={os} /> : null}
      {os.phase === 'sessions' ? <Grid os={os} /> : null}
      {os.phase === 'prioritising' ? <Dots os={os} /> : null}
      {os.phase === 'converged' ? <Agreed os={os} /> : null}
    </section>
  );
}

function Marketplace({ os }: { os: OpenSpace }) {
  const t = useT();
  const sessions = liveSessions(os);
  if (!sessions.length) return <p className="text-5xl font-semibold text-civic-800">{t('projector.os.proposeHint')}</p>;
  // Read from the back row: big notes while few, smaller as the wall fills; beyond what fits, a count.
  const size = sessions.length <= 9 ? { cols: 'grid-cols-3', text: 'text-3xl', max: 9 } : sessions.length <= 16 ? { cols: 'grid-cols-4', text: 'text-2xl', max: 16 } : { cols: 'grid-cols-5', text: 'text-xl', max: 24 };
  const shown = sessions.slice(-size.max);
  return (
    <>
      <p className="text-3xl text-ink-muted">{t('projector.os.market', { count: sessions.length })}</p>
      <ul className={`grid min-h-0 content-start gap-4 overflow-hidden ${size.cols}`}>
        {shown.map((x) => (
          <li key={x.id} className="rounded-2xl border-4 border-civic-800 bg-civic-50 p-4">
            <p className={`line-clamp-2 font-bold leading-snug ${size.text}`}>{x.title}</p>
            <p className="mt-1 text-2xl text-ink-muted">{x.hostName}</p>
          </li>
        ))}
      </ul>
      {sessions.length > shown.length ? <p className="text-2xl text-ink-muted">{t('projector.os.moreOnPhones', { count: sessions.length - shown.length })}</p> : null}
    </>
  );
}

/** Rooms per page of the grid: what a 1080-line screen holds at a size the back row reads. */
const GRID_ROWS = 6;
/** How long each page of a grid with more rooms stays up: nobody scrolls a projector. */
const GRID_PAGE_MS = 12_000;

function Grid({ os }: { os: OpenSpace }) {
  const t = useT();
  const sessions = liveSessions(os);
  const clashing = new Set(gridConflicts(os).filter((c) => c.kind === 'room').flatMap((c) => c.sessionIds));
  const pages = Math.max(1, Math.ceil(os.rooms.length / GRID_ROWS));
  const page = usePageCycle(pages, GRID_PAGE_MS);
  const rooms = os.rooms.slice(page * GRID_ROWS, (page + 1) * GRID_ROWS);
  const compact = os.slots.length > 4;
  return (
    <>
      <table className={`w-full table-fixed border-collapse ${compact ? 'text-xl' : 'text-2xl'}`}>
        <caption className="sr-only">{t('console.os.grid')}</caption>
        <thead>
          <tr>
            <th scope="col" className="w-48 p-2 text-left text-ink-muted">{t('console.os.room')}</th>
            {os.slots.map((s) => <th key={s.id} scope="col" className={`p-2 text-left ${compact ? 'text-2xl' : 'text-3xl'}`}>{s.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {rooms.map((r) => (
            <tr key={r.id} className="border-t-2 border-ink/15">
              <th scope="row" className={`p-2 text-left align-top ${compact ? 'text-2xl' : 'text-3xl'}`}>{r.name}</th>
              {os.slots.map((s) => (
                <td key={s.id} className="p-2 align-top">
                  {sessions.filter((x) => x.roomId === r.id && x.slotId === s.id).map((x) => (
                    <div key={x.id} className={`mb-2 rounded-xl border-2 p-2 ${clashing.has(x.id) ? 'border-warn-500' : 'border-civic-800'}`}>
                      <p className="line-clamp-2 font-bold leading-snug">{x.title}</p>
                      <p className="flex justify-between gap-2 text-xl text-ink-muted">
                        <span className="truncate">{x.hostName}</span>
                        <span className="shrink-0 font-bold text-civic-800 tabular-nums">{t('meeting.os.people', { count: peopleIn(os, x).length })}</span>
                      </p>
                    </div>
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 ? (
        <p className="flex items-center gap-3 text-2xl text-ink-muted">
          <span>{t('projector.os.gridPage', { page: page + 1, pages })}</span>
          <span className="flex gap-2" aria-hidden="true">
            {Array.from({ length: pages }, (_, i) => <span key={i} className={`size-4 rounded-full ${i === page ? 'bg-civic-800' : 'bg-ink/20'}`} />)}
          </span>
        </p>
      ) : null}
    </>
  );
}

/** The page shown now, turning every `ms` while there is more than one. */
function usePageCycle(pages: number, ms: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (pages <= 1) return;
    const id = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(id);
  }, [pages, ms]);
  return tick % pages;
}

function Dots({ os }: { os: OpenSpace }) {
  const t = useT();
  const ranked = rankByDots(os).slice(0, 8);
  const max = Math.max(1, ...ranked.map((x) => os.dotTotals[x.id] ?? 0));
  return (
    <>
      <p className="text-3xl text-ink-muted">{t('projector.os.dotsHint', { count: os.dotsPerPerson })}</p>
      <ol className="space-y-3" aria-label={t('projector.os.dots')}>
        {ranked.map((x) => {
          const n = os.dotTotals[x.id] ?? 0;
          return (
            <li key={x.id} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_6rem] items-center gap-6">
              <p className="truncate text-3xl font-semibold">{x.title}</p>
              <div className="h-10 rounded-lg bg-civic-700" style={{ width: `${(n / max) * 100}%`, minWidth: n ? '1rem' : 0 }} aria-hidden="true" />
              <p className="text-right text-4xl font-bold tabular-nums">{n}</p>
            </li>
          );
        })}
      </ol>
    </>
  );
}

function Agreed({ os }: { os: OpenSpace }) {
  const t = useT();
  return (
    <>
      <h3 className="text-4xl font-semibold text-ink-muted">{t('meeting.os.consensus', { count: os.consensus.length })}</h3>
      {os.consensus.length ? (
        <ol className="space-y-4">
          {os.consensus.map((c, i) => <li key={c.id} className="text-5xl font-bold leading-tight">{i + 1}. {c.text}</li>)}
        </ol>
      ) : <p className="text-4xl text-ink-muted">{t('meeting.os.consensusNone')}</p>}
    </>
  );
}
