// Shared by the app's end-to-end tests (app-*.test.mjs): the app on its bald-head demo
// (www/demo/bald-head-front.jpg, previewed at its own 1334 × 1600), the places on that
// photo the tests measure, and the editing helpers they share.
import { browser, server, open, waitForRender, settle } from './harness.mjs';

/** Opens the app and waits for the demo's first frame. */
export async function app(viewport = { width: 1280, height: 800 }) {
  const page = await open(browser.context, server.url);
  await page.setViewportSize(viewport);
  await waitForRender(page, 1);
  return page;
}

export const el = 'smp-previewer';

/**
 * Switches the element to the technician's view (`mode="technician"`): the handles,
 * the editing tools and the numbers a visitor sees only after "Edit hairline" and the
 * panel's switch. The interface is rebuilt; the view and the design stay.
 */
export async function technician(page) {
  await page.evaluate((s) => document.querySelector(s).setAttribute('mode', 'technician'), el);
  await page.locator(`${el} .handle.front-pt`).first().waitFor();
  await settle(page);
}

/** A mouse drag from one page point to another. */
export async function drag(page, [x0, y0], [x1, y1], steps = 10) {
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x1, y1, { steps });
  await page.mouse.up();
}

/** The element's current design. */
export const design = (page) => page.evaluate((s) => document.querySelector(s).getDesign(), el);

// The bald demo, 1334 × 1600: midline x ≈ 645, brows y ≈ 700, 66 px/cm, top of the head
// at y ≈ 72, the head x ≈ 190..1100 at y ≈ 500, a light grey backdrop around it. The
// default design pigments the scalp above the hairline (middle at y ≈ 278) and down the
// sides to y ≈ 620; the first frame changes pixels only in x 186..1102, y 70..622.
export const W = 1334;
export const H = 1600;
/** Treated scalp around the midline, between the top of the head and the hairline. */
export const SCALP = [545, 110, 745, 230];
/** The face below the brows: never pigmented. */
export const FACE = [0, 720, W, H];
/** Backdrop beside the head and above it. */
export const BACKDROP = { left: [0, 0, 150, 700], right: [1190, 0, W, 700], above: [0, 0, W, 60] };
