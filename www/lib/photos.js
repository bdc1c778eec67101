// Where photos come from besides the user: the built-in samples (demo/samples.json,
// the one home of where each sample's head is, its style, treatment and credit) and
// a host page's own demo photo (`demo-src`, `demo-head`); and the credit line of
// the photo shown; and the photo controller, which shows a photo and lays the design
// out on it (or on the face found in it).
import { h } from './dom.js';
import { Engine } from './engine.js';
import { KEEP_ON_PHOTO, areaBox, carryOver } from './editor.js';
import { facts } from './facts.js';
import { healedDay } from './timeline.js';

/** The built-in sample photos and where each head is. */
export const SAMPLES_URL = new URL('../demo/samples.json', import.meta.url);

/**
 * The head frame of a `demo-head` attribute ("centerX,browY,pxPerCm[,halfWidthCm,
 * topCm,widestCm[,foreshortening[,rollDegrees,hairlineWidth]]]"): as many finite
 * numbers as the engine takes (`headNumbers` of its facts), else null with a warning.
 */
export function parseHead(text) {
  if (!text) return null;
  const head = text.split(',').map(Number);
  const counts = facts().headNumbers;
  if (counts.includes(head.length) && head.every(Number.isFinite)) return head;
  console.warn(`<smp-previewer>: demo-head "${text}" ignored: give ${counts.join(', ')} numbers`);
  return null;
}

async function fetchBlob(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`demo photo ${url}: ${response.status}`);
  return response.blob();
}

/** The built-in samples, fetched once per element. */
export class Samples {
  /**
   * `demo/samples.json`: `{ default, samples: [{ id, photo, head, pose, template, coverage,
   * credit, license }] }` (`pose`: the head model its face gives, a design's `head`, so
   * the sample is drawn on the head's surface; `smp-render PHOTO --fit --print-design`).
   */
  async list() {
    this.promise ??= fetch(SAMPLES_URL).then((r) => {
      if (!r.ok) throw new Error(`samples ${SAMPLES_URL}: ${r.status}`);
      return r.json();
    });
    try {
      return await this.promise;
    } catch (e) {
      this.promise = null;
      throw e;
    }
  }

  /** A sample's entry, or null (also when the list cannot be read). */
  async find(id) {
    if (!id) return null;
    try {
      return (await this.list()).samples.find((x) => x.id === id) ?? null;
    } catch {
      return null;
    }
  }

  /** A built-in sample's photo and settings; unknown ids fall back to the default. */
  async fetch(id) {
    const { samples, default: fallback } = await this.list();
    const sample = samples.find((x) => x.id === id) ?? samples.find((x) => x.id === fallback);
    const blob = await fetchBlob(new URL(sample.photo, SAMPLES_URL).href);
    return { blob, head: sample.head, pose: sample.pose ?? null, template: sample.template, coverage: sample.coverage, sampleId: sample.id };
  }

  /**
   * The demo photo shown first: `src` (a host page's own photo, with its head frame
   * `headText`) if given, else the sample `sampleId`, else the default sample. The
   * head is read on first use, once the engine's facts (how many numbers) are in.
   */
  async demo({ src, headText, sampleId }) {
    if (!src) return this.fetch(sampleId);
    const blob = await fetchBlob(new URL(src, document.baseURI).href);
    return { blob, get head() { return parseHead(headText); }, sampleId: null };
  }
}

/** The credit lines: a sample's author and licence, or the privacy note for one's own photo. */
export function creditLines(t, sample) {
  return [
    h('p', {}, sample ? t('credits.sample') : t('credits.own')),
    sample ? h('p', { class: 'credit' }, sample.credit, ' ', sample.license ? h('a', { href: sample.license, target: '_blank', rel: 'noopener' }, t('credits.license')) : '') : '',
    h('p', { class: 'hint' }, t('illustrative')),
  ];
}

/** The face module's worker, started on the first fit only. */
const FACE_WORKER_URL = new URL('./face-worker.js', import.meta.url);
const clone = (o) => JSON.parse(JSON.stringify(o));
const userFacing = (key) => Object.assign(new Error(key), { userFacing: true });

/**
 * The photo controller: the photo shown (a sample, a host page's demo photo or the
 * user's own), the design laid out on it, and fitting the design to a face.
 *
 * The host (the <smp-previewer> element) provides: `engine`, `editor`, `stage`,
 * `controls`, `sampleSelect`, `status`, `errorBox`, `t`, `templates`, `time`,
 * `frames`, `getAttribute()`, `refresh()`, `afterEdit()`, `fail()`, `userError()` and
 * `dispatchEvent()`.
 */
export class PhotoController {
  constructor(host) {
    this.host = host;
    this.samples = new Samples();
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
    const { controls, sampleSelect, t } = this.host;
    if (!controls) return;
    sampleSelect.value = this.sampleId ?? '';
    const sample = await this.samples.find(this.sampleId);
    if (controls === this.host.controls) controls.credits.replaceChildren(...creditLines(t, sample));
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

  /** Switches to the built-in sample `id` (`bald-front`, `bald-crown`, `astronaut`). */
  async loadSample(id) {
    try {
      const { blob, ...sample } = await this.samples.fetch(id);
      await this.use(blob, sample);
    } catch (e) {
      this.host.fail(e, true);
      throw this.host.userError(e);
    }
  }

  /**
   * Loads the user's photo (Blob or File) and fits the style to their face. On
   * failure the previous photo and design stay, the message is shown, and the
   * promise rejects.
   */
  async loadImage(blob) {
    const host = this.host;
    host.note?.progress(() => host.t('photo.reading'));
    try {
      if (!(blob instanceof Blob) || (blob.type && !blob.type.startsWith('image/'))) throw userFacing('errors.notImage');
      // The photo is shown as it is while it is fitted: no guessed layout first.
      await this.use(blob, { pending: true });
    } catch (e) {
      host.note?.clear();
      host.fail(e, true);
      throw host.userError(e);
    }
    // A new photo of a person: lay the style out on their head (one undo step back),
    // at once; the visibility curve follows.
    await this.fitToFace({ auto: true }).catch(() => host.requestRender());
    host.time.updateCurve();
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
  async use(blob, { head = null, pose = null, keepDesign = false, template = null, coverage = null, sampleId = null, pending = false }) {
    const host = this.host;
    const ed = host.editor;
    host.status.textContent = host.t('loading');
    const r = await host.engine.request('photo', { blob });
    this.blob = blob;
    this.photo = { width: r.width, height: r.height, fullWidth: r.fullWidth, fullHeight: r.fullHeight };
    ed.setSize(r.width, r.height);
    this.head = head;
    this.pose = pose;
    if (!keepDesign) {
      this.analysis = null;
    } else if (this.analysis) {
      // The same photo in a new worker (or re-attached): the fit again, the design kept.
      await host.engine.request('fitPhoto', { ...this.analysis, name: this.knownTemplate(ed.templateName) }).catch(() => {});
    }
    this.sampleId = sampleId;
    host.controls.fitNote.textContent = '';
    host.controls.mistakeNote.textContent = '';
    await host.showPhoto(r.before);
    host.errorBox.hidden = true;
    if (!keepDesign || !ed.design) {
      const previous = ed.design;
      const name = this.knownTemplate(template ?? ed.templateName ?? host.getAttribute('template'));
      const design = carryOver(await this.templateDesign(name), previous, KEEP_ON_PHOTO);
      // A sample's treatment goes with a hairline style; the other applications'
      // templates bring their own (behind hair for female pattern and diffuse).
      const application = host.templates.find((x) => x.name === name)?.application;
      if (coverage && application === 'hairline') Object.assign(design, { coverage }, facts().presets[coverage]);
      ed.replace(design);
      ed.templateName = name;
      host.time.day = healedDay(design);
    }
    this.showCredits();
    ed.accept(ed.design);
    host.time.invalidate();
    host.refresh();
    this.focusArea();
    // An upload waits for its fit; a sample says it is a demo model.
    if (pending) return;
    if (sampleId) host.note?.show(() => host.t('demo.caption'));
    else if (!keepDesign) host.note?.clear();
    await host.frames.now();
    // The visibility curve follows the first frame rather than delaying it.
    await host.time.updateCurve();
  }

  /** Zooms the view onto the treated area (hairline points and brush strokes). */
  focusArea() {
    const box = areaBox(this.host.editor.design, this.photo.width, this.photo.height);
    if (box) this.host.stage.focus(box, 0.15);
    else this.host.stage.fit();
  }

  /** `name` if the engine has such a template, else `soft-natural`. */
  knownTemplate(name) {
    return this.host.templates.some((x) => x.name === name) ? name : 'soft-natural';
  }

  /** Template `name` laid out on the photo: on its fit (the head it found), else on the head frame. */
  async templateDesign(name) {
    const { engine } = this.host;
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
    const host = this.host;
    const { t } = host;
    const note = host.controls?.fitNote;
    try {
      if (!this.photo || !host.engine) throw userFacing('errors.noPhoto');
      const { width, height } = this.photo;
      if (note) note.textContent = t('fit.finding');
      host.note?.progress(() => host.t('fit.finding'));
      this.faceEngine ??= new Engine(FACE_WORKER_URL);
      const pixels = host.stage.before.getContext('2d').getImageData(0, 0, width, height);
      const photo = this.photo;
      const t0 = performance.now();
      const found = await this.faceEngine.request('analyse', { rgba: pixels.data.buffer, width, height }, [pixels.data.buffer]);
      if (this.photo !== photo) throw userFacing('errors.photoChanged');
      const analysis = { mask: found.mask, points: found.face?.points ?? null, depth: found.face?.depth ?? null };
      const name = this.knownTemplate(host.editor.templateName ?? 'soft-natural');
      host.note?.progress(() => host.t('fit.fitting'));
      const t1 = performance.now();
      const { design: proposed, summary } = await host.engine.request('fitPhoto', { ...analysis, name });
      const fitMs = performance.now() - t1;
      if (this.photo !== photo) throw userFacing('errors.photoChanged');
      this.analysis = analysis;
      this.head = summary.head;
      const design = carryOver(proposed, host.editor.design, KEEP_ON_PHOTO);
      host.editor.replace(design);
      host.editor.templateName = summary.template;
      if (note) note.textContent = fitNote(t, summary, auto);
      // One tap from the note to the handles, for a visitor who sees the result clean.
      host.note?.show(() => fitNote(host.t, summary, auto),
        () => (host.edits.editing ? [] : [{ label: host.t('tools.edit'), run: () => host.tools.setEditing(true, true) }]));
      host.afterEdit();
      this.focusArea();
      await host.frames.done;
      const ms = performance.now() - t0;
      const detail = { design: clone(design), head: summary.head, summary, score: found.face?.score ?? null, ms, findMs: found.ms.face, segmentMs: found.ms.segment, fitMs };
      host.dispatchEvent(new CustomEvent('smp-fitted', { bubbles: true, composed: true, detail }));
      return clone(design);
    } catch (e) {
      const err = host.userError(e);
      if (note) note.textContent = err.message;
      host.note?.show(() => host.userError(e).message);
      if (!auto) host.fail(e, true);
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
