// <smp-previewer>: the SMP previewer as a custom element with a shadow root.
//
//   <script type="module" src="smp-previewer.js"></script>
//   <smp-previewer template="soft-natural" accent="#0f766e" cta-href="https://…"></smp-previewer>
//
// Attributes: sample (bald-front|bald-crown|astronaut), demo-src, demo-head
// ("centerX,browY,pxPerCm[,halfWidthCm,topCm,widestCm[,foreshortening]]"), template,
// accent, logo-src, cta-href, cta-text, lang, units (cm|in).
// Methods: loadImage(blob), loadSample(id), fitToFace(), getDesign(), setDesign(obj),
// setDays(n), exportPng(options).
// Events (bubbling, composed): smp-ready, smp-rendered {days, ms}, smp-error {message},
// smp-fitted {design, head, score}.
// Rendering runs in a worker; the photo never leaves the device.
import { Engine } from './lib/engine.js';
import { Stage } from './lib/stage.js';
import { buildPanel, updatePanel } from './lib/panel.js';
import { drawChart, moveCursor, chartDay, visibilityAt } from './lib/chart.js';
import { History } from './lib/history.js';
import { styleSheet } from './lib/styles.js';
import { translator, dayLabel, pickLanguage } from './lib/i18n.js';
import { HORIZON_DAYS, dayToPos, posToDay, healedDay, setHorizon } from './lib/timeline.js';
import { designToFragment, fragmentToDesign } from './lib/share.js';
import { h, download } from './lib/dom.js';

/** The built-in sample photos and where each head is (the one home of those numbers). */
const SAMPLES_URL = new URL('./demo/samples.json', import.meta.url);
/** Design settings each treatment starts from (see docs/domain-numbers.md). */
const COVERAGE_PRESETS = {
  shaved: { density: 80, shade: 0.7, dot_size_mm: 0.2 },
  behind_hair: { density: 50, shade: 0.55, dot_size_mm: 0.18 },
  scar: { density: 70, shade: 0.6, dot_size_mm: 0.18 },
};
/** What the "common mistakes" buttons set: settings that produce each failure. */
const MISTAKES = {
  helmet: (d) => { d.density = 160; d.shade = 1; d.dot_size_mm = 0.4; d.hairline.softness_mm = 2; },
  harsh: (d) => { d.hairline.softness_mm = 0; d.hairline.irregularity = 0; },
};
const WORKER_URL = new URL('./lib/worker.js', import.meta.url);
/** The face module's worker, started on the first fit only. */
const FACE_WORKER_URL = new URL('./lib/face-worker.js', import.meta.url);
const PLAY_SECONDS = 15;
/** Languages written right to left (none in the catalogue yet; the layout is ready). */
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);
const clone = (o) => JSON.parse(JSON.stringify(o));

function safeHttpUrl(value) {
  try {
    const url = new URL(value, document.baseURI);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export class SmpPreviewer extends HTMLElement {
  static observedAttributes = ['accent', 'cta-href', 'cta-text', 'dir', 'lang', 'logo-src', 'template', 'units', 'demo-src', 'demo-head', 'sample'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.shadowRoot.adoptedStyleSheets = [styleSheet()];
    this.design = null;
    this.day = 70;
    this.photo = null;
    this.photoBlob = null;
    this.head = null;
    this.history = new History();
    this.mode = 'hairline';
    this.brushMm = 12;
    this.selected = null;
    this.curve = new Float64Array();
    this.plan = null;
    this.readyFired = false;
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // Nobody has to wait for `ready`: a failed start is reported as smp-error, so a
    // rejection nobody listens to must not surface as an uncaught one on the page.
    this.ready.catch(() => {});
  }

  // ---- lifecycle -------------------------------------------------------------

  connectedCallback() {
    if (this.abort) return;
    this.abort = new AbortController();
    this.start().catch((e) => this.fail(e));
  }

  disconnectedCallback() {
    // Everything the element started goes with it: listeners, worker, wasm memory.
    this.abort?.abort();
    this.abort = null;
    cancelAnimationFrame(this.raf);
    this.raf = 0;
    // Whoever waits for the frame that will now never be drawn is let go.
    this.resolveRender?.();
    this.stopPlay();
    this.engine?.terminate();
    this.engine = null;
    this.faceEngine?.terminate();
    this.faceEngine = null;
  }

  attributeChangedCallback(name, old, value) {
    if (!this.abort || old === value) return;
    if (name === 'accent') this.applyAccent();
    else if (name === 'cta-href' || name === 'cta-text') this.applyCta();
    else if (name === 'logo-src') this.applyLogo();
    else if (name === 'lang' || name === 'units' || name === 'dir') this.rebuild();
  }

  get lang() {
    return pickLanguage(this.getAttribute('lang') || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || navigator.language);
  }

  /** Text direction: the element's own `dir` attribute, else its language's. */
  get direction() {
    const own = this.getAttribute('dir');
    if (own === 'rtl' || own === 'ltr') return own;
    return RTL_LANGUAGES.has(this.lang) ? 'rtl' : 'ltr';
  }

  get units() {
    return this.getAttribute('units') === 'in' ? 'in' : 'cm';
  }

  async start() {
    const signal = this.abort.signal;
    this.t = translator(this.lang);
    this.engine = this.newEngine();
    this.shadowRoot.replaceChildren(h('div', { class: 'app' }, h('p', { class: 'hint' }, this.t('loading'))));
    // Fetch the demo photo while the worker loads the engine.
    const demo = this.photoBlob ? null : this.fetchDemo();
    demo?.catch(() => {});
    const { templates, horizon } = await this.engine.request('init');
    if (signal.aborted) return;
    setHorizon(horizon);
    this.templates = templates;
    this.build();
    if (this.photoBlob) {
      // Re-attached after removal: restore the photo and design.
      await this.usePhoto(this.photoBlob, { keepDesign: true });
    } else {
      const { blob, ...sample } = await demo;
      if (signal.aborted) return;
      // The page's own `template` attribute wins over the sample's style.
      await this.usePhoto(blob, { ...sample, template: this.getAttribute('template') ?? sample.template });
    }
    if (signal.aborted) return;
    await this.loadSharedDesign();
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
    if (this.crashes.length > 3) {
      this.fail(new Error(this.t('errors.crashed')));
      return;
    }
    const signal = this.abort.signal;
    this.engine = this.newEngine();
    try {
      await this.engine.request('init');
      if (signal.aborted || !this.photoBlob) return;
      const design = this.design;
      await this.usePhoto(this.photoBlob, { keepDesign: true, head: this.head, sampleId: this.sampleId });
      if (signal.aborted) return;
      this.design = design;
      this.status.textContent = this.t('restarted');
    } catch (e) {
      if (!signal.aborted && !e?.fatal) this.fail(e, true);
    }
  }

  /** Rebuilds the interface (language or units changed), keeping all state. */
  rebuild() {
    if (!this.templates || !this.photo) return;
    this.t = translator(this.lang);
    const before = this.stage?.before;
    this.build();
    this.stage.setPhoto(before.getContext('2d').getImageData(0, 0, before.width, before.height));
    this.refresh();
    this.requestRender();
  }

  build() {
    const t = this.t;
    const signal = this.abort.signal;
    this.shadowRoot.replaceChildren();
    const fileInput = h('input', { type: 'file', accept: 'image/*', hidden: true, onchange: (e) => this.pickFile(e), signal });
    const cameraInput = h('input', { type: 'file', accept: 'image/*', capture: 'user', hidden: true, onchange: (e) => this.pickFile(e), signal });
    this.logo = h('img', { class: 'logo', alt: '', hidden: true });
    this.sampleSelect = h('select', { onchange: (e) => this.loadSample(e.target.value).catch(() => {}), signal, 'aria-label': t('sample.try') },
      h('option', { value: '', disabled: true, hidden: true }, t('sample.own')),
      ...['bald-front', 'bald-crown', 'astronaut'].map((id) => h('option', { value: id }, t(`sample.${id}`))));
    this.cta = h('a', { class: 'cta', target: '_blank', rel: 'noopener', hidden: true });
    const tool = (mode, label) => h('button', { type: 'button', 'aria-pressed': String(this.mode === mode), dataset: { mode }, onclick: () => this.setMode(mode), signal }, label);
    this.tools = {
      hairline: tool('hairline', t('tools.hairline')),
      brush: tool('brush', t('tools.brush')),
      erase: tool('erase', t('tools.erase')),
      brushSize: h('input', { type: 'range', min: 2, max: 60, step: 1, value: this.brushMm, 'aria-label': t('tools.brushSize'), oninput: (e) => this.setBrush(Number(e.target.value)), signal }),
      addPoint: h('button', { type: 'button', onclick: () => this.addPoint(), signal }, t('tools.addPoint')),
      removePoint: h('button', { type: 'button', onclick: () => this.removePoint(), signal }, t('tools.removePoint')),
      undo: h('button', { type: 'button', 'aria-label': t('tools.undo'), title: t('tools.undo'), onclick: () => this.undo(), signal }, '↶'),
      redo: h('button', { type: 'button', 'aria-label': t('tools.redo'), title: t('tools.redo'), onclick: () => this.redo(), signal }, '↷'),
      zoomOut: h('button', { type: 'button', 'aria-label': t('tools.zoomOut'), title: t('tools.zoomOut'), onclick: () => this.stage.zoomBy(1 / 1.5), signal }, '−'),
      zoomIn: h('button', { type: 'button', 'aria-label': t('tools.zoomIn'), title: t('tools.zoomIn'), onclick: () => this.stage.zoomBy(1.5), signal }, '+'),
      fit: h('button', { type: 'button', onclick: () => this.stage.fit(), signal }, t('tools.fit')),
      compare: h('button', { type: 'button', 'aria-pressed': 'false', onclick: () => this.toggleCompare(), signal }, t('tools.compare')),
      split: h('input', { type: 'range', min: 0, max: 100, step: 1, value: 50, 'aria-label': t('split'), hidden: true, oninput: (e) => this.stage.setSplit(Number(e.target.value) / 100), signal }),
      lines: h('button', { type: 'button', 'aria-pressed': 'true', onclick: (e) => this.toggleLines(e.currentTarget), signal }, t('tools.showLines')),
    };
    this.status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.errorText = h('p');
    this.errorBox = h('div', { class: 'error', role: 'alert', hidden: true }, this.errorText,
      h('button', { type: 'button', onclick: () => { this.errorBox.hidden = true; }, signal }, this.t('dismiss')));
    const viewport = h('div', { class: 'viewport', tabindex: 0, role: 'application', 'aria-label': t('stage') });
    const stage = h('section', { class: 'stage', 'aria-label': t('stage') },
      viewport,
      h('div', { class: 'tools', role: 'toolbar', 'aria-label': t('tools.label') },
        this.tools.hairline, this.tools.brush, this.tools.erase,
        this.tools.brushLabel = h('label', {}, h('span', { class: 'sr-only' }, t('tools.brushSize')), this.tools.brushSize),
        h('span', { class: 'sep' }), this.tools.addPoint, this.tools.removePoint,
        h('span', { class: 'sep' }), this.tools.undo, this.tools.redo,
        h('span', { class: 'sep' }), this.tools.zoomOut, this.tools.zoomIn, this.tools.fit,
        h('span', { class: 'sep' }), this.tools.compare, this.tools.split, this.tools.lines),
      this.status, this.errorBox);
    const { panel, c } = buildPanel({
      t,
      signal,
      templates: this.templates.map((x) => ({ name: x.name, label: t(`template.${x.name}`) === `template.${x.name}` ? x.label : t(`template.${x.name}`) })),
      on: {
        edit: (fn, o) => this.edit(fn, o),
        template: (name) => this.applyTemplate(name),
        coverage: (mode) => this.applyCoverage(mode),
        suggestShade: () => this.suggestShade(),
        mistake: (kind) => this.showMistake(kind),
        fit: () => this.fitToFace().catch(() => {}),
        day: (pos) => { this.stopPlay(); this.setDays(posToDay(pos)); },
        chartDay: (e) => { this.stopPlay(); this.setDays(chartDay(c.chart, e, posToDay)); },
        play: () => (this.playing ? this.stopPlay() : this.startPlay()),
        calibrate: () => this.startCalibration(),
        save: (kind) => this.save(kind),
        load: (file) => this.loadDesignFile(file),
      },
    });
    this.controls = c;
    const app = h('div', { class: 'app', dir: this.direction, lang: this.lang },
      h('header', { class: 'bar' },
        h('div', { class: 'brand' }, this.logo, h('h1', {}, t('title'))),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'primary', onclick: () => fileInput.click(), signal, dataset: { act: 'upload' } }, t('upload')),
          h('button', { type: 'button', onclick: () => cameraInput.click(), signal, dataset: { act: 'camera' } }, t('camera')),
          h('label', { class: 'sample' }, h('span', {}, t('sample.try')), this.sampleSelect),
          fileInput, cameraInput, this.cta)),
      h('div', { class: 'main' }, stage, panel));
    this.shadowRoot.append(app);
    this.stage = new Stage({
      viewport,
      signal,
      t,
      on: {
        pointMove: (kind, i, x, y, done) => this.movePoint(kind, i, x, y, done),
        pointSelect: (kind, i) => this.select({ kind, i }),
        pointRemove: (kind, i) => this.removePoint({ kind, i }),
        stroke: (pts, done, cancelled) => this.paint(pts, done, cancelled),
        calibrate: (pts) => this.finishCalibration(pts),
        files: (files) => this.loadImage(files[0]).catch(() => {}),
      },
    });
    this.setMode(this.mode);
    this.addEventListener('keydown', (e) => this.shortcut(e), { signal });
    this.addEventListener('paste', (e) => this.paste(e), { signal });
    document.addEventListener('paste', (e) => {
      // A paste with nothing focused goes to the first previewer on the page.
      if ((document.activeElement === document.body || !document.activeElement) && document.querySelector('smp-previewer') === this) this.paste(e);
    }, { signal });
    this.applyAccent();
    this.applyCta();
    this.applyLogo();
    this.refreshCredits();
  }

  /** The credit line of the photo shown (a sample's licence, or the privacy note). */
  async refreshCredits() {
    if (!this.controls) return;
    if (this.sampleSelect) this.sampleSelect.value = this.sampleId ?? '';
    const box = this.controls.credits;
    let sample = null;
    if (this.sampleId) {
      try {
        sample = (await this.samples()).samples.find((x) => x.id === this.sampleId);
      } catch {
        sample = null;
      }
    }
    if (box !== this.controls?.credits) return;
    box.replaceChildren(
      h('p', {}, sample ? this.t('credits.sample') : this.t('credits.own')),
      sample ? h('p', { class: 'credit' }, sample.credit, ' ', sample.license ? h('a', { href: sample.license, target: '_blank', rel: 'noopener' }, this.t('credits.license')) : '') : '',
      h('p', { class: 'hint' }, this.t('illustrative')),
    );
  }

  /** Applies the settings that produce a common mistake (undo brings the design back). */
  showMistake(kind) {
    const mistake = MISTAKES[kind];
    if (!mistake) return;
    this.edit(mistake);
    this.controls.mistakeNote.textContent = this.t(`mistake.${kind}.note`);
  }

  // ---- attributes ------------------------------------------------------------

  applyAccent() {
    const accent = this.getAttribute('accent');
    if (accent && CSS.supports('color', accent)) this.style.setProperty('--smp-accent', accent);
    else this.style.removeProperty('--smp-accent');
  }

  applyCta() {
    if (!this.cta) return;
    const raw = this.getAttribute('cta-href');
    const href = raw ? safeHttpUrl(raw) : null;
    if (raw && !href) console.warn(`<smp-previewer>: cta-href "${raw}" refused: only http(s) links are allowed`);
    this.cta.hidden = !href;
    if (href) this.cta.href = href;
    else this.cta.removeAttribute('href');
    this.cta.textContent = this.getAttribute('cta-text') || this.t('cta');
  }

  applyLogo() {
    if (!this.logo) return;
    const src = this.getAttribute('logo-src');
    const url = src ? safeHttpUrl(src) ?? (src.startsWith('data:image/') ? src : null) : null;
    this.logo.hidden = !url;
    if (url) this.logo.src = url;
  }

  // ---- photo -------------------------------------------------------------------

  /** The built-in samples (`demo/samples.json`), fetched once. */
  async samples() {
    this.samplesPromise ??= fetch(SAMPLES_URL).then((r) => {
      if (!r.ok) throw new Error(`samples ${SAMPLES_URL}: ${r.status}`);
      return r.json();
    });
    try {
      return await this.samplesPromise;
    } catch (e) {
      this.samplesPromise = null;
      throw e;
    }
  }

  /**
   * The demo photo shown first: `demo-src` (with `demo-head`) if given, else the
   * sample named by `sample`, else the built-in default (the bald head, front view).
   */
  async fetchDemo() {
    const src = this.getAttribute('demo-src');
    if (src) {
      const headAttr = this.getAttribute('demo-head');
      const head = headAttr ? headAttr.split(',').map(Number) : null;
      const url = new URL(src, document.baseURI).href;
      const response = await fetch(url);
      if (!response.ok) throw new Error(`demo photo ${url}: ${response.status}`);
      const valid = head && [3, 6, 7].includes(head.length) && head.every(Number.isFinite);
      if (head && !valid) console.warn(`<smp-previewer>: demo-head "${headAttr}" ignored: give 3, 6 or 7 numbers`);
      return { blob: await response.blob(), head: valid ? head : null, sampleId: null };
    }
    return this.fetchSample(this.getAttribute('sample'));
  }

  /** A built-in sample's photo and settings; unknown ids fall back to the default. */
  async fetchSample(id) {
    const { samples, default: fallback } = await this.samples();
    const sample = samples.find((x) => x.id === id) ?? samples.find((x) => x.id === fallback);
    const url = new URL(sample.photo, SAMPLES_URL).href;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`demo photo ${url}: ${response.status}`);
    return { blob: await response.blob(), head: sample.head, template: sample.template, coverage: sample.coverage, sampleId: sample.id };
  }

  /** Switches to the built-in sample `id` (`bald-front`, `bald-crown`, `astronaut`). */
  async loadSample(id) {
    try {
      const { blob, ...sample } = await this.fetchSample(id);
      await this.usePhoto(blob, sample);
    } catch (e) {
      this.fail(e, true);
      throw this.userError(e);
    }
  }

  pickFile(e) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) this.loadImage(file).catch(() => {});
  }

  paste(e) {
    const file = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
    if (file) {
      e.preventDefault();
      this.loadImage(file).catch(() => {});
    }
  }

  /**
   * Loads a photo (Blob or File). On failure the previous photo and design stay,
   * the message is shown, and the promise rejects.
   */
  async loadImage(blob) {
    try {
      if (!(blob instanceof Blob)) throw Object.assign(new Error('errors.notImage'), { userFacing: true });
      if (blob.type && !blob.type.startsWith('image/')) throw Object.assign(new Error('errors.notImage'), { userFacing: true });
      await this.usePhoto(blob, {});
    } catch (e) {
      this.fail(e, true);
      throw this.userError(e);
    }
    // A new photo of a person: lay the style out on their face (one undo step back).
    await this.fitToFace({ auto: true }).catch(() => {});
  }

  /**
   * Shows a new photo. A sample brings its head, template and treatment; an upload
   * keeps the current style and settings, laid out anew on the photo.
   */
  async usePhoto(blob, { head = null, keepDesign = false, template = null, coverage = null, sampleId = null }) {
    this.status.textContent = this.t('loading');
    const r = await this.engine.request('photo', { blob });
    this.photoBlob = blob;
    this.photo = { width: r.width, height: r.height, fullWidth: r.fullWidth, fullHeight: r.fullHeight };
    this.head = head;
    if (!keepDesign) this.facePoints = null;
    this.sampleId = sampleId;
    if (this.controls) this.controls.fitNote.textContent = '';
    if (this.controls) this.controls.mistakeNote.textContent = '';
    this.stage.setPhoto(r.before);
    this.errorBox.hidden = true;
    if (!keepDesign || !this.design) {
      const previous = this.design;
      const name = template ?? this.templateName ?? this.getAttribute('template') ?? 'soft-natural';
      const design = await this.templateDesign(name);
      if (previous) {
        this.history.push(previous);
        for (const k of ['aftercare', 'topups', 'effects', 'sessions', 'seed', 'density', 'dot_size_mm', 'shade', 'jitter', 'coverage', 'skin_mask']) design[k] = previous[k];
      }
      if (coverage) Object.assign(design, { coverage }, COVERAGE_PRESETS[coverage]);
      this.design = design;
      this.templateName = name;
      this.day = healedDay(design);
    }
    this.refreshCredits();
    this.goodDesign = clone(this.design);
    this.curveKey = null;
    this.refresh();
    this.focusArea();
    await this.renderNow();
    // The visibility curve follows the first frame rather than delaying it.
    await this.updateCurve();
  }

  /** Zooms the view onto the treated area (hairline points and brush strokes). */
  focusArea() {
    const { width: w, height: hh } = this.photo;
    const pts = [...this.design.hairline.front, ...this.design.hairline.outline];
    const xs = [];
    const ys = [];
    for (const p of pts) {
      xs.push(p.x * w);
      ys.push(p.y * hh);
    }
    const pxPerMm = this.pxPerMm();
    for (const s of this.design.strokes) {
      const r = s.radius_mm * pxPerMm;
      for (const p of s.points) {
        xs.push(p.x * w - r, p.x * w + r);
        ys.push(p.y * hh - r, p.y * hh + r);
      }
    }
    if (!xs.length) return this.stage.fit();
    // Include the face below the hairline so the result is seen in context.
    const y1 = Math.max(...ys);
    this.stage.focus([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.min(hh, y1 + (y1 - Math.min(...ys)) * 1.2)], 0.15);
  }

  async templateDesign(name) {
    const known = this.templates.some((x) => x.name === name) ? name : 'soft-natural';
    const { width, height } = this.photo;
    const { design } = this.facePoints
      ? await this.engine.request('fit', { name: known, width, height, points: this.facePoints })
      : await this.engine.request('template', { name: known, width, height, head: this.head });
    return design;
  }

  /**
   * Finds the face on the current photo and lays the current style out on it: the
   * hairline from the face's proportions, the scale from the eyes, the head's outline
   * from its size. Resolves with the fitted design (one undo step brings the previous
   * one back); rejects, keeping the design, when no face can be fitted.
   */
  async fitToFace({ auto = false } = {}) {
    const note = this.controls?.fitNote;
    try {
      if (!this.photo || !this.engine) throw Object.assign(new Error('errors.noPhoto'), { userFacing: true });
      const { width, height } = this.photo;
      if (note) note.textContent = this.t('fit.finding');
      this.faceEngine ??= new Engine(FACE_WORKER_URL);
      const pixels = this.stage.before.getContext('2d').getImageData(0, 0, width, height);
      const photo = this.photo;
      const t0 = performance.now();
      const { face, ms } = await this.faceEngine.request('find', { rgba: pixels.data.buffer, width, height }, [pixels.data.buffer]);
      if (this.photo !== photo) throw Object.assign(new Error('errors.photoChanged'), { userFacing: true });
      if (!face) throw Object.assign(new Error('errors.noFace'), { userFacing: true });
      const fitted = await this.engine.request('fit', { name: this.templateName ?? 'soft-natural', width, height, points: face.points });
      const previous = this.design;
      const design = fitted.design;
      for (const k of ['aftercare', 'topups', 'effects', 'sessions', 'seed', 'density', 'dot_size_mm', 'shade', 'jitter', 'coverage', 'skin_mask']) design[k] = previous[k];
      this.history.push(previous);
      this.design = design;
      this.head = fitted.head;
      this.facePoints = face.points;
      if (note) note.textContent = this.t(auto ? 'fit.auto' : 'fit.done', { v: fitted.head[2].toFixed(1) });
      this.afterEdit();
      this.focusArea();
      await this.renderDone;
      this.dispatchEvent(new CustomEvent('smp-fitted', { bubbles: true, composed: true, detail: { design: clone(design), head: fitted.head, score: face.score, ms: performance.now() - t0, findMs: ms } }));
      return clone(design);
    } catch (e) {
      const err = this.userError(e);
      if (note) note.textContent = auto && e?.message === 'errors.noFace' ? this.t('fit.none') : err.message;
      if (!auto) this.fail(e, true);
      throw err;
    }
  }

  // ---- design edits --------------------------------------------------------------

  /** Applies `mutator` to a copy of the design; `live` edits are one undo step together. */
  edit(mutator, { live = false } = {}) {
    if (!mutator) {
      this.editing = false;
      this.refresh();
      return;
    }
    if (!this.editing) this.history.push(this.design);
    this.editing = live;
    const d = clone(this.design);
    mutator(d);
    this.design = d;
    this.afterEdit();
  }

  afterEdit({ curve = true } = {}) {
    this.refresh();
    if (curve) this.updateCurve();
    this.requestRender();
  }

  async applyTemplate(name) {
    const previous = this.design;
    const design = await this.templateDesign(name);
    for (const k of ['aftercare', 'topups', 'effects', 'sessions', 'seed', 'jitter', 'scale']) design[k] = previous[k];
    this.history.push(previous);
    this.templateName = name;
    this.design = design;
    this.afterEdit();
  }

  applyCoverage(mode) {
    this.edit((d) => {
      d.coverage = mode;
      Object.assign(d, COVERAGE_PRESETS[mode]);
    });
  }

  pointsPx() {
    const { width: w, height: hh } = this.photo;
    const map = (list) => list.map((p) => [p.x * w, p.y * hh]);
    return { front: map(this.design.hairline.front), outline: map(this.design.hairline.outline) };
  }

  movePoint(kind, i, x, y, done) {
    const list = this.design.hairline[kind];
    if (!list?.[i]) return;
    if (!this.dragging) {
      this.history.push(this.design);
      this.dragging = true;
    }
    const clamp = (v) => Math.min(1.5, Math.max(-0.5, v));
    const d = clone(this.design);
    d.hairline[kind][i] = { x: clamp(x / this.photo.width), y: clamp(y / this.photo.height) };
    this.design = d;
    if (done) this.dragging = false;
    this.selected = { kind, i };
    this.stage.setHairline(this.stage.paths, this.pointsPx());
    this.stage.setSelected(this.selected);
    this.requestRender();
  }

  select(sel) {
    this.selected = sel;
    this.stage.setSelected(sel);
  }

  addPoint() {
    const sel = this.selected ?? { kind: 'front', i: Math.floor((this.design.hairline.front.length - 1) / 2) };
    const list = this.design.hairline[sel.kind];
    if (!list || list.length < 2 || list.length >= 64) return;
    const i = Math.min(sel.i, list.length - 2);
    this.edit((d) => {
      const l = d.hairline[sel.kind];
      l.splice(i + 1, 0, { x: (l[i].x + l[i + 1].x) / 2, y: (l[i].y + l[i + 1].y) / 2 });
    });
    this.select({ kind: sel.kind, i: i + 1 });
  }

  removePoint(sel = this.selected) {
    if (!sel) return;
    const list = this.design.hairline[sel.kind];
    const min = sel.kind === 'front' ? 2 : 0;
    if (!list || list.length <= min || !list[sel.i]) return;
    this.edit((d) => { d.hairline[sel.kind].splice(sel.i, 1); });
    this.select(null);
  }

  setMode(mode) {
    this.mode = mode;
    for (const [m, b] of Object.entries(this.tools)) if (b.dataset?.mode) b.setAttribute('aria-pressed', String(m === mode));
    this.stage.setMode(mode);
    this.setBrush(this.brushMm);
    // Show only the tools of the current mode.
    const painting = mode === 'brush' || mode === 'erase';
    this.tools.brushLabel.hidden = !painting;
    this.tools.addPoint.hidden = painting;
    this.tools.removePoint.hidden = painting;
  }

  pxPerMm() {
    const s = this.design.scale;
    return (s.px_per_cm / 10) * (this.photo.width / s.at_width);
  }

  setBrush(mm) {
    this.brushMm = mm;
    if (this.design && this.photo) this.stage.setBrush(mm * this.pxPerMm());
  }

  paint(points, done, cancelled) {
    const { width: w, height: hh } = this.photo;
    const stroke = {
      mode: this.mode === 'erase' ? 'erase' : 'add',
      radius_mm: this.brushMm,
      softness: 0.5,
      strength: 1,
      points: points.map(([x, y]) => ({ x: Math.min(1.5, Math.max(-0.5, x / w)), y: Math.min(1.5, Math.max(-0.5, y / hh)) })),
    };
    if (!this.painting) {
      this.history.push(this.design);
      this.painting = clone(this.design);
    }
    const d = clone(this.painting);
    if (!cancelled) d.strokes.push(stroke);
    this.design = d;
    if (done) this.painting = null;
    this.requestRender();
  }

  undo() {
    const d = this.history.undo(this.design);
    this.controls.mistakeNote.textContent = '';
    if (d) {
      this.design = d;
      this.afterEdit();
    }
  }

  redo() {
    const d = this.history.redo(this.design);
    if (d) {
      this.design = d;
      this.afterEdit();
    }
  }

  shortcut(e) {
    const tag = e.composedPath()[0]?.tagName;
    if (tag === 'INPUT' && e.composedPath()[0].type !== 'range' && e.composedPath()[0].type !== 'checkbox') return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      if (e.shiftKey) this.redo();
      else this.undo();
    } else if (mod && e.key.toLowerCase() === 'y') {
      e.preventDefault();
      this.redo();
    }
  }

  toggleCompare() {
    const on = this.tools.compare.getAttribute('aria-pressed') !== 'true';
    this.tools.compare.setAttribute('aria-pressed', String(on));
    this.tools.split.hidden = !on;
    this.stage.setCompare(on);
    this.stage.on.split = (p) => { this.tools.split.value = String(Math.round(p * 100)); };
  }

  toggleLines(button) {
    const on = button.getAttribute('aria-pressed') !== 'true';
    button.setAttribute('aria-pressed', String(on));
    this.stage.setShowLines(on);
  }

  async suggestShade() {
    const front = this.design.hairline.front;
    const note = this.controls.shadeNote;
    if (front.length < 2) {
      note.textContent = this.t('shadeNoSkin');
      return;
    }
    // Bare forehead: a band 3.5–6.3 cm below the middle of the hairline (about
    // 1–3.5 cm above the brows), 3 cm wide; its brighter half, so hair falling into
    // the band (a fringe, eyebrows) does not count as skin.
    const mid = front[Math.floor(front.length / 2)];
    const px = this.pxPerMm() * 10;
    const data = this.stage.sample(mid.x * this.photo.width - 1.5 * px, mid.y * this.photo.height + 3.5 * px, 3 * px, 2.8 * px).data;
    const pixels = [];
    for (let i = 0; i < data.length; i += 4) pixels.push([data[i], data[i + 1], data[i + 2]]);
    const luma = (p) => 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
    pixels.sort((a, b) => luma(b) - luma(a));
    const skin = pixels.slice(0, Math.max(1, pixels.length >> 1));
    const sum = [0, 0, 0];
    for (const p of skin) for (let k = 0; k < 3; k++) sum[k] += p[k];
    const n = skin.length;
    const { tone } = await this.engine.request('skinTone', { rgb: sum.map((s) => Math.round(s / n)) });
    if (!tone) {
      note.textContent = this.t('shadeNoSkin');
      return;
    }
    this.edit((d) => {
      d.shade = tone.suggestedShade;
      d.aftercare.skin_type = tone.skinType;
    });
    note.textContent = this.t('shadeSuggested', { type: ['I', 'II', 'III', 'IV', 'V', 'VI'][tone.skinType - 1], shade: `${Math.round(tone.suggestedShade * 100)}%` });
  }

  startCalibration() {
    this.setMode('calibrate');
    this.status.textContent = this.t('scale.instructions');
  }

  finishCalibration([[x1, y1], [x2, y2]]) {
    const px = Math.hypot(x2 - x1, y2 - y1);
    const signal = this.abort.signal;
    const input = h('input', { type: 'number', min: 0.1, max: 100, step: 0.1, value: 6.3 });
    const close = () => { dialog.remove(); this.setMode('hairline'); this.status.textContent = ''; };
    const apply = () => {
      const cm = Number(input.value);
      if (!(cm > 0) || px < 2) return;
      this.edit((d) => { d.scale = { px_per_cm: px / cm, at_width: this.photo.width, method: 'two_point' }; });
      close();
    };
    const dialog = h('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-label': this.t('scale.calibrate') },
      h('div', {},
        h('h2', {}, this.t('scale.calibrate')),
        h('label', { class: 'field' }, h('span', {}, this.t('scale.distance')), input),
        h('div', { class: 'row' },
          h('button', { type: 'button', class: 'primary', onclick: apply, signal }, this.t('scale.apply')),
          h('button', { type: 'button', onclick: close, signal }, this.t('scale.cancel')))));
    this.shadowRoot.querySelector('.stage').append(dialog);
    input.focus();
  }

  // ---- time --------------------------------------------------------------------

  /** Shows the design as it looks `n` days after the first session. */
  setDays(n) {
    const day = Number(n);
    if (!Number.isFinite(day)) return Promise.reject(new RangeError('setDays: not a number'));
    this.day = Math.min(HORIZON_DAYS, Math.max(0, day));
    this.refreshTime();
    return this.requestRender();
  }

  startPlay() {
    if (this.day >= HORIZON_DAYS - 1) this.day = 0;
    this.playing = { start: performance.now(), from: dayToPos(this.day) };
    this.controls.play.textContent = this.t('pause');
    this.controls.play.setAttribute('aria-pressed', 'true');
    const step = (now) => {
      if (!this.playing) return;
      const pos = this.playing.from + (now - this.playing.start) / 1000 / PLAY_SECONDS;
      this.day = posToDay(Math.min(1, pos));
      this.refreshTime();
      this.requestRender();
      if (pos >= 1) this.stopPlay();
      else this.playFrame = requestAnimationFrame(step);
    };
    this.playFrame = requestAnimationFrame(step);
  }

  stopPlay() {
    cancelAnimationFrame(this.playFrame);
    if (!this.playing) return;
    this.playing = null;
    this.controls.play.textContent = this.t('play');
    this.controls.play.setAttribute('aria-pressed', 'false');
  }

  careText(day) {
    const near = (d) => Math.abs(day - d) < 0.5;
    const sessions = this.design.sessions.days;
    const si = sessions.findIndex(near);
    if (si >= 0) return `${this.t('care.session', { n: si + 1 })} ${this.t('care.dry')}`;
    if (this.plan?.topups?.some(near)) return this.t('care.topup');
    const last = [...sessions, ...(this.plan?.topups ?? [])].filter((d) => d <= day).at(-1) ?? 0;
    const age = day - last;
    if (age < 4) return this.t('care.dry');
    if (age < 7) return this.t('care.water');
    if (age < 14) return this.t('care.shower');
    return this.t('care.long');
  }

  async updateCurve() {
    const key = JSON.stringify([this.design.aftercare, this.design.topups, this.design.sessions, this.design.seed]);
    if (key === this.curveKey) return;
    this.curveKey = key;
    try {
      const { curve, plan } = await this.engine.request('curve', { until: HORIZON_DAYS, step: 7, json: JSON.stringify(this.design) });
      if (key !== this.curveKey) return;
      this.curve = curve;
      this.plan = plan;
      this.refreshTime(true);
    } catch {
      this.curveKey = null; // an invalid design is reported by the render
    }
  }

  // ---- showing state -----------------------------------------------------------

  refresh() {
    if (!this.controls || !this.design) return;
    updatePanel(this.controls, { design: this.design, templateName: this.templateName, units: this.units, fmt: this.t, lang: this.lang });
    const s = this.design.scale;
    const pxPerCm = (s.px_per_cm * this.photo.width) / s.at_width;
    this.controls.scaleOut.textContent = this.t('scale.now', { v: pxPerCm.toFixed(1), method: this.t(`scale.${s.method}`) });
    this.tools.undo.disabled = !this.history.canUndo;
    this.tools.redo.disabled = !this.history.canRedo;
    this.stage.setHairline(this.stage.paths, this.pointsPx());
    this.setBrush(this.brushMm);
    this.refreshTime();
  }

  refreshTime(redrawChart = false) {
    const c = this.controls;
    if (!c) return;
    if (this.shadowRoot.activeElement !== c.day) c.day.value = String(Math.round(dayToPos(this.day) * 1000));
    const healing = this.day < healedDay(this.design);
    const label = `${dayLabel(this.t, this.day)}${healing ? ` · ${this.t('label.healing')}` : ''}`;
    c.dayOut.textContent = label;
    c.day.setAttribute('aria-valuetext', label);
    const v = visibilityAt(this.curve, this.day);
    c.visOut.textContent = this.curve.length ? `${this.t('visibility')} ${Math.round(Math.min(v, 1.5) * 100)}%` : '';
    c.care.textContent = this.careText(this.day);
    if (redrawChart || !c.chart.firstChild) {
      const ticks = [[0, 'label.day', { n: 0 }], [90, 'label.months', { n: 3 }], [1826, 'label.years', { n: 5 }], [HORIZON_DAYS, 'label.years', { n: 10 }]]
        .map(([day, key, vars]) => ({ day, label: this.t(key, vars) }));
      // Sessions and top-ups as tick marks on the slider.
      c.dayTicks.replaceChildren(...[...this.design.sessions.days, ...(this.plan?.topups ?? [])]
        .map((d) => h('option', { value: Math.round(dayToPos(d) * 1000) })));
      drawChart(c.chart, { curve: this.curve, sessions: this.design.sessions.days, topups: this.plan?.topups ?? [], day: this.day, ticks, topupLabel: this.t('topups') });
      this.refreshPlan();
    } else {
      moveCursor(c.chart, this.day);
      this.refreshPlan();
    }
  }

  refreshPlan() {
    const p = this.plan;
    if (!p) return;
    const next = p.topups.find((d) => d > this.day);
    this.controls.plan.replaceChildren(
      h('li', {}, next != null
        ? this.t('plan.next', { when: dayLabel(this.t, next), in: dayLabel(this.t, next - this.day) })
        : this.t(p.topups.length ? 'plan.noneLeft' : 'plan.none')),
      p.topups.length ? h('li', {}, this.t('plan.count', { n: p.topups.length, cost: Math.round(p.relativeCost * 100) })) : null,
    );
  }

  // ---- rendering -----------------------------------------------------------------

  /** Renders on the next animation frame (several requests in one frame render once). */
  requestRender() {
    if (!this.raf) {
      this.renderDone = new Promise((resolve) => { this.resolveRender = resolve; });
      this.raf = requestAnimationFrame(() => {
        this.raf = 0;
        const resolve = this.resolveRender;
        this.renderNow().then(resolve, resolve);
      });
    }
    return this.renderDone;
  }

  async renderNow() {
    if (!this.engine || !this.photo) return;
    const t0 = performance.now();
    const day = this.day;
    const json = JSON.stringify(this.design);
    this.status.textContent = this.t('rendering');
    let r;
    try {
      r = await this.engine.render({ day, json });
    } catch (e) {
      // Removed, or the worker died (a fresh one is being started with this design).
      if (!this.engine || e?.fatal) return;
      // The design was refused: go back to the last one that rendered.
      this.design = clone(this.goodDesign);
      this.fail(new Error(this.t('errors.design', { message: e.message })), true);
      this.refresh();
      return;
    }
    if (r.stale || !this.engine) return;
    this.goodDesign = JSON.parse(json);
    this.stage.draw(r.image, r.x, r.y);
    this.stage.setHairline(r.paths, this.pointsPx());
    this.stage.setSelected(this.selected);
    this.status.textContent = '';
    this.controls.skinNote.textContent = r.skin === false ? this.t('skinMask.none')
      : r.skin && this.design.coverage === 'behind_hair' ? this.t('skinMask.hair') : '';
    this.tools.undo.disabled = !this.history.canUndo;
    this.tools.redo.disabled = !this.history.canRedo;
    const ms = performance.now() - t0;
    this.lastFrame = { day, ms, renderMs: r.ms, impressions: r.count };
    this.dispatchEvent(new CustomEvent('smp-rendered', { bubbles: true, composed: true, detail: { days: day, ms, renderMs: r.ms, impressions: r.count } }));
    if (!this.readyFired) {
      this.readyFired = true;
      this.resolveReady();
      this.dispatchEvent(new CustomEvent('smp-ready', { bubbles: true, composed: true }));
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
    this.dispatchEvent(new CustomEvent('smp-error', { bubbles: true, composed: true, detail: { message } }));
  }

  // ---- saving --------------------------------------------------------------------

  async save(kind) {
    try {
      if (kind === 'image') download(await this.exportPng(), `smp-preview-${Math.round(this.day)}d.png`);
      else if (kind === 'strip') download(await this.exportPng({ kind: 'strip' }), 'smp-preview-strip.png');
      else if (kind === 'design') download(new Blob([JSON.stringify(this.design, null, 2)], { type: 'application/json' }), 'smp-design.json');
      else if (kind === 'share') await this.share();
    } catch (e) {
      this.fail(e, true);
    }
  }

  async share() {
    const url = new URL(location.href);
    url.hash = await designToFragment(this.design);
    let copied = false;
    try {
      await navigator.clipboard.writeText(url.href);
      copied = true;
    } catch {
      copied = false;
    }
    const signal = this.abort.signal;
    const text = h('textarea', { rows: 3, readonly: true }, url.href);
    const dialog = h('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-label': this.t('save.share') },
      h('div', {},
        h('p', {}, copied ? this.t('save.shareDone') : this.t('save.shareManual')),
        text,
        h('button', { type: 'button', onclick: () => dialog.remove(), signal }, this.t('save.close'))));
    this.shadowRoot.querySelector('.stage').append(dialog);
    text.select();
    return url.href;
  }

  async loadSharedDesign() {
    let design;
    try {
      design = await fragmentToDesign(location.hash);
    } catch {
      design = undefined;
    }
    if (design === null) return;
    try {
      if (design === undefined) throw new Error(this.t('errors.designFile'));
      await this.setDesign(design);
    } catch (e) {
      this.fail(e, true);
    }
  }

  async loadDesignFile(file) {
    try {
      let design;
      try {
        design = JSON.parse(await file.text());
      } catch {
        throw new Error(this.t('errors.designFile'));
      }
      await this.setDesign(design);
    } catch (e) {
      this.fail(e, true);
    }
  }

  // ---- public API ------------------------------------------------------------------

  /** Render workers alive on this page (each element has one while it is attached). */
  static get workerCount() {
    return Engine.live;
  }

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
    this.history.push(this.design);
    this.design = JSON.parse(json);
    this.day = Math.min(this.day, HORIZON_DAYS);
    this.afterEdit();
    await this.renderDone;
  }

  /**
   * The current view as a PNG blob. `{ kind: 'full' }` (default): the photo at its
   * full resolution on `day` (default: the current day); `{ kind: 'strip', days }`:
   * the preview on several days side by side, labelled.
   */
  async exportPng({ kind = 'full', day = this.day, days } = {}) {
    await this.ready;
    const json = JSON.stringify(this.design);
    if (kind === 'strip') {
      const list = days ?? [healedDay(this.design), 365, 730.5, 1826];
      const labels = list.map((d) => dayLabel(this.t, d));
      const { blob } = await this.engine.request('strip', { days: list, labels, json });
      return blob;
    }
    const { blob } = await this.engine.request('export', { day, json });
    return blob;
  }
}

if (!customElements.get('smp-previewer')) customElements.define('smp-previewer', SmpPreviewer);
