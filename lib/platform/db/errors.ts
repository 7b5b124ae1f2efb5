import { Prisma } from './generated/sqlite/client.ts';

/**
 * True when a write broke a unique constraint (e.g. a second PollParticipation for the same seat).
 * Both adapters report it as Prisma's P2002, and both generated clients share one runtime error class,
 * so this one check covers SQLite and PostgreSQL.
 */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';
}
