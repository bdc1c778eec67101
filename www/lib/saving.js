// Saving and opening: the full-resolution image, the time strip, the design file and
// the share link; opening a design file or the design a share link carries. The
// pictures worth keeping are framed on the treated area: `headCrop` (DOM-free) frames
// the engine's box of where pigment can land with a margin; `exportImage` (the
// element's exportPng) and `exportPair` (the summary's before and after) render them
// in the worker, from `scene`: `{ engine, design, photo, day, t, note, releaseFace }`
// (the current engine, design, photo's sizes, day, translator, the note over the
// photo, and `releaseFace()`, which ends the idle face worker).
import { download } from './dom.js';
import { openShare } from './dialogs.js';
import { fragmentToDesign } from './share.js';
import { dayLabel } from './i18n.js';
import { healedDay } from './timeline.js';
import { exportPixelLimit } from './limits.js';

/** The margin around the treated area's box, on each side, as a share of its long side. */
export const CROP_MARGIN = 0.3;
/** The framed picture's shape is kept between these widths per height (3:4 … 16:10). */
export const CROP_ASPECT = [0.75, 1.6];
/**
 * A strip panel's long side, px, when the treated area is smaller in the preview
 * (enlarged, never beyond the original's pixels).
 */
export const PANEL_SIDE = 480;

/**
 * The head crop of a `width` × `height` photo: the treated area's `box`
 * (`[x, y, width, height]`) grown by CROP_MARGIN of its long side all round, widened
 * or heightened about its centre to a shape within CROP_ASPECT, then kept inside the
 * photo (moved back in rather than cut where the photo allows). Whole pixels:
 * `[x, y, width, height]`; the whole photo without a box.
 */
export function headCrop(box, width, height) {
  if (!box || !(box[2] > 0 && box[3] > 0)) return [0, 0, width, height];
  const [bx, by, bw, bh] = box;
  const m = CROP_MARGIN * Math.max(bw, bh);
  let w = bw + 2 * m;
  let h = bh + 2 * m;
  const [tallest, widest] = CROP_ASPECT;
  if (w / h > widest) h = w / widest;
  else if (w / h < tallest) w = h * tallest;
  w = Math.min(width, Math.ceil(w));
  h = Math.min(height, Math.ceil(h));
  const place = (centre, size, limit) =>
    Math.max(0, Math.min(limit - size, Math.round(centre - size / 2)));
  return [place(bx + bw / 2, w, width), place(by + bh / 2, h, height), w, h];
}

/**
 * How much a strip panel of a `crop` (preview pixels) is enlarged: to PANEL_SIDE on
 * its long side when smaller, but at most `limit` times (the original's pixels per
 * preview pixel), never shrunk.
 */
export function panelScale(crop, limit) {
  const side = Math.max(crop[2], crop[3]);
  return Math.max(1, Math.min(PANEL_SIDE / side, limit));
}

/** The head crop in the preview's pixels for the design `json` (the engine's treated box). */
async function framing({ engine, photo }, json) {
  const { box } = await engine.request('treatedBox', { json });
  return headCrop(box, photo.width, photo.height);
}

/**
 * A PNG blob of the current design: `kind` 'full' (default): the full-resolution photo
 * on `day`, whole or (`crop: 'head'`) framed on the treated area; 'strip': the preview
 * on `days` side by side, labelled, after the photo as it is (`before`, default true),
 * framed on the treated area (default) or whole (`crop: 'photo'`).
 */
export async function exportImage(scene, { kind = 'full', day = scene.day, days, crop, before = true } = {}) {
  const { engine, design, photo, t } = scene;
  const json = JSON.stringify(design);
  const head = (crop ?? (kind === 'strip' ? 'head' : 'photo')) === 'head';
  const frame = head ? await framing(scene, json) : null;
  if (kind !== 'strip') {
    const r = await requestExport(scene, { day, json, crop: frame });
    if (r.scale < 1) {
      const [, , fw, fh] = r.crop;
      const sizes = { size: `${r.width} × ${r.height}`, full: `${fw} × ${fh}` };
      scene.note?.show(() => scene.t('export.smaller', sizes));
    }
    return r.blob;
  }
  const list = [...(before ? [null] : []), ...(days ?? [healedDay(design), 365, 730.5, 1826])];
  const labels = list.map((d) => (d == null ? t('before') : dayLabel(t, d)));
  const scale = frame ? panelScale(frame, photo.fullWidth / photo.width) : 1;
  return (await engine.request('strip', { days: list, labels, json, crop: frame, scale })).blob;
}

/**
 * The worker's full-resolution export (`args` as its `export` request takes them), no
 * larger than this device can hold (lib/limits.js). The idle face worker's memory is
 * given back first (`releaseFace`): an export of a big photo is when a phone needs it.
 */
function requestExport({ engine, releaseFace }, args) {
  releaseFace?.();
  const maxPixels = exportPixelLimit(globalThis.navigator?.deviceMemory);
  return engine.request('export', { ...args, maxPixels });
}

/**
 * The summary's pair: the full-resolution photo framed on the treated area as it is
 * (`before`) and on `day` (`after`), PNG blobs from one decoding of the original.
 */
export async function exportPair(scene, day) {
  const json = JSON.stringify(scene.design);
  const crop = await framing(scene, json);
  const { blob, before } = await requestExport(scene, { day, json, crop, before: true });
  return { before, after: blob };
}

/**
 * Saves `kind` ('image', 'strip', 'design' or 'share'); a failure is shown, not thrown.
 * @param {string} kind
 * @param {object} o `exportPng(options)`, `design`, `day`, `t`, `stageBox` (where the
 *   share dialog shows), `signal` (the interface's), `fail(e, kept)`
 */
export async function save(kind, { exportPng, design, day, t, stageBox, signal, fail }) {
  try {
    if (kind === 'image') download(await exportPng(), `smp-preview-${Math.round(day)}d.png`);
    else if (kind === 'strip') download(await exportPng({ kind: 'strip' }), 'smp-preview-strip.png');
    else if (kind === 'design') download(designBlob(design), 'smp-design.json');
    else if (kind === 'share') await openShare(stageBox, { t, signal, design, pageUrl: location.href });
  } catch (e) {
    fail(e, true);
  }
}

/** The design as a JSON file's blob. */
export function designBlob(design) {
  return new Blob([JSON.stringify(design, null, 2)], { type: 'application/json' });
}

/**
 * Opens the design in the page's fragment, if there is one (a damaged one is
 * reported): `o` `t`, `setDesign(design)`, `fail(e, kept)`.
 */
export async function openSharedDesign(fragment, o) {
  const design = await fragmentToDesign(fragment).catch(() => undefined);
  if (design === null) return;
  await openDesign(o, () => {
    if (design === undefined) throw new Error(o.t('errors.designFile'));
    return design;
  });
}

/** Opens a design file saved by the previewer (anything else is reported); `o` as above. */
export function openDesignFile(file, o) {
  return openDesign(o, () => file.text().then(JSON.parse).catch(() => {
    throw new Error(o.t('errors.designFile'));
  }));
}

async function openDesign({ setDesign, fail }, read) {
  try {
    await setDesign(await read());
  } catch (e) {
    fail(e, true);
  }
}
