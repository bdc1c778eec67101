// The element's interface: the header bar, the stage (photo, note, toolbar, status,
// errors) and the controls panel with the guide, built into the shadow root and wired
// to the controllers. A rebuild (language, units, direction, guide changed) first
// removes the old interface's listeners and observers.
//
// The host (the <smp-previewer> element) provides: `t`, `templates`, `edits`, `photos`,
// `time`, `technician`, `shadowRoot`, `direction`, `lang`, `getAttribute()`, `addEventListener()`,
// `openSummary()`, `fitToFace()`, `setDays()`, `applyAccent()`, `applyCta()`,
// `applyLogo()`; it receives `ui`, `logo`, `cta`, `sampleSelect`, `tools`, `status`,
// `errorText`, `errorBox`, `note`, `stageBox`, `controls`, `guide` and `stage`.
import { Stage } from './stage.js';
import { buildPanel } from './panel.js';
import { chartDay } from './chart.js';
import { buildBar, buildToolbar } from './toolbar.js';
import { save, openDesignFile } from './saving.js';
import { buildGuide } from './guide.js';
import { PhotoNote } from './notes.js';
import { posToDay } from './timeline.js';
import { h } from './dom.js';

/** Builds (or rebuilds) `host`'s interface. */
export function buildInterface(host) {
  const t = host.t;
  host.ui?.abort();
  host.ui = new AbortController();
  const signal = host.ui.signal;
  const { edits, photos } = host;
  const load = (blob) => photos.loadImage(blob).catch(() => {});
  const openGuide = () => { host.guide.open = true; host.guide.scrollIntoView({ block: 'start' }); };
  const { bar, logo, cta, sampleSelect } = buildBar({
    t, signal, guide: host.getAttribute('guide') !== 'off',
    on: { file: load, sample: (id) => photos.loadSample(id).catch(() => {}), summary: () => host.openSummary().catch(() => {}), guide: openGuide },
  });
  Object.assign(host, { logo, cta, sampleSelect });
  // A visitor first sees the result, clean; a technician starts editing.
  edits.editing ??= host.technician;
  const { toolbar, tools } = buildToolbar({ t, signal, brushMm: edits.brushMm, editing: edits.editing, on: edits.toolbarActions() });
  host.tools = tools;
  host.status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  host.errorText = h('p');
  host.errorBox = h('div', { class: 'error', role: 'alert', hidden: true }, host.errorText,
    h('button', { type: 'button', onclick: () => { host.errorBox.hidden = true; }, signal }, t('dismiss')));
  const viewport = h('div', { class: 'viewport', tabindex: 0, role: 'application', 'aria-label': t('stage') });
  const oldNote = host.note;
  host.note = new PhotoNote({ t, signal });
  host.note.adopt(oldNote); // the same note, in the new language
  host.stageBox = h('section', { class: 'stage', 'aria-label': t('stage') }, viewport, host.note.el, toolbar, host.status, host.errorBox);
  const { panel, c } = buildPanel({
    t, signal,
    templates: host.templates,
    on: {
      edit: (fn, o) => edits.edit(fn, o),
      template: (name) => edits.applyTemplate(name),
      coverage: (mode) => edits.coverage(mode),
      suggestShade: () => edits.suggestShade(),
      mistake: (kind) => edits.showMistake(kind),
      fit: () => host.fitToFace().catch(() => {}),
      day: (pos) => host.time.seek(pos),
      chartDay: (e) => { host.time.stop(); host.setDays(chartDay(c.chart, e, posToDay)); },
      play: () => host.time.toggle(),
      calibrate: () => edits.startCalibration(),
      save: (kind) => save(host, kind),
      load: (file) => openDesignFile(host, file),
      technician: (on) => { host.technicianOn = on; host.shadowRoot.querySelector('.app')?.classList.toggle('technician', on); },
    },
  });
  c.technician.checked = host.technician;
  host.controls = c;
  // The time, also on the stage (shown on narrow screens, where the panel is below).
  c.stageDay = h('input', { type: 'range', min: 0, max: 1000, step: 1, list: c.dayTicks.id, 'aria-label': t('day'), oninput: (e) => host.time.seek(Number(e.target.value) / 1000), signal });
  c.stageDayOut = h('strong');
  c.stagePlay = h('button', { type: 'button', class: 'play', 'aria-pressed': 'false', 'aria-label': t('play'), onclick: () => host.time.toggle(), signal }, '▶');
  viewport.after(h('div', { class: 'stage-time', dataset: { panel: 'stage-time' } }, c.stagePlay, c.stageDay, c.stageDayOut));
  panel.append(host.guide = buildGuide({ t, show: host.getAttribute('guide') }));
  host.time.attach({ controls: c, t, root: host.shadowRoot });
  const app = h('div', { class: host.technician ? 'app technician' : 'app', dir: host.direction, lang: host.lang }, bar, h('div', { class: 'main' }, host.stageBox, panel));
  host.shadowRoot.replaceChildren(app);
  host.stage = new Stage({ viewport, signal, t, on: { ...edits.stageActions(), files: (files) => load(files[0]) } });
  edits.setMode(edits.mode);
  edits.setEditing(edits.editing);
  host.addEventListener('keydown', (e) => edits.shortcut(e), { signal });
  host.addEventListener('paste', (e) => photos.paste(e), { signal });
  document.addEventListener('paste', (e) => {
    // A paste with nothing focused goes to the first previewer on the page.
    if ((document.activeElement === document.body || !document.activeElement) && document.querySelector('smp-previewer') === host) photos.paste(e);
  }, { signal });
  host.applyAccent();
  host.applyCta();
  host.applyLogo();
  photos.showCredits();
}
