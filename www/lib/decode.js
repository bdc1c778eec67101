// Decoding a photo in the render worker: upright (EXIF orientation applied), refused
// from its header when too large, and for the preview decoded straight at a reduced
// size where the browser can, so a phone's 12–48 MP photo is never held whole while
// it is edited (the full-size pixels are decoded only for an export).
import { failure } from './errors.js';
import { imageSize } from './imagesize.js';

/** The header's size, or a refusal when the photo is over `maxPixels` or empty. */
async function checkedSize(blob, maxPixels) {
  if (!(blob instanceof Blob) || blob.size === 0) throw failure('empty', 'the file is empty');
  const size = await imageSize(blob);
  if (size && size.width * size.height > maxPixels) {
    throw failure('tooLarge', 'the photo has too many pixels');
  }
  return size;
}

/**
 * Decodes an image blob upright at its full size: `{ bitmap, width, height }`.
 * `maxPixels` is the engine's limit: larger photos are refused from their header,
 * before any pixel is decoded (and after decoding, for formats without a known header).
 */
export async function decode(blob, maxPixels) {
  await checkedSize(blob, maxPixels);
  let bitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    throw /heic|heif/i.test(blob.type)
      ? failure('heic', 'this browser cannot decode HEIC photos')
      : failure('undecodable', 'the file cannot be decoded as an image');
  }
  const { width, height } = bitmap;
  if (width * height > maxPixels) {
    bitmap.close();
    throw failure('tooLarge', 'the photo has too many pixels');
  }
  return { bitmap, width, height };
}

/** RGBA pixels (an ImageData) of `image` (a bitmap, a VideoFrame, …) drawn at `width` × `height`. */
export function pixels(image, width, height) {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}

/** A photo `width` × `height` scaled to fit `maxSide` (never enlarged). */
export function fitSide(width, height, maxSide) {
  const s = Math.min(1, maxSide / Math.max(width, height));
  return [Math.max(1, Math.round(width * s)), Math.max(1, Math.round(height * s))];
}

/**
 * A JPEG decoded by WebCodecs' ImageDecoder at the smallest of its reduced sizes (the
 * JPEG's own 1/8 … 7/8 scaled decoding, which never makes the full-size pixels) that
 * still covers `maxSide`: a VideoFrame (its rotation is the EXIF orientation, which
 * drawing it applies) and the photo's upright full size. Null where the browser has no
 * ImageDecoder, the photo needs no reduction, or the decoder did not give a usable size.
 * (`createImageBitmap` with `resizeWidth` decodes the whole photo first in Chromium.)
 */
async function reduced(blob, size, maxSide) {
  if (size?.type !== 'image/jpeg' || typeof ImageDecoder !== 'function') return null;
  const eighths = Math.ceil((8 * maxSide) / Math.max(size.width, size.height));
  if (eighths >= 8 || !(await ImageDecoder.isTypeSupported(size.type).catch(() => false))) return null;
  // Chromium decodes at the largest eighth not above the size asked for.
  const desired = (n) => Math.ceil((n * eighths) / 8);
  let decoder = null;
  let frame = null;
  try {
    decoder = new ImageDecoder({
      data: blob.stream(), type: size.type,
      desiredWidth: desired(size.width), desiredHeight: desired(size.height),
    });
    frame = (await decoder.decode()).image;
  } catch {
    frame?.close();
    return null; // the full decoding says what is wrong with the file
  } finally {
    decoder?.close();
  }
  const turned = frame.rotation === 90 || frame.rotation === 270;
  const [width, height] = turned ? [size.height, size.width] : [size.width, size.height];
  const [dw, dh] = [frame.displayWidth, frame.displayHeight];
  const [pw, ph] = fitSide(width, height, maxSide);
  // Smaller than the preview, or not the header's shape: not this way.
  if (dw < pw || dh < ph || Math.abs(dw / dh - width / height) > 0.02) {
    frame.close();
    return null;
  }
  return { frame, width, height };
}

/**
 * The photo in `blob` at the preview's size (its long side at most `maxSide`):
 * `{ data, width, height, decoded }`: an ImageData, the photo's full upright size and
 * the size it was decoded at. A large JPEG is decoded at a reduced size (`reduced`);
 * anything else in full, then scaled.
 */
export async function decodePreview(blob, maxPixels, maxSide) {
  const size = await checkedSize(blob, maxPixels);
  const small = await reduced(blob, size, maxSide);
  if (small) {
    const { frame, width, height } = small;
    try {
      const decoded = [frame.displayWidth, frame.displayHeight];
      return { data: pixels(frame, ...fitSide(width, height, maxSide)), width, height, decoded };
    } finally {
      frame.close();
    }
  }
  const { bitmap, width, height } = await decode(blob, maxPixels);
  try {
    return {
      data: pixels(bitmap, ...fitSide(width, height, maxSide)), width, height, decoded: [width, height],
    };
  } finally {
    bitmap.close();
  }
}
