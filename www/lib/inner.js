// The element's inside: all the state of one <smp-previewer> and the wiring of its
// controllers, held by the element in a private field (as Ruffle's custom element
// holds its player), so a host page reaches only the element's documented API. Each
// controller is built from explicit inputs (getters and callbacks), never from the
// element; they reach the interface built (interface.js) through `ui()`. The element
// itself is used here only as an element: its attributes, style and events.
import { Engine } from './engine.js';
import { userMessage } from './errors.js';
import { updatePanel } from './panel.js';
import { DesignEditor } from './editor.js';
import { EditController } from './edits.js';
import { TimeController } from './time.js';
import { showCta, showHistory, showLogo } from './toolbar.js';
import { FrameLoop } from './frames.js';
import { openDesignFile, openSharedDesign, save } from './saving.js';
import { PhotoController } from './photos.js';
import { Samples } from './samples.js';
import { translator, pickLanguage, isRightToLeft } from './i18n.js';
import { buildInterface, showError, showFrame } from './interface.js';
import { setFacts } from './facts.js';
import { h } from './dom.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);
/** The attributes that choose the demo photo. */
const DEMO_ATTRIBUTES = ['demo-src', 'demo-head', 'sample'];

export class InnerPreviewer {
  /**
   * @param {HTMLElement} element the <smp-previewer>: its attributes, style, events
   * @param {ShadowRoot} root its shadow root
   */
  constructor(element, root) {
    const editor = new DesignEditor();
    Object.assign(this, { element, root, editor, samples: new Samples() });
    // The render engine while attached, the templates and translator once started,
    // the interface built (interface.js), the panel's "Technician's view" switch
    // (null: the `mode` attribute says).
    Object.assign(this, { engine: null, templates: null, t: null, ui: null, technicianOn: null });
    /** Settles when the first frame is drawn (`smp-ready`), or the start failed. */
    this.readiness = Promise.withResolvers();
    this.ready = this.readiness.promise;
    this.readyFired = false;
    // Nobody has to wait for `ready`: a failed start is reported as smp-error, so a
    // rejection nobody listens to must not surface as an uncaught one on the page.
    this.ready.catch(() => {});
    const ui = () => this.ui;
    const t = () => this.t;
    const engine = () => this.engine;
    const changed = () => this.afterEdit();
    const refresh = () => this.refresh();
    const render = () => this.requestRender();
    this.time = new TimeController({ render, design: () => this.design, engine });
    this.frames = new FrameLoop({
      editor, engine,
      ready: () => !!this.photo,
      day: () => this.day,
      started: () => { this.ui.status.textContent = this.t('rendering'); },
      drawn: (r, frame) => this.drawn(r, frame),
      refused: (e) => {
        this.fail(new Error(this.t('errors.design', { message: e.message })), true);
        this.refresh();
      },
    });
    this.edits = new EditController({
      editor, ui, engine, t, changed, refresh, render,
      photo: () => this.photo,
      templateDesign: (name) => this.photos.templateDesign(name),
    });
    this.photos = new PhotoController({
      editor, samples: this.samples, engine, ui, t, changed, refresh,
      templates: () => this.templates,
      template: () => element.getAttribute('template'),
      showPhoto: (imageData) => this.showPhoto(imageData),
      time: this.time,
      frames: this.frames,
      fail: (e, kept) => this.fail(e, kept),
      userError: (e) => this.userError(e),
      fitted: (detail) => this.emit('smp-fitted', detail),
      editing: () => this.edits.editing,
    });
  }

  /** The design shown (the editor holds it). */
  get design() { return this.editor.design; }
  /** The day shown, the visibility curve and the top-up plan (the time controller holds them). */
  get day() { return this.time.day; }
  get curve() { return this.time.curve; }
  get plan() { return this.time.plan; }
  /** The photo's preview and full size (the photo controller holds it). */
  get photo() { return this.photos.photo; }

  attribute(name) { return this.element.getAttribute(name); }

  /** Tells the page: a bubbling, composed event `type` from the element. */
  emit(type, detail) {
    this.element.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }

  // ---- lifecycle -------------------------------------------------------------

  connect() {
    if (this.abort) return;
    this.abort = new AbortController();
    this.started = this.start().catch((e) => this.fail(e));
  }

  disconnect() {
    // Everything the element started goes with it: listeners, worker, wasm memory.
    this.ui?.abort();
    this.abort?.abort();
    this.abort = null;
    // Whoever waits for the frame that will now never be drawn is let go.
    this.frames.cancel();
    this.time.stop();
    this.engine?.terminate();
    this.engine = null;
    this.photos.terminate();
  }

  attributeChanged(name, old, value) {
    if (!this.abort || old === value) return;
    if (name === 'accent') this.applyAccent();
    else if (name === 'cta-href' || name === 'cta-text') this.applyCta();
    else if (name === 'logo-src') this.applyLogo();
    else if (name === 'price' || name === 'currency') this.applyPricing();
    else if (name === 'mode') { this.technicianOn = null; this.edits.editing = null; this.rebuild(); }
    else if (name === 'lang' || name === 'units' || name === 'dir' || name === 'guide') this.rebuild();
    else if (name === 'template') this.queue(() => this.liveTemplate());
    else if (DEMO_ATTRIBUTES.includes(name)) this.queue(() => this.liveDemo());
  }

  get lang() {
    const own = this.attribute('lang') || this.element.closest('[lang]')?.getAttribute('lang');
    return pickLanguage(own || document.documentElement.lang || navigator.language);
  }

  /** Text direction: the element's own `dir` attribute, else its language's. */
  get direction() {
    const own = this.attribute('dir');
    return own === 'rtl' || own === 'ltr' ? own : isRightToLeft(this.lang) ? 'rtl' : 'ltr';
  }

  /** Whether the technician's view shows (the `mode` attribute, or the panel's switch). */
  get technician() { return this.technicianOn ?? this.attribute('mode') === 'technician'; }

  /** Units of displayed sizes and densities: `cm` (default) or `in`. */
  get units() { return this.attribute('units') === 'in' ? 'in' : 'cm'; }

  async start() {
    const signal = this.abort.signal;
    this.t = translator(this.lang);
    this.engine = this.newEngine();
    this.root.replaceChildren(h('div', { class: 'app' }, h('p', { class: 'hint' }, this.t('loading'))));
    // Fetch the demo photo while the worker loads the engine.
    const demo = this.photos.blob ? null : this.demo();
    demo?.catch(() => {});
    const { templates, facts } = await this.engine.request('init');
    if (signal.aborted) return;
    setFacts(facts);
    this.templates = templates;
    this.build();
    this.applyPricing();
    if (this.photos.blob) {
      // Re-attached after removal: restore the photo and design.
      const { head, pose } = this.photos;
      await this.photos.use(this.photos.blob, { keepDesign: true, head, pose });
    } else {
      const { blob, ...sample } = await demo;
      if (signal.aborted) return;
      // The page's own `template` attribute wins over the sample's style.
      await this.photos.use(blob, { ...sample, template: this.attribute('template') ?? sample.template });
    }
    if (signal.aborted) return;
    await openSharedDesign(location.hash, this.designOpener());
  }

  /** What the demo attributes say now (`demo-src`, `demo-head`, `sample`), as text. */
  demoAttributes() {
    return JSON.stringify(DEMO_ATTRIBUTES.map((a) => this.attribute(a)));
  }

  /**
   * The demo photo the attributes choose (samples.js `demo`); remembers which, so a
   * live change of them shows another only when they say another.
   */
  demo() {
    this.demoShown = this.demoAttributes();
    const [src, headText, sampleId] = JSON.parse(this.demoShown);
    return this.samples.demo({ src, headText, sampleId });
  }

  /** Runs `change` (a live attribute change) once started, after the changes before it. */
  queue(change) {
    const run = () => (this.abort && this.photo ? change() : null);
    this.changes = Promise.all([this.changes, this.started]).then(run).catch(() => {});
  }

  /** The `template` attribute changed: its style laid out on the photo (one undo step). */
  liveTemplate() {
    const name = this.attribute('template');
    if (!name || this.photos.knownTemplate(name) === this.editor.templateName) return null;
    return this.edits.applyTemplate(this.photos.knownTemplate(name));
  }

  /** `sample`, `demo-src` or `demo-head` changed: the photo they choose, the rest kept. */
  liveDemo() {
    if (this.demoAttributes() === this.demoShown) return null;
    return this.photos.show(this.demo(), { template: this.attribute('template') });
  }

  /** A render worker that, if it dies, is replaced with the current photo and design. */
  newEngine() {
    const engine = new Engine(WORKER_URL);
    engine.onfatal = () => this.recover(engine);
    return engine;
  }

  /**
   * The render worker crashed (or its wasm trapped): start a fresh one, give it the
   * current photo and design, and tell the user in a short note. Gives up, with an
   * error, after three crashes within a minute.
   */
  async recover(dead) {
    if (!this.abort || this.engine !== dead) return;
    const now = performance.now();
    this.crashes = (this.crashes ?? []).filter((t) => now - t < 60_000);
    this.crashes.push(now);
    if (this.crashes.length > 3) return this.fail(new Error(this.t('errors.crashed')));
    const signal = this.abort.signal;
    this.engine = this.newEngine();
    try {
      await this.engine.request('init');
      const { blob, head, pose, sampleId } = this.photos;
      if (signal.aborted || !blob) return;
      const design = this.design;
      await this.photos.use(blob, { keepDesign: true, head, pose, sampleId });
      if (signal.aborted) return;
      this.editor.design = design;
      this.ui.status.textContent = this.t('restarted');
    } catch (e) {
      if (!signal.aborted && !e?.fatal) this.fail(e, true);
    }
  }

  /** Rebuilds the interface (language, units, direction or guide changed), keeping all state. */
  rebuild() {
    if (!this.templates || !this.photo) return;
    this.t = translator(this.lang);
    const { before, view } = this.ui.stage;
    this.build();
    const shown = this.showPhoto(before.getContext('2d').getImageData(0, 0, before.width, before.height));
    this.ui.stage.setView(view); // the same zoom and framing in the new language
    this.refresh();
    shown.then(() => this.requestRender(), (e) => { if (!e?.fatal) this.fail(e, true); });
  }

  /**
   * Puts the photo's preview pixels on the stage; the worker draws the frames into its
   * new canvas where it can (`imageData` then goes to the worker with it, unusable here).
   */
  async showPhoto(imageData) {
    const canvas = this.ui.stage.setPhoto(imageData);
    const pixels = imageData.data.buffer;
    if (canvas) await this.engine.request('canvas', { canvas, pixels }, [canvas, pixels]);
  }

  /**
   * The frame shown (the "after" image) as ImageData: `rect` `[x, y, width, height]`
   * in the preview's pixels, default all.
   */
  async framePixels(rect = null) {
    const s = this.ui?.stage;
    if (!s?.width) throw new Error('no photo yet');
    if (s.afterCtx) return s.afterCtx.getImageData(...(rect ?? [0, 0, s.width, s.height]));
    const r = await this.engine.request('framePixels', { rect });
    return new ImageData(new Uint8ClampedArray(r.pixels), r.width, r.height);
  }

  /** Builds the interface (interface.js); a rebuild first removes the old one's listeners. */
  build() {
    const { edits, photos, time } = this;
    this.ui?.abort();
    this.ui = buildInterface({
      root: this.root, element: this.element, t: this.t, lang: this.lang, direction: this.direction,
      technician: this.technician, guide: this.attribute('guide'), templates: this.templates,
      previous: this.ui, edits, photos, time,
      on: {
        summary: () => this.element.openSummary(),
        fit: () => this.element.fitToFace(),
        setDays: (n) => this.element.setDays(n),
        save: (kind) => save(kind, this.saver()),
        load: (file) => openDesignFile(file, this.designOpener()),
        technician: (on) => { this.technicianOn = on; },
      },
    });
    edits.setMode(edits.mode);
    edits.setEditing(edits.editing);
    this.applyAccent();
    this.applyCta();
    this.applyLogo();
    photos.showCredits();
  }

  applyAccent() {
    const accent = this.attribute('accent');
    const { style } = this.element;
    if (accent && CSS.supports('color', accent)) style.setProperty('--smp-accent', accent);
    else style.removeProperty('--smp-accent');
  }

  applyCta() {
    const text = this.attribute('cta-text') || this.t('cta');
    if (this.ui) showCta(this.ui.cta, this.attribute('cta-href'), text);
  }

  applyLogo() { if (this.ui) showLogo(this.ui.logo, this.attribute('logo-src')); }

  /** Prices the plan from `price` and `currency`; a refused value is noted in the plan and reported. */
  applyPricing() {
    const refused = this.time.setPricing(this.attribute('price'), this.attribute('currency'));
    refused.forEach((e) => this.emit('smp-error', { message: this.t(e.key, e) }));
  }

  // ---- the design's display, frames, errors ----------------------------------------

  /** After an edit: shows the design, updates the visibility curve, renders. */
  afterEdit() {
    this.refresh();
    this.time.updateCurve();
    this.requestRender();
  }

  /** Sets every control, the hairline's handles and the time panel from the state. */
  refresh() {
    const { ui, design, editor } = this;
    if (!ui || !design) return;
    const { templateName } = editor;
    const photoWidth = this.photo.width;
    const { units, t: fmt, lang } = this;
    updatePanel(ui.controls, { design, templateName, units, fmt, lang, photoWidth });
    showHistory(ui.tools, editor);
    ui.stage.setHairline(ui.stage.paths, editor.pointsPx());
    this.edits.setBrush(this.edits.brushMm);
    this.time.refresh();
  }

  /** Renders when the current task ends (several requests in one task render once). */
  requestRender() { return this.frames.request(); }

  /**
   * The engine's frame `r` is shown on the stage; the page is told (and, the first
   * time, that the element is ready).
   */
  drawn(r, { day, ms, renderMs, impressions }) {
    showFrame(this.ui, r, this.editor, this.t);
    this.emit('smp-rendered', { days: day, ms, renderMs, impressions });
    if (!this.readyFired) {
      this.readyFired = true;
      this.readiness.resolve();
      this.emit('smp-ready');
    }
  }

  /** `e` in the user's words: its code's message in their language, else its own. */
  userError(e) {
    return new Error(userMessage(this.t, e));
  }

  fail(e, kept = false) {
    // Removed from the page: nothing to show, nobody to tell.
    if (!this.abort) return;
    const message = this.userError(e).message;
    if (this.ui) showError(this.ui, kept && this.photo ? `${message} ${this.t('errors.kept')}` : message);
    if (!this.readyFired) this.readiness.reject(new Error(message));
    this.emit('smp-error', { message });
  }

  // ---- for the element's API and the interface -----------------------------------

  /** Bytes of wasm memory this element's worker holds (for tests and benchmarks). */
  async memoryBytes() {
    await this.ready;
    return (await this.engine.request('memory')).bytes;
  }

  /** What saving the image, the strip or the design uses (saving.js `save`). */
  saver() {
    const { design, day, t, ui, element } = this;
    const fail = (e, kept) => this.fail(e, kept);
    const exportPng = (options) => element.exportPng(options);
    return { exportPng, design, day, t, stageBox: ui.stageBox, signal: ui.signal, fail };
  }

  /** What opening a design uses (saving.js `openDesignFile`, `openSharedDesign`). */
  designOpener() {
    const setDesign = (design) => this.element.setDesign(design);
    return { t: this.t, setDesign, fail: (e, kept) => this.fail(e, kept) };
  }
}
