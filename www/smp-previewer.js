// <smp-previewer>: the SMP previewer as a custom element with a shadow root.
//
//   <script type="module" src="smp-previewer.js"></script>
//   <smp-previewer template="soft-natural" accent="#0f766e" cta-href="https://…"></smp-previewer>
//
// Attributes: sample (bald-front|bald-crown|astronaut), demo-src, demo-head
// ("centerX,browY,pxPerCm[,halfWidthCm,topCm,widestCm[,foreshortening[,rollDegrees,
// hairlineWidth]]]": 3, 6, 7 or 9 numbers), template (docs/templates.md), accent,
// logo-src, cta-href, cta-text, lang, dir, units (cm|in), guide (off|open), mode
// (technician), clinic (its name), price and currency (the cost plan); slot: guide.
// A live change of any of them takes effect (`template`: the style laid out anew;
// `sample`, `demo-src`, `demo-head`: the photo they choose; the rest kept).
// Methods: loadImage(blob), loadSample(id), fitToFace(), getDesign(), setDesign(obj),
// setDays(n), exportPng(options), openSummary().
// Events (bubbling, composed): smp-ready, smp-rendered {days, ms}, smp-error {message},
// smp-fitted {design, head, summary, score, ms}.
//
// That is the whole public surface (tests/e2e/api.test.mjs checks it): the element
// is a facade over a private `#inner` (lib/inner.js: the state and the controllers of
// lib/, README's www table says which holds what). Tests and benchmarks reach the
// inside through `el[Symbol.for('smp-previewer.inner')]` (and the class' own, for the
// workers alive): a door for them, not API; nothing behind it is promised to stay.
// Rendering runs in a worker; the photo never leaves the device.
import { Engine } from './lib/engine.js';
import { InnerPreviewer } from './lib/inner.js';
import { exportImage } from './lib/saving.js';
import { styleSheet } from './lib/styles.js';
import { openSummary } from './lib/summary.js';
import { horizonDays } from './lib/timeline.js';

/** The tests' and benchmarks' door to the inside (not API). */
const INNER = Symbol.for('smp-previewer.inner');
const clone = (o) => JSON.parse(JSON.stringify(o));

export class SmpPreviewer extends HTMLElement {
  static observedAttributes = [
    'accent', 'cta-href', 'cta-text', 'currency', 'dir', 'guide', 'lang', 'logo-src', 'mode', 'price',
    'template', 'units', 'demo-src', 'demo-head', 'sample',
  ];

  /** The element's state and controllers (lib/inner.js). */
  #inner;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styleSheet()];
    this.#inner = new InnerPreviewer(this, root);
  }

  connectedCallback() { this.#inner.connect(); }

  disconnectedCallback() { this.#inner.disconnect(); }

  attributeChangedCallback(name, old, value) { this.#inner.attributeChanged(name, old, value); }

  /**
   * Loads a photo (Blob or File) and fits the style to the face in it. On failure
   * the previous photo and design stay, the message is shown, and the promise rejects.
   */
  loadImage(blob) {
    return this.#inner.photos.loadImage(blob);
  }

  /** Switches to the built-in sample `id` (`bald-front`, `bald-crown`, `astronaut`). */
  loadSample(id) {
    return this.#inner.photos.loadSample(id);
  }

  /**
   * Fits the current photo: the face (if any), the person and their own hair; the
   * style laid out on the head, pigment kept on bare scalp. Resolves with the fitted
   * design (one undo step brings the previous one back); rejects, keeping the
   * design, only when no person is in the photo.
   */
  fitToFace(options) {
    return this.#inner.photos.fitToFace(options);
  }

  /** Shows the design as it looks `n` days after the first session. */
  setDays(n) {
    const day = Number(n);
    if (!Number.isFinite(day)) return Promise.reject(new RangeError('setDays: not a number'));
    return this.#inner.time.set(day);
  }

  /** Opens the printable consultation summary in a window of its own (from a user action: a pop-up). */
  openSummary() {
    return openSummary(summaryInputs(this, this.#inner));
  }

  /** A copy of the current design (the JSON design format). */
  getDesign() {
    const { design } = this.#inner;
    return design ? clone(design) : null;
  }

  /** Replaces the design; rejects (keeping the current one) if it is not valid. */
  async setDesign(design) {
    const inner = this.#inner;
    await inner.ready;
    let json;
    try {
      json = JSON.stringify(design);
      const object = design && typeof design === 'object' && !Array.isArray(design);
      if (!object) throw new Error('expected an object');
      await inner.engine.request('design', { json });
    } catch (e) {
      const err = new Error(inner.t('errors.design', { message: e.message }));
      inner.fail(err, true);
      throw err;
    }
    inner.editor.replace(JSON.parse(json));
    inner.time.day = Math.min(inner.day, horizonDays());
    inner.afterEdit();
    await inner.frames.done;
  }

  /**
   * The current view as a PNG blob (lib/saving.js): `{ kind: 'full', day, crop }`
   * (default) the photo at full resolution on `day` (default: the current day), whole
   * or (`crop: 'head'`) framed on the treated area; `{ kind: 'strip', days, crop,
   * before }` the preview before and on several days side by side, labelled, framed on
   * the treated area (`crop: 'photo'`: whole).
   */
  async exportPng(options) {
    await this.#inner.ready;
    return exportImage(scene(this.#inner), options);
  }

  /** The door to the inside, for tests and benchmarks (not API). */
  get [INNER]() { return this.#inner; }

  /** The class' door (not API): `workerCount`, the render workers alive on the page. */
  static get [INNER]() { return { workerCount: Engine.live }; }
}

/** What an export renders from (lib/saving.js): the engine, design, photo, day, note. */
function scene(inner) {
  const { engine, design, photo, day } = inner;
  const releaseFace = () => inner.photos.releaseFace();
  return { engine, design, photo, day, get t() { return inner.t; }, note: inner.ui?.note, releaseFace };
}

/** What the consultation summary is made from (lib/summary.js `openSummary`). */
function summaryInputs(element, inner) {
  return {
    t: inner.t, direction: inner.direction, units: inner.units,
    fail: (e, kept) => inner.fail(e, kept),
    userError: (e) => inner.userError(e),
    settled: async () => { await inner.ready; await inner.time.updating; },
    design: () => element.getDesign(),
    costs: () => {
      const { plan, due, variants, pricing } = inner.time;
      return { plan, due, variants, pricing };
    },
    scene: () => scene(inner),
    strip: () => element.exportPng({ kind: 'strip', before: false }),
    style: () => inner.templates?.find((x) => x.name === inner.editor.templateName),
    attribute: (name) => inner.attribute(name),
  };
}

if (!customElements.get('smp-previewer')) customElements.define('smp-previewer', SmpPreviewer);
