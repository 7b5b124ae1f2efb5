import { notFound } from 'next/navigation';
import { communityBoard } from '@/lib/planning/board';
import { sharedDb } from '@/lib/platform/db/shared';
import { AppError } from '@/lib/platform/errors';

/** The board of the community in the path, or the 404 page for an unknown one (the board and its poster). */
export async function boardOr404(segment: string) {
  try {
    return await communityBoard(sharedDb(), decodeURIComponent(segment));
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
}
