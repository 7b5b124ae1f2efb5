import sharp from 'sharp';
import { AppError } from '../platform/errors';
import { sniffFileType } from '../platform/file-type';

/** A proposal carries at most this many photos. */
export const MAX_PHOTOS = 5;
/** the longer side after resizing: enough to see a broken step or a blocked lane on any screen */
const MAX_SIDE = 1600;
/** pixels a decoder may allocate (a small file that declares a gigantic image is refused, not decoded) */
const MAX_INPUT_PIXELS = 40_000_000;

/**
 * A resident's photo as kept: the type is read from the first bytes (JPEG, PNG or WebP; anything else is
 * refused whatever its name says), then the pixels are decoded and re-encoded as a JPEG no larger than
 * 1600 px, turned upright from its EXIF orientation. Re-encoding drops everything but the pixels: EXIF
 * with the phone's GPS position, comments, and any payload hidden after the image data.
 */
export async function normalisePhoto(bytes: Uint8Array): Promise<{ data: Buffer; mimeType: 'image/jpeg'; width: number; height: number }> {
  const type = sniffFileType(bytes);
  if (type !== 'image/jpeg' && type !== 'image/png' && type !== 'image/webp') {
    throw new AppError('BAD_REQUEST', 'A photo must be a JPEG, PNG or WebP image', { field: 'photo' });
  }
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data, mimeType: 'image/jpeg', width: info.width, height: info.height };
  } catch {
    throw new AppError('BAD_REQUEST', 'This photo could not be read; take or choose another', { field: 'photo' });
  }
}
