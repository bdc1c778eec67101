// How large an export this device can make without its browser ending the tab, free of
// the DOM. A phone's browser ends a tab that takes too much memory and the visitor's work
// goes with it; the export of a big photo is the page's largest moment (issue 22:
// `BENCHMARKS.md`, "Memory of a big phone photo").

/**
 * Memory the page may take at its peak, as a share of the device's memory. Chrome on
 * Android ends foreground tabs well before the device is full; a quarter leaves the
 * system, the browser and the other tabs their room.
 */
export const TAB_SHARE = 1 / 4;
/**
 * Bytes of peak memory per exported pixel, measured: a 48 MP export peaks 420 MiB above
 * the idle page (the decoded original, 4 bytes a pixel, plus the preview, the face
 * worker and the bands), about 9 bytes a pixel.
 */
export const BYTES_PER_PIXEL = 9;
/**
 * The device's memory in GiB when the browser does not say (`navigator.deviceMemory`
 * is Chromium's only): a phone of 2 GiB, the low end of those that run this page.
 */
export const DEFAULT_GIB = 2;

/**
 * The most pixels an export may have on a device with `deviceMemory` GiB
 * (`navigator.deviceMemory`, or undefined).
 */
export function exportPixelLimit(deviceMemory) {
  const gib = Number.isFinite(deviceMemory) && deviceMemory > 0 ? deviceMemory : DEFAULT_GIB;
  return Math.floor((gib * 2 ** 30 * TAB_SHARE) / BYTES_PER_PIXEL);
}

/**
 * The scale (≤ 1) at which a `width` × `height` export fits `limit` pixels, with its
 * size: `{ scale, width, height }`, the same size when it fits.
 */
export function fitPixels(width, height, limit) {
  const scale = width * height > limit ? Math.sqrt(limit / (width * height)) : 1;
  if (scale === 1) return { scale, width, height };
  return {
    scale, width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)),
  };
}
