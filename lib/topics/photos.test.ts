import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors';
import { normalisePhoto } from './photos';

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } });
const refusal = (bytes: Uint8Array) => normalisePhoto(bytes).then(() => null, (e: unknown) => e);

describe('normalisePhoto', () => {
  it('re-encodes a PNG as a JPEG', async () => {
    const png = await solid(320, 240).png().toBuffer();
    const out = await normalisePhoto(png);
    expect(out).toMatchObject({ mimeType: 'image/jpeg', width: 320, height: 240 });
    expect([...out.data.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(await sharp(out.data).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
  });

  it('re-encodes a JPEG (new bytes, same size) and a WebP', async () => {
    const jpeg = await solid(400, 300).jpeg({ quality: 100 }).toBuffer();
    const out = await normalisePhoto(jpeg);
    expect(out).toMatchObject({ mimeType: 'image/jpeg', width: 400, height: 300 });
    expect(Buffer.compare(out.data, jpeg)).not.toBe(0);
    const webp = await solid(200, 100).webp().toBuffer();
    expect(await normalisePhoto(webp)).toMatchObject({ mimeType: 'image/jpeg', width: 200, height: 100 });
  });

  it('flattens transparency onto white', async () => {
    const clear = await sharp({ create: { width: 10, height: 10, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const { data } = await sharp((await normalisePhoto(clear)).data).raw().toBuffer({ resolveWithObject: true });
    expect(Math.min(...data)).toBeGreaterThan(245);
  });

  it('strips EXIF (a phone’s GPS position) and anything appended after the image', async () => {
    const withExif = await solid(300, 200).jpeg()
      .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'P1', Copyright: 'secret-owner' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 40/1 0/1' } })
      .toBuffer();
    const payload = Buffer.from('<script>hidden payload</script>');
    const input = Buffer.concat([withExif, payload]);
    const before = await sharp(withExif).metadata();
    expect(before.exif).toBeDefined(); // the test image does carry EXIF
    expect(withExif.includes('secret-owner')).toBe(true);

    const out = await normalisePhoto(input);
    const after = await sharp(out.data).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(out.data.includes('secret-owner')).toBe(false);
    expect(out.data.includes('PhoneMaker')).toBe(false);
    expect(out.data.includes('hidden payload')).toBe(false);
  });

  it('turns a photo upright from its EXIF orientation before dropping it', async () => {
    // Stored 300×200 with orientation 6 (rotate 90° clockwise to view): upright it is 200×300.
    const sideways = await solid(300, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await normalisePhoto(sideways)).toMatchObject({ width: 200, height: 300 });
  });

  it('resizes a 3000×2000 photo to fit 1600 px, keeping the aspect ratio, and never enlarges', async () => {
    const big = await solid(3000, 2000).jpeg().toBuffer();
    const out = await normalisePhoto(big);
    expect(out).toMatchObject({ width: 1600, height: 1067 });
    expect(await sharp(out.data).metadata()).toMatchObject({ width: 1600, height: 1067 });
    const tall = await normalisePhoto(await solid(1000, 4000).png().toBuffer());
    expect(Math.max(tall.width, tall.height)).toBe(1600);
    expect(await normalisePhoto(await solid(100, 50).png().toBuffer())).toMatchObject({ width: 100, height: 50 });
  });

  it('refuses a text file named .jpg, a PDF and an empty upload', async () => {
    for (const bytes of [Buffer.from('这不是照片，只是改了扩展名的文本。'), Buffer.from('%PDF-1.4\n%%EOF\n'), new Uint8Array(0)]) {
      const err = await refusal(bytes);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'photo' } });
    }
  });

  it('refuses a truncated JPEG', async () => {
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg().toBuffer();
    const err = await refusal(jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'photo' } });
  });

  it('refuses a file with a JPEG’s first bytes and garbage after them', async () => {
    const err = await refusal(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x41)]));
    expect(err).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses a decompression bomb: a small PNG declaring 8000×8000 pixels', async () => {
    const bomb = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: '#ffffff' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(1024 * 1024); // small on the wire: the danger is the decoded size
    const err = await refusal(bomb);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'photo' } });
  });

  it('still takes a large real photo under the pixel limit (6000×4000, a 24 MP phone)', async () => {
    const out = await normalisePhoto(await solid(6000, 4000).jpeg().toBuffer());
    expect(out).toMatchObject({ width: 1600, height: 1067 });
  });
});
