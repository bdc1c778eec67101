// The element's dialogs, shown over the stage: the two-point calibration (how far
// apart the two clicked points are) and the share link (copied if the clipboard
// allows, else shown to copy by hand).
import { h } from './dom.js';
import { designToFragment } from './share.js';

/** Default distance offered for the two points: adult pupils, about 6.3 cm apart. */
export const PUPIL_DISTANCE_CM = 6.3;

function dialog(t, label, ...children) {
  const attrs = { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-label': label };
  return h('div', attrs, h('div', {}, ...children));
}

/**
 * Asks how far apart the two calibration points are, over `parent`. `apply(cm)` gets
 * the distance and returns whether it was used (the dialog then closes); `close()`
 * runs when it closes either way.
 * @param {HTMLElement} parent
 * @param {{t: Function, signal: AbortSignal, apply: (cm: number) => boolean, close: () => void}} o
 */
export function openCalibration(parent, { t, signal, apply, close }) {
  const input = h('input', { type: 'number', min: 0.1, max: 100, step: 0.1, value: PUPIL_DISTANCE_CM });
  const done = () => { box.remove(); close(); };
  const box = dialog(t, t('scale.calibrate'),
    h('h2', {}, t('scale.calibrate')),
    h('label', { class: 'field' }, h('span', {}, t('scale.distance')), input),
    h('div', { class: 'row' },
      h('button', {
        type: 'button', class: 'primary', onclick: () => { if (apply(Number(input.value))) done(); }, signal,
      }, t('scale.apply')),
      h('button', { type: 'button', onclick: done, signal }, t('scale.cancel'))));
  parent.append(box);
  input.focus();
  return box;
}

/**
 * Makes a link to `pageUrl` carrying `design` in its fragment, copies it to the
 * clipboard if allowed and shows it over `parent`. Resolves with the link.
 * @param {HTMLElement} parent
 * @param {{t: Function, signal: AbortSignal, design: object, pageUrl: string}} o
 */
export async function openShare(parent, { t, signal, design, pageUrl }) {
  const url = new URL(pageUrl);
  url.hash = await designToFragment(design);
  let copied = false;
  try {
    await navigator.clipboard.writeText(url.href);
    copied = true;
  } catch {
    copied = false;
  }
  const text = h('textarea', { rows: 3, readonly: true }, url.href);
  const box = dialog(t, t('save.share'),
    h('p', {}, copied ? t('save.shareDone') : t('save.shareManual')),
    text,
    h('button', { type: 'button', onclick: () => box.remove(), signal }, t('save.close')));
  parent.append(box);
  text.select();
  return url.href;
}
