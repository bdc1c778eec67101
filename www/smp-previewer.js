// <smp-previewer>: the SMP previewer as a custom element with a shadow root.
//
//   <script type="module" src="smp-previewer.js"></script>
//   <smp-previewer template="soft-natural" accent="#0f766e" cta-href="https://…"></smp-previewer>
//
// Attributes: sample (bald-front|bald-crown|astronaut), demo-src, demo-head
// ("centerX,browY,pxPerCm[,halfWidthCm,topCm,widestCm[,foreshortening]]"), template (docs/templates.md),
// accent, logo-src, cta-href, cta-text, lang, units (cm|in), guide (off|open); slot: guide;
// clinic (its name), price and currency (the cost plan). Methods: loadImage(blob),
// loadSample(id), fitToFace(), getDesign(), setDesign(obj), setDays(n), exportPng(options), openSummary().
// Events (bubbling, composed): smp-ready, smp-rendered {days, ms}, smp-error {message},
// smp-fitted {design, head, summary, score, ms}.
// Rendering runs in a worker; the photo never leaves the device. This file is the thin
// part that wires the modules of lib/ (README's www table says which holds what): the
// lifecycle, the attributes, errors and the public API.
import { Engine } from './lib/engine.js';
import { updatePanel } from './lib/panel.js';
import { DesignEditor } from './lib/editor.js';
import { EditController } from './lib/edits.js';
import { TimeController } from './lib/time.js';
import { showCta, showHistory, showLogo } from './lib/toolbar.js';
import { FrameLoop } from './lib/frames.js';
import { exportImage, openSharedDesign } from './lib/saving.js';
import { PhotoController } from './lib/photos.js';
import { styleSheet } from './lib/styles.js';
import { openSummary } from './lib/summary.js';
import { translator, pickLanguage, isRightToLeft } from './lib/i18n.js';
import { buildInterface } from './lib/interface.js';
import { horizonDays } from './lib/timeline.js';
import { setFacts } from './lib/facts.js';
import { h } from './lib/dom.js';

const WORKER_URL = new URL('./lib/worker.js', import.meta.url);
const clone = (o) => JSON.parse(JSON.stringify(o));
const emit = (el, type, detail) => el.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));

export class SmpPreviewer extends HTMLElement {
  static observedAttributes = ['accent', 'cta-href', 'cta-text', 'currency', 'dir', 'guide', 'lang', 'logo-src', 'mode', 'price', 'template', 'units', 'demo-src', 'demo-head', 'sample'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.shadowRoot.adoptedStyleSheets = [styleSheet()];
    this.editor = new DesignEditor();
    this.time = new TimeController({ render: () => this.requestRender(), design: () => this.design, engine: () => this.engine });
    this.edits = new EditController(this);
    this.photos = new PhotoController(this);
    this.frames = new FrameLoop({
      editor: this.editor,
      engine: () => this.engine,
      ready: () => !!this.photo,
      day: () => this.day,
      started: () => { this.status.textContent = this.t('rendering'); },
      drawn: (r, frame) => this.drawn(r, frame),
      refused: (e) => {
        this.fail(new Error(this.t('errors.design', { message: e.message })), true);
        this.refresh();
      },
    });
    this.readyFired = false;
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // Nobody has to wait for `ready`: a failed start is reported as smp-error, so a
    // rejection nobody listens to must not surface as an uncaught one on the page.
    this.ready.catch(() => {});
  }

  /** The design shown (the editor holds it). */
  get design() { return this.editor.design; }
  set design(d) { this.editor.design = d; }
  /** The day shown, the visibility curve and the top-up plan (the time controller holds them). */
  get day() { return this.time.day; }
  set day(d) { this.time.day = d; }
  get curve() { return this.time.curve; }
  get plan() { return this.time.plan; }
  /** The photo's preview and full size (the photo controller holds it). */
  get photo() { return this.photos.photo; }

  // ---- lifecycle -------------------------------------------------------------

  connectedCallback() {
    if (this.abort) return;
    this.abort = new AbortController();
    this.start().catch((e) => this.fail(e));
  }

  disconnectedCallback() {
    // Everything the element started goes with it: listeners, worker, wasm memory.
    this.ui?.abort();
    this.ui = null;
    this.abort?.abort();
    this.abort = null;
    // Whoever waits for the frame that will now never be drawn is let go.
    this.frames.cancel();
    this.time.stop();
    this.engine?.terminate();
    this.engine = null;
    this.photos.terminate();
  }

  attributeChangedCallback(name, old, value) {
    if (!this.abort || old === value) return;
    if (name === 'accent') this.applyAccent();
    else if (name === 'cta-href' || name === 'cta-text') this.applyCta();
    else if (name === 'logo-src') this.applyLogo();
    else if (name === 'price' || name === 'currency') this.applyPricing();
    else if (name === 'mode') { this.technicianOn = null; this.edits.editing = null; this.rebuild(); }
    else if (name === 'lang' || name === 'units' || name === 'dir' || name === 'guide') this.rebuild();
  }

  get lang() {
    return pickLanguage(this.getAttribute('lang') || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || navigator.language);
  }

  /** Text direction: the element's own `dir` attribute, else its language's. */
  get direction() {
    const own = this.getAttribute('dir');
    if (own === 'rtl' || own === 'ltr') return own;
    return isRightToLeft(this.lang) ? 'rtl' : 'ltr';
  }

  /** Whether the technician's view shows (the `mode` attribute, or the panel's switch). */
  get technician() { return this.technicianOn ?? this.getAttribute('mode') === 'technician'; }

  /** Units of displayed sizes and densities: `cm` (default) or `in`. */
  get units() { return this.getAttribute('units') === 'in' ? 'in' : 'cm'; }

  async start() {
    const signal = this.abort.signal;
    this.t = translator(this.lang);
    this.engine = this.newEngine();
    this.shadowRoot.replaceChildren(h('div', { class: 'app' }, h('p', { class: 'hint' }, this.t('loading'))));
    // Fetch the demo photo while the worker loads the engine.
    const demo = this.photos.blob ? null : this.photos.samples.demo({ src: this.getAttribute('demo-src'), headText: this.getAttribute('demo-head'), sampleId: this.getAttribute('sample') });
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
      await this.photos.use(blob, { ...sample, template: this.getAttribute('template') ?? sample.template });
    }
    if (signal.aborted) return;
    await openSharedDesign(this, location.hash);
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
      this.design = design;
      this.status.textContent = this.t('restarted');
    } catch (e) {
      if (!signal.aborted && !e?.fatal) this.fail(e, true);
    }
  }

  /** Rebuilds the interface (language, units, direction or guide changed), keeping all state. */
  rebuild() {
    if (!this.templates || !this.photo) return;
    this.t = translator(this.lang);
    const { before, view } = this.stage ?? {};
    this.build();
    const shown = this.showPhoto(before.getContext('2d').getImageData(0, 0, before.width, before.height));
    this.stage.setView(view); // the same zoom and framing in the new language
    this.refresh();
    shown.then(() => this.requestRender(), (e) => { if (!e?.fatal) this.fail(e, true); });
  }

  /**
   * Puts the photo's preview pixels on the stage; the worker draws the frames into its
   * new canvas where it can (`imageData` then goes to the worker with it, unusable here).
   */
  async showPhoto(imageData) {
    const canvas = this.stage.setPhoto(imageData);
    const pixels = imageData.data.buffer;
    if (canvas) await this.engine.request('canvas', { canvas, pixels }, [canvas, pixels]);
  }

  /** The frame shown (the "after" image) as ImageData: `rect` `[x, y, width, height]` in the preview's pixels, default all. */
  async framePixels(rect = null) {
    const s = this.stage;
    if (!s?.width) throw new Error('no photo yet');
    if (s.afterCtx) return s.afterCtx.getImageData(...(rect ?? [0, 0, s.width, s.height]));
    const r = await this.engine.request('framePixels', { rect });
    return new ImageData(new Uint8ClampedArray(r.pixels), r.width, r.height);
  }

  /** Builds the interface (lib/interface.js); a rebuild first removes the old one's listeners. */
  build() { buildInterface(this); }

  // ---- attributes ------------------------------------------------------------

  applyAccent() {
    const accent = this.getAttribute('accent');
    if (accent && CSS.supports('color', accent)) this.style.setProperty('--smp-accent', accent);
    else this.style.removeProperty('--smp-accent');
  }

  applyCta() { if (this.cta) showCta(this.cta, this.getAttribute('cta-href'), this.getAttribute('cta-text') || this.t('cta')); }

  applyLogo() { if (this.logo) showLogo(this.logo, this.getAttribute('logo-src')); }

  /** Prices the plan from `price` and `currency`; a refused value is noted in the plan and reported. */
  applyPricing() { this.time.setPricing(this.getAttribute('price'), this.getAttribute('currency')).forEach((e) => emit(this, 'smp-error', { message: this.t(e.key, e) })); }

  // ---- design and its display ----------------------------------------------------

  /** After an edit: shows the design, updates the visibility curve, renders. */
  afterEdit() {
    this.refresh();
    this.time.updateCurve();
    this.requestRender();
  }

  /** Sets every control, the hairline's handles and the time panel from the state. */
  refresh() {
    if (!this.controls || !this.design) return;
    updatePanel(this.controls, { design: this.design, templateName: this.editor.templateName, units: this.units, fmt: this.t, lang: this.lang, photoWidth: this.photo.width });
    showHistory(this.tools, this.editor);
    this.stage.setHairline(this.stage.paths, this.editor.pointsPx());
    this.edits.setBrush(this.edits.brushMm);
    this.time.refresh();
  }

  // ---- rendering (lib/frames.js) ---------------------------------------------------

  /** Renders when the current task ends (several requests in one task render once). */
  requestRender() { return this.frames.request(); }

  /** The engine's frame `r`: shown on the stage, then told about (`rendered`). */
  drawn(r, frame) {
    const { stage, editor, t } = this;
    if (r.pixels) stage.draw(new ImageData(new Uint8ClampedArray(r.pixels), r.width, r.height), r.x, r.y);
    stage.setHairline(r.paths, editor.pointsPx());
    stage.setSelected(editor.selected);
    this.status.textContent = '';
    this.controls.skinNote.textContent = r.skin === false ? t('skinMask.none')
      : r.skin && editor.design.coverage === 'behind_hair' ? t('skinMask.hair') : '';
    showHistory(this.tools, editor);
    this.rendered(frame);
  }

  /** A frame was drawn: tell the page (and, the first time, that the element is ready). */
  rendered({ day, ms, renderMs, impressions }) {
    this.lastFrame = { day, ms, renderMs, impressions };
    emit(this, 'smp-rendered', { days: day, ms, renderMs, impressions });
    if (!this.readyFired) {
      this.readyFired = true;
      this.resolveReady();
      emit(this, 'smp-ready');
    }
  }

  // ---- errors --------------------------------------------------------------------

  userError(e) {
    const key = e?.message ?? String(e);
    const known = e?.userFacing || key.startsWith('errors.');
    return new Error(known ? this.t(key) : key);
  }

  fail(e, kept = false) {
    // Removed from the page: nothing to show, nobody to tell.
    if (!this.abort) return;
    const message = this.userError(e).message;
    if (this.errorBox) {
      this.errorText.textContent = kept && this.photo ? `${message} ${this.t('errors.kept')}` : message;
      this.errorBox.hidden = false;
      this.status.textContent = '';
    }
    if (!this.readyFired) this.rejectReady?.(new Error(message));
    emit(this, 'smp-error', { message });
  }

  // ---- public API ------------------------------------------------------------------

  /** Render workers alive on this page (each element has one while it is attached). */
  static get workerCount() { return Engine.live; }

  /**
   * Loads a photo (Blob or File) and fits the style to the face in it. On failure
   * the previous photo and design stay, the message is shown, and the promise rejects.
   */
  loadImage(blob) {
    return this.photos.loadImage(blob);
  }

  /** Switches to the built-in sample `id` (`bald-front`, `bald-crown`, `astronaut`). */
  loadSample(id) {
    return this.photos.loadSample(id);
  }

  /**
   * Fits the current photo: the face (if any), the person and their own hair; the
   * style laid out on the head, pigment kept on bare scalp. Resolves with the fitted
   * design (one undo step brings the previous one back); rejects, keeping the
   * design, only when no person is in the photo.
   */
  fitToFace(options) {
    return this.photos.fitToFace(options);
  }

  /** Shows the design as it looks `n` days after the first session. */
  setDays(n) {
    const day = Number(n);
    if (!Number.isFinite(day)) return Promise.reject(new RangeError('setDays: not a number'));
    return this.time.set(day);
  }

  /** Opens the printable consultation summary in a window of its own (from a user action: a pop-up). */
  openSummary() { return openSummary(this); }

  /** Bytes of wasm memory this element's worker holds. */
  async memoryBytes() {
    await this.ready;
    return (await this.engine.request('memory')).bytes;
  }

  /** A copy of the current design (the JSON design format). */
  getDesign() {
    return this.design ? clone(this.design) : null;
  }

  /** Replaces the design; rejects (keeping the current one) if it is not valid. */
  async setDesign(design) {
    await this.ready;
    let json;
    try {
      json = JSON.stringify(design);
      if (!design || typeof design !== 'object' || Array.isArray(design)) throw new Error('expected an object');
      await this.engine.request('design', { json });
    } catch (e) {
      const err = new Error(this.t('errors.design', { message: e.message }));
      this.fail(err, true);
      throw err;
    }
    this.editor.replace(JSON.parse(json));
    this.day = Math.min(this.day, horizonDays());
    this.afterEdit();
    await this.frames.done;
  }

  /**
   * The current view as a PNG blob (lib/saving.js): `{ kind: 'full', day, crop }`
   * (default) the photo at full resolution on `day` (default: the current day), whole
   * or (`crop: 'head'`) framed on the treated area; `{ kind: 'strip', days, crop,
   * before }` the preview before and on several days side by side, labelled, framed on
   * the treated area (`crop: 'photo'`: whole).
   */
  async exportPng(options) {
    await this.ready;
    return exportImage(this, options);
  }
}

if (!customElements.get('smp-previewer')) customElements.define('smp-previewer', SmpPreviewer);
