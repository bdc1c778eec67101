// The element's header bar (logo, title, upload, camera, samples, summary, call to action)
// and the stage's editing toolbar (modes, brush size, points, undo/redo, zoom,
// compare, lines). Builds the DOM and reports through callbacks; the element keeps
// the state.
import { h } from './dom.js';

/** The built-in samples offered in the bar, in order. */
export const SAMPLE_IDS = ['bald-front', 'bald-crown', 'astronaut'];

/** `value` as an absolute http(s) URL (relative to the page), or null. */
export function safeHttpUrl(value, base = document.baseURI) {
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The header bar.
 * @param {{t: Function, signal: AbortSignal, guide: boolean, on: {file: (f: File) => void,
 *   sample: (id: string) => void, summary: () => void, guide: () => void}}} o
 *   `guide`: whether the guide exists (a button opens it)
 * @returns {{bar: HTMLElement, logo: HTMLImageElement, cta: HTMLAnchorElement,
 *   sampleSelect: HTMLSelectElement}}
 */
export function buildBar({ t, signal, guide = true, on }) {
  const pick = (e) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) on.file(file);
  };
  const fileInput = h('input', { type: 'file', accept: 'image/*', hidden: true, onchange: pick, signal });
  const cameraInput = h('input', {
    type: 'file', accept: 'image/*', capture: 'user', hidden: true, onchange: pick, signal,
  });
  const logo = h('img', { class: 'logo', alt: '', hidden: true });
  const sampleSelect = h('select',
    { onchange: (e) => on.sample(e.target.value), signal, 'aria-label': t('sample.try') },
    h('option', { value: '', disabled: true, hidden: true }, t('sample.own')),
    ...SAMPLE_IDS.map((id) => h('option', { value: id }, t(`sample.${id}`))));
  const cta = h('a', { class: 'cta', target: '_blank', rel: 'noopener', hidden: true });
  const bar = h('header', { class: 'bar' },
    h('div', { class: 'brand' }, logo,
      h('div', { class: 'titles' }, h('h1', {}, t('title')), h('p', { class: 'intro' }, t('intro')))),
    h('div', { class: 'actions' },
      h('button', {
        type: 'button', class: 'primary', onclick: () => fileInput.click(), signal,
        dataset: { act: 'upload' },
      }, t('upload')),
      h('button', {
        type: 'button', onclick: () => cameraInput.click(), signal, dataset: { act: 'camera' },
      }, t('camera')),
      h('label', { class: 'sample' }, h('span', {}, t('sample.try')), sampleSelect),
      h('button', {
        type: 'button', onclick: () => on.summary(), signal, dataset: { act: 'summary' },
      }, t('summary')),
      guide ? h('button', {
        type: 'button', class: 'link', onclick: () => on.guide(), signal, dataset: { act: 'guide' },
      }, t('guide.open')) : '',
      fileInput, cameraInput, cta));
  return { bar, logo, cta, sampleSelect };
}

/** Shows the call-to-action link if `href` is http(s) (a refused one is warned about). */
export function showCta(cta, href, text) {
  const url = href ? safeHttpUrl(href) : null;
  if (href && !url) {
    console.warn(`<smp-previewer>: cta-href "${href}" refused: only http(s) links are allowed`);
  }
  cta.hidden = !url;
  if (url) cta.href = url;
  else cta.removeAttribute('href');
  cta.textContent = text;
}

/** Shows the logo if `src` is an http(s) URL or an image data: URL. */
export function showLogo(logo, src) {
  const url = src ? safeHttpUrl(src) ?? (src.startsWith('data:image/') ? src : null) : null;
  logo.hidden = !url;
  if (url) logo.src = url;
}

/**
 * The stage's toolbar. Its first row is what a visitor needs while looking: "Edit
 * hairline" (shows the handles, the lines and the editing tools), undo and redo,
 * compare (before/after) and, on a narrow screen, a "More" button that shows the
 * rest (the editing modes, points, zoom) in a second row. On a wide screen every
 * tool shows and "More" is hidden.
 * @param {{t: Function, signal: AbortSignal, brushMm: number, editing: boolean, on: object}} o callbacks:
 *   mode(m), brush(mm), addPoint(), removePoint(), undo(), redo(), zoom(factor), fit(),
 *   compare(), split(fraction), edit(on)
 * @returns {{toolbar: HTMLElement, tools: object}}
 */
export function buildToolbar({ t, signal, brushMm, editing = false, on }) {
  const button = (label, onclick, attrs = {}) =>
    h('button', { type: 'button', onclick, signal, ...attrs }, label);
  // `mirror`: a direction-bound glyph (undo, redo) drawn mirrored in right-to-left text.
  const icon = (key, glyph, onclick, mirror = false) =>
    button(glyph, onclick, { 'aria-label': t(key), title: t(key), class: mirror ? 'mirror' : null });
  const mode = (m) =>
    button(t(`tools.${m}`), () => on.mode(m), { 'aria-pressed': 'false', dataset: { mode: m } });
  const tools = {
    hairline: mode('hairline'),
    brush: mode('brush'),
    erase: mode('erase'),
    brushSize: h('input', {
      type: 'range', min: 2, max: 60, step: 1, value: brushMm, 'aria-label': t('tools.brushSize'),
      oninput: (e) => on.brush(Number(e.target.value)), signal,
    }),
    addPoint: button(t('tools.addPoint'), () => on.addPoint()),
    removePoint: button(t('tools.removePoint'), () => on.removePoint()),
    undo: icon('tools.undo', '↶', () => on.undo(), true),
    redo: icon('tools.redo', '↷', () => on.redo(), true),
    zoomOut: icon('tools.zoomOut', '−', () => on.zoom(1 / 1.5)),
    zoomIn: icon('tools.zoomIn', '+', () => on.zoom(1.5)),
    fit: button(t('tools.fit'), () => on.fit()),
    compare: button(t('tools.compare'), () => toggleCompare(), { 'aria-pressed': 'false' }),
    split: h('input', {
      type: 'range', class: 'split-range', min: 0, max: 100, step: 1, value: 50, 'aria-label': t('split'),
      hidden: true, oninput: (e) => on.split(Number(e.target.value) / 100), signal,
    }),
    edit: button(t('tools.edit'), () => setEditing(tools.edit.getAttribute('aria-pressed') !== 'true', true),
      { 'aria-pressed': 'false', dataset: { act: 'edit' } }),
    more: button(t('tools.more'), () => {
      const open = tools.more.getAttribute('aria-expanded') !== 'true';
      tools.more.setAttribute('aria-expanded', String(open));
      toolbar.classList.toggle('open', open);
    }, { class: 'more', 'aria-expanded': 'false', dataset: { act: 'more' } }),
  };
  const toggleCompare = () => {
    const show = tools.compare.getAttribute('aria-pressed') !== 'true';
    tools.compare.setAttribute('aria-pressed', String(show));
    tools.split.hidden = !show;
    on.compare(show);
  };
  /** Shows or hides the handles, lines and editing tools; `tell`: report it. */
  const setEditing = (show, tell) => {
    tools.edit.setAttribute('aria-pressed', String(show));
    tools.edit.textContent = t(show ? 'tools.editDone' : 'tools.edit');
    toolbar.classList.toggle('editing', show);
    if (tell) on.edit(show);
  };
  tools.setEditing = setEditing;
  tools.brushLabel = h('label', { class: 'edit-only' },
    h('span', { class: 'sr-only' }, t('tools.brushSize')), tools.brushSize);
  for (const k of ['hairline', 'brush', 'erase', 'addPoint', 'removePoint']) {
    tools[k].classList.add('edit-only');
  }
  const sep = (cls = '') => h('span', { class: `sep ${cls}` });
  const toolbar = h('div', { class: 'tools', role: 'toolbar', 'aria-label': t('tools.label') },
    h('div', { class: 'tools-main' },
      tools.edit, sep(), tools.undo, tools.redo, sep(), tools.compare, tools.split, tools.more),
    h('div', { class: 'tools-more' },
      tools.hairline, tools.brush, tools.erase, tools.brushLabel,
      sep('edit-only'), tools.addPoint, tools.removePoint,
      sep('edit-only'), tools.zoomOut, tools.zoomIn, tools.fit));
  setEditing(editing, false);
  return { toolbar, tools };
}

/** Marks the current mode's button and shows only that mode's tools. */
export function showMode(tools, mode) {
  for (const [m, b] of Object.entries(tools)) {
    if (b.dataset?.mode) b.setAttribute('aria-pressed', String(m === mode));
  }
  const painting = mode === 'brush' || mode === 'erase';
  tools.brushLabel.hidden = !painting;
  tools.addPoint.hidden = painting;
  tools.removePoint.hidden = painting;
}

/** Enables undo and redo as far as there is something to undo or redo. */
export function showHistory(tools, { canUndo, canRedo }) {
  tools.undo.disabled = !canUndo;
  tools.redo.disabled = !canRedo;
}
