// The element's interface: the header bar, the stage (photo, note, toolbar, status,
// errors) and the controls panel with the guide, built into the shadow root and wired
// to the controllers. A rebuild (language, units, direction, guide changed) first
// removes the old interface's listeners and observers (its `abort()`).
import { Stage } from './stage.js';
import { buildPanel } from './panel.js';
import { chartDay } from './chart.js';
import { buildBar, buildToolbar, showHistory } from './toolbar.js';
import { buildGuide } from './guide.js';
import { PhotoNote } from './notes.js';
import { posToDay } from './timeline.js';
import { h } from './dom.js';

/**
 * Builds the interface into `root` and returns it: `{ signal, abort(), logo, cta,
 * sampleSelect, tools, status, errorText, errorBox, note, stageBox, controls, guide,
 * stage }` (what the controllers reach through their `ui()`).
 * @param {object} o
 * @param {ShadowRoot} o.root the element's shadow root
 * @param {HTMLElement} o.element the element, where keys and pastes are listened for
 * @param {Function} o.t the translator; `lang`, `direction`: the language and text direction
 * @param {boolean} o.technician whether the technician's view shows
 * @param {string|null} o.guide the `guide` attribute (`off`, `open`)
 * @param {object[]} o.templates the engine's templates
 * @param {object|null} o.previous the interface this one replaces (its note is said again)
 * @param {object} o.edits the edit controller (edits.js)
 * @param {object} o.photos the photo controller (photos.js)
 * @param {object} o.time the time controller (time.js)
 * @param {object} o.on `summary()`, `fit()`, `setDays(n)`, `save(kind)`, `load(file)`,
 *   `technician(on)` (the panel's switch)
 */
export function buildInterface(o) {
  const { root, element, t, lang, direction, technician, templates, previous, edits, photos, time, on } = o;
  const controller = new AbortController();
  const { signal } = controller;
  const ui = { signal, abort: () => controller.abort() };
  const load = (blob) => photos.loadImage(blob).catch(() => {});
  const openGuide = () => { ui.guide.open = true; ui.guide.scrollIntoView({ block: 'start' }); };
  const { bar, logo, cta, sampleSelect } = buildBar({
    t, signal, guide: o.guide !== 'off',
    on: {
      file: load,
      sample: (id) => photos.loadSample(id).catch(() => {}),
      summary: () => on.summary().catch(() => {}),
      guide: openGuide,
    },
  });
  Object.assign(ui, { logo, cta, sampleSelect });
  // A visitor first sees the result, clean; a technician starts editing.
  edits.editing ??= technician;
  const { toolbar, tools } = buildToolbar({
    t, signal, brushMm: edits.brushMm, editing: edits.editing, on: edits.toolbarActions(),
  });
  ui.tools = tools;
  ui.status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  ui.errorText = h('p');
  ui.errorBox = h('div', { class: 'error', role: 'alert', hidden: true }, ui.errorText,
    h('button', { type: 'button', onclick: () => { ui.errorBox.hidden = true; }, signal }, t('dismiss')));
  const viewport = h('div',
    { class: 'viewport', tabindex: 0, role: 'application', 'aria-label': t('stage') });
  ui.note = new PhotoNote({ t, signal });
  ui.note.adopt(previous?.note); // the same note, in the new language
  ui.stageBox = h('section', { class: 'stage', 'aria-label': t('stage') },
    viewport, ui.note.el, toolbar, ui.status, ui.errorBox);
  const { panel, c } = buildPanel({
    t, signal, templates,
    on: {
      edit: (fn, options) => edits.edit(fn, options),
      template: (name) => edits.applyTemplate(name),
      coverage: (mode) => edits.coverage(mode),
      suggestShade: () => edits.suggestShade(),
      mistake: (kind) => edits.showMistake(kind),
      fit: () => on.fit().catch(() => {}),
      day: (pos) => time.seek(pos),
      chartDay: (e) => { time.stop(); on.setDays(chartDay(c.chart, e, posToDay)); },
      play: () => time.toggle(),
      calibrate: () => edits.startCalibration(),
      save: (kind) => on.save(kind),
      load: (file) => on.load(file),
      technician: (show) => {
        on.technician(show);
        root.querySelector('.app')?.classList.toggle('technician', show);
      },
    },
  });
  c.technician.checked = technician;
  ui.controls = c;
  // The time, also on the stage (shown on narrow screens, where the panel is below).
  c.stageDay = h('input', {
    type: 'range', min: 0, max: 1000, step: 1, list: c.dayTicks.id, 'aria-label': t('day'),
    oninput: (e) => time.seek(Number(e.target.value) / 1000), signal,
  });
  c.stageDayOut = h('strong');
  c.stagePlay = h('button', {
    type: 'button', class: 'play', 'aria-pressed': 'false', 'aria-label': t('play'),
    onclick: () => time.toggle(), signal,
  }, '▶');
  viewport.after(h('div', { class: 'stage-time', dataset: { panel: 'stage-time' } },
    c.stagePlay, c.stageDay, c.stageDayOut));
  panel.append(ui.guide = buildGuide({ t, show: o.guide }));
  time.attach({ controls: c, t, root });
  const app = h('div', { class: technician ? 'app technician' : 'app', dir: direction, lang },
    bar, h('div', { class: 'main' }, ui.stageBox, panel));
  root.replaceChildren(app);
  const files = (list) => load(list[0]);
  ui.stage = new Stage({ viewport, signal, t, on: { ...edits.stageActions(), files } });
  element.addEventListener('keydown', (e) => edits.shortcut(e), { signal });
  element.addEventListener('paste', (e) => photos.paste(e), { signal });
  document.addEventListener('paste', (e) => {
    // A paste with nothing focused goes to the first previewer on the page.
    const idle = document.activeElement === document.body || !document.activeElement;
    if (idle && document.querySelector('smp-previewer') === element) photos.paste(e);
  }, { signal });
  return ui;
}

/**
 * Shows the engine's frame `r` (frames.js): its pixels (unless the worker drew them
 * itself), the hairline's paths and handles, the skin mask's note, undo and redo.
 */
export function showFrame({ stage, status, controls, tools }, r, editor, t) {
  if (r.pixels) stage.draw(new ImageData(new Uint8ClampedArray(r.pixels), r.width, r.height), r.x, r.y);
  stage.setHairline(r.paths, editor.pointsPx());
  stage.setSelected(editor.selected);
  status.textContent = '';
  controls.skinNote.textContent = r.skin === false ? t('skinMask.none')
    : r.skin && editor.design.coverage === 'behind_hair' ? t('skinMask.hair') : '';
  showHistory(tools, editor);
}

/** Shows an error's `message` over the stage (until dismissed). */
export function showError({ errorText, errorBox, status }, message) {
  errorText.textContent = message;
  errorBox.hidden = false;
  status.textContent = '';
}
