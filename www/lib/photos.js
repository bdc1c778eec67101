// The photo controller: the photo shown (a sample, a host page's demo photo or the
// user's own), the design laid out on it, fitting the design to the head in it, and
// the credit line of the photo shown. Where the samples come from: samples.js. It
// reaches the interface only through `ui()` (interface.js).
import { h } from './dom.js';
import { Engine } from './engine.js';
import { failure } from './errors.js';
import { KEEP_ON_PHOTO, areaBox, carryOver } from './editor.js';
import { facts } from './facts.js';
import { healedDay } from './timeline.js';

/** The credit lines: a sample's author and licence, or the privacy note for one's own photo. */
export function creditLines(t, sample) {
  const license = sample?.license
    ? h('a', { href: sample.license, target: '_blank', rel: 'noopener' }, t('credits.license')) : '';
  return [
    h('p', {}, sample ? t('credits.sample') : t('credits.own')),
    sample ? h('p', { class: 'credit' }, sample.credit, ' ', license) : '',
    h('p', { class: 'hint' }, t('illustrative')),
  ];
}

/** `name` if the engine has such a template (`templates`: the engine's list), else `soft-natural`. */
export function knownTemplate(templates, name) {
  return templates.some((x) => x.name === name) ? name : 'soft-natural';
}

/**
 * The design a new photo starts with: the template `design` (laid out on the photo)
 * with the person's settings of `previous` carried over; a sample's treatment
 * `coverage` (with its preset) only on a hairline style (`application`), since the
 * other applications' templates bring their own (behind hair for female pattern and
 * diffuse).
 */
export function startingDesign(design, previous, { coverage = null, application } = {}) {
  const next = carryOver(design, previous, KEEP_ON_PHOTO);
  if (coverage && application === 'hairline') Object.assign(next, { coverage }, facts().presets[coverage]);
  return next;
}

/** The face module's worker, started on the first fit only. */
const FACE_WORKER_URL = new URL('./face-worker.js', import.meta.url);
const clone = (o) => JSON.parse(JSON.stringify(o));

/**
 * The photo controller: the photo shown (a sample, a host page's demo photo or the
 * user's own), the design laid out on it, and fitting the design to a face.
 */
export class PhotoController {
  /**
   * @param {object} o
   * @param {object} o.editor the design editor (editor.js)
   * @param {object} o.samples the built-in samples (samples.js `Samples`)
   * @param {() => object} o.engine the current render engine
   * @param {() => object|null} o.ui the interface built (interface.js), null before
   * @param {() => Function} o.t the translator
   * @param {() => object[]} o.templates the engine's templates
   * @param {() => string|null} o.template the style a new photo starts with when the
   *   design has none (the `template` attribute)
   * @param {(imageData: ImageData) => Promise<void>} o.showPhoto puts a photo's preview on the stage
   * @param {object} o.time the time controller (time.js): its `day`, `invalidate()` (the
   *   design is another), `updateCurve()`
   * @param {object} o.frames the render loop (frames.js): `now()`, `done`, `request()`
   * @param {() => void} o.changed the design changed: show it, update the curve, render
   * @param {() => void} o.refresh shows the design
   * @param {(e: Error, kept: boolean) => void} o.fail shows and reports an error
   * @param {(e: Error) => Error} o.userError the error in the user's words
   * @param {(detail: object) => void} o.fitted a fit ended (the `smp-fitted` event's detail)
   * @param {() => boolean} o.editing whether the hairline's handles show
   */
  constructor(o) {
    const { editor, samples, engine, ui, t, templates, template, showPhoto, time, frames } = o;
    Object.assign(this, { editor, samples, engine, ui, t, templates, template, showPhoto, time, frames });
    const { changed, refresh, fail, userError, fitted, editing } = o;
    Object.assign(this, { changed, refresh, fail, userError, fitted, editing });
    /** The photo's preview size and full size, or null before the first one. */
    this.photo = null;
    /** The photo's file (kept to restore it after a worker restart or a re-attach). */
    this.blob = null;
    /** The head frame the template is laid out on (a sample's, or from a face fit). */
    this.head = null;
    /**
     * What the face module found on the photo (`{ mask, points }`), once fitted: the
     * render worker keeps the fit (pigment on bare scalp only, templates on the
     * head); after a worker restart it is given again.
     */
    this.analysis = null;
    this.sampleId = null;
    this.faceEngine = null;
  }

  /** Shows the credit line of the photo (a sample's licence, or the privacy note). */
  async showCredits() {
    const ui = this.ui();
    if (!ui) return;
    const t = this.t();
    ui.sampleSelect.value = this.sampleId ?? '';
    const sample = await this.samples.find(this.sampleId);
    if (ui === this.ui()) ui.controls.credits.replaceChildren(...creditLines(t, sample));
  }

  /** Stops the face worker (the element was removed). */
  terminate() {
    this.faceEngine?.terminate();
    this.faceEngine = null;
  }

  /**
   * Ends the face worker when it is idle, before an export: its wasm memory (about 50
   * MiB) never shrinks, and an export of a big photo is when a phone needs it back. The
   * next fit starts it again (the browser keeps its compiled module).
   */
  releaseFace() {
    if (this.faceEngine?.pending.size === 0) this.terminate();
  }

  /**
   * Shows `photo` (a promise of a sample or a demo photo: samples.js `fetch`, `demo`),
   * laid out in its style or `template`; on failure the photo shown stays, the message
   * is shown, and the promise rejects.
   */
  async show(photo, { template = null } = {}) {
    try {
      const { blob, ...sample } = await photo;
      await this.use(blob, { ...sample, template: template ?? sample.template });
    } catch (e) {
      this.fail(e, true);
      throw this.userError(e);
    }
  }

  /** Switches to the built-in sample `id` (`bald-front`, `bald-crown`, `astronaut`). */
  loadSample(id) {
    return this.show(this.samples.fetch(id));
  }

  /**
   * Loads the user's photo (Blob or File) and fits the style to their face. On
   * failure the previous photo and design stay, the message is shown, and the
   * promise rejects.
   */
  async loadImage(blob) {
    this.ui()?.note.progress(() => this.t()('photo.reading'));
    try {
      if (!(blob instanceof Blob) || (blob.type && !blob.type.startsWith('image/'))) {
        throw failure('notImage', 'the file is not an image');
      }
      // The photo is shown as it is while it is fitted: no guessed layout first.
      await this.use(blob, { pending: true });
    } catch (e) {
      this.ui()?.note.clear();
      this.fail(e, true);
      throw this.userError(e);
    }
    // A new photo of a person: lay the style out on their head (one undo step back),
    // at once; the visibility curve follows.
    await this.fitToFace({ auto: true }).catch(() => this.frames.request());
    this.time.updateCurve();
  }

  /** A pasted image file is loaded as a photo. */
  paste(e) {
    const file = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
    if (file) {
      e.preventDefault();
      this.loadImage(file).catch(() => {});
    }
  }

  /**
   * Shows a new photo. A sample brings its head, template and treatment; an upload
   * keeps the current style and settings, laid out anew on the photo; `keepDesign`
   * keeps the design as it is.
   */
  async use(blob, options) {
    const { head = null, pose = null, keepDesign = false, template = null } = options;
    const { coverage = null, sampleId = null, pending = false } = options;
    const ed = this.editor;
    this.ui().status.textContent = this.t()('loading');
    const r = await this.engine().request('photo', { blob });
    this.blob = blob;
    this.photo = { width: r.width, height: r.height, fullWidth: r.fullWidth, fullHeight: r.fullHeight };
    ed.setSize(r.width, r.height);
    this.head = head;
    this.pose = pose;
    if (!keepDesign) {
      this.analysis = null;
    } else if (this.analysis) {
      // The same photo in a new worker (or re-attached): the fit again, the design kept.
      const name = this.knownTemplate(ed.templateName);
      await this.engine().request('fitPhoto', { ...this.analysis, name }).catch(() => {});
    }
    this.sampleId = sampleId;
    const { controls } = this.ui();
    controls.fitNote.textContent = '';
    controls.mistakeNote.textContent = '';
    await this.showPhoto(r.before);
    this.ui().errorBox.hidden = true;
    if (!keepDesign || !ed.design) {
      const previous = ed.design;
      const name = this.knownTemplate(template ?? ed.templateName ?? this.template());
      const laidOut = await this.templateDesign(name);
      const application = this.templates().find((x) => x.name === name)?.application;
      const design = startingDesign(laidOut, previous, { coverage, application });
      ed.replace(design);
      ed.templateName = name;
      this.time.day = healedDay(design);
    }
    this.showCredits();
    ed.accept(ed.design);
    this.time.invalidate();
    this.refresh();
    this.focusArea();
    // An upload waits for its fit; a sample says it is a demo model.
    if (pending) return;
    if (sampleId) this.ui().note.show(() => this.t()('demo.caption'));
    else if (!keepDesign) this.ui().note.clear();
    await this.frames.now();
    // The visibility curve follows the first frame rather than delaying it.
    await this.time.updateCurve();
  }

  /** Zooms the view onto the treated area (hairline points and brush strokes). */
  focusArea() {
    const { stage } = this.ui();
    const box = areaBox(this.editor.design, this.photo.width, this.photo.height);
    if (box) stage.focus(box, 0.15);
    else stage.fit();
  }

  /** `name` if the engine has such a template, else `soft-natural`. */
  knownTemplate(name) {
    return knownTemplate(this.templates(), name);
  }

  /** Template `name` laid out on the photo: on its fit (the head it found), else on the head frame. */
  async templateDesign(name) {
    const engine = this.engine();
    const known = this.knownTemplate(name);
    const { width, height } = this.photo;
    if (this.analysis) {
      const { design } = await engine.request('fitTemplate', { name: known });
      if (design) return design;
    }
    const { design } = await engine.request('template', { name: known, width, height, head: this.head });
    // A sample's head model: drawn on the head's surface, as a fit would.
    return this.pose ? { ...design, head: this.pose } : design;
  }

  /**
   * Fits the current photo (see the element's `fitToFace`): the face module finds
   * the face and the person's silhouette, the render worker analyses hair and bare
   * scalp and lays the current style out on the head (the crown for a view from
   * above or behind), keeping the client's own hairline where hair stands. `auto`:
   * after an upload, where a failure is only a note.
   */
  async fitToFace({ auto = false } = {}) {
    const t = this.t();
    const ui = this.ui();
    const note = ui?.controls?.fitNote;
    const say = (text) => this.ui()?.note.progress(() => this.t()(text));
    try {
      if (!this.photo || !this.engine()) throw failure('noPhoto', 'no photo to fit');
      const { width, height } = this.photo;
      if (note) note.textContent = t('fit.finding');
      say('fit.finding');
      this.faceEngine ??= new Engine(FACE_WORKER_URL);
      const pixels = ui.stage.before.getContext('2d').getImageData(0, 0, width, height);
      const photo = this.photo;
      const t0 = performance.now();
      const rgba = pixels.data.buffer;
      const found = await this.faceEngine.request('analyse', { rgba, width, height }, [rgba]);
      if (this.photo !== photo) throw failure('photoChanged', 'the photo changed during the fit');
      const face = found.face;
      const analysis = { mask: found.mask, points: face?.points ?? null, depth: face?.depth ?? null };
      const name = this.knownTemplate(this.editor.templateName ?? 'soft-natural');
      say('fit.fitting');
      const t1 = performance.now();
      const { design: proposed, summary } = await this.engine().request('fitPhoto', { ...analysis, name });
      const fitMs = performance.now() - t1;
      if (this.photo !== photo) throw failure('photoChanged', 'the photo changed during the fit');
      this.analysis = analysis;
      this.head = summary.head;
      const design = carryOver(proposed, this.editor.design, KEEP_ON_PHOTO);
      this.editor.replace(design);
      this.editor.templateName = summary.template;
      if (note) note.textContent = fitNote(t, summary, auto);
      // One tap from the note to the handles, for a visitor who sees the result clean.
      const edit = () => [
        { label: this.t()('tools.edit'), run: () => this.ui().tools.setEditing(true, true) }];
      this.ui()?.note.show(() => fitNote(this.t(), summary, auto), () => (this.editing() ? [] : edit()));
      this.changed();
      this.focusArea();
      await this.frames.done;
      const ms = performance.now() - t0;
      const score = face?.score ?? null;
      const { face: findMs, segment: segmentMs } = found.ms;
      const { head } = summary;
      this.fitted({ design: clone(design), head, summary, score, ms, findMs, segmentMs, fitMs });
      return clone(design);
    } catch (e) {
      const err = this.userError(e);
      if (note) note.textContent = err.message;
      this.ui()?.note.show(() => this.userError(e).message);
      if (!auto) this.fail(e, true);
      throw err;
    }
  }
}

/** What a fit found, in words: how the design was laid out and where the scale is from. */
export function fitNote(t, summary, auto) {
  const v = t.number(summary.pxPerCm, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (summary.view === 'top-or-back') return t('fit.noFace', { v });
  if (summary.view === 'side') return t('fit.side', { v });
  const own = summary.ownHairline ? ` ${t('fit.ownHairline')}` : '';
  return t(auto ? 'fit.auto' : 'fit.done', { v }) + own;
}
