import { notFound, permanentRedirect } from 'next/navigation';
import { communityBoardAt } from '@/lib/planning/board';
import { boardPath } from '@/lib/planning/board-path';
import { sharedDb } from '@/lib/platform/db/shared';
import { AppError } from '@/lib/platform/errors';

/**
 * The board of the community in the path (the board and its poster): by its code; an old /c/<id> link,
 * or the code in capitals, redirects to /c/<code>`suffix`; an unknown one is the 404 page.
 */
export async function boardOr404(segment: string, suffix = '') {
  let found;
  try {
    found = await communityBoardAt(sharedDb(), decodeURIComponent(segment));
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
  if (!found.canonical) permanentRedirect(`${boardPath(found.board.community.code)}${suffix}`);
  return found.board;
}
