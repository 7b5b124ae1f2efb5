// What every meeting benchmark starts from: a scratch SQLite database with a community of `members`, one
// meeting, and the real server on it (production mode, its own process); and the members' phones joined
// by their cards, a hundred at a time.
import { createDb } from '../lib/platform/db/client';
import { applyMigrations } from '../lib/platform/db/migrate';
import { postJson } from '../scripts/protocol-client';
import { makeCommunity, makeMeeting } from '../tests/factories/community';
import { scratchSqlite } from '../tests/support/databases';
import { startServer } from '../tests/support/server';

export async function startBenchMeeting(members: number) {
  const scratch = await scratchSqlite();
  await applyMigrations(scratch.url);
  const db = createDb(scratch.url);
  const community = await makeCommunity(db, { members });
  const meeting = await makeMeeting(db, community);
  await db.$disconnect();
  // BENCH_PORT: a fixed port, where benchmarks share a machine with other servers (else any free one).
  const server = await startServer({ databaseUrl: scratch.url, env: { NODE_ENV: 'production' }, ...(process.env.BENCH_PORT ? { port: Number(process.env.BENCH_PORT) } : {}) });
  return {
    scratch, community, meeting, server,
    async stop() {
      await server.stop();
      await scratch.drop();
    },
  };
}

/** A participant token for each card, in roster order. */
export async function joinByCards(baseUrl: string, joinCode: string, cardTokens: readonly string[]): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < cardTokens.length; i += 100) {
    const rs = await Promise.all(cardTokens.slice(i, i + 100).map((cardToken) => postJson(`${baseUrl}/api/join`, { via: 'card', joinCode, cardToken })));
    for (const r of rs) {
      if (r.status !== 200) throw new Error(`join failed (${r.status}): ${JSON.stringify(r.body)}`);
      tokens.push(r.body.participantToken as string);
    }
  }
  return tokens;
}
