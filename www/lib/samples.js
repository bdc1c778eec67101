// Where photos come from besides the user: the built-in samples (demo/samples.json,
// the one home of where each sample's head is, its style, treatment and credit) and
// a host page's own demo photo (`demo-src`, `demo-head`). Free of the DOM.
import { facts } from './facts.js';

/** The built-in sample photos and where each head is. */
export const SAMPLES_URL = new URL('../demo/samples.json', import.meta.url);

/**
 * The head frame of a `demo-head` attribute ("centerX,browY,pxPerCm[,halfWidthCm,
 * topCm,widestCm[,foreshortening[,rollDegrees,hairlineWidth]]]"), named as the engine
 * takes it (`{ centerX, browY, pxPerCm, … }`: the names and how many may be given are
 * the engine's facts, `headFields` and `headNumbers`); null with a warning when it is
 * not as many finite numbers as the engine takes.
 */
export function parseHead(text) {
  if (!text) return null;
  const numbers = text.split(',').map(Number);
  const { headNumbers, headFields } = facts();
  if (headNumbers.includes(numbers.length) && numbers.every(Number.isFinite)) {
    return Object.fromEntries(numbers.map((v, i) => [headFields[i], v]));
  }
  console.warn(`<smp-previewer>: demo-head "${text}" ignored: give ${headNumbers.join(', ')} numbers`);
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
   * `demo/samples.json`: `{ default, samples: [{ id, photo, head, pose, template,
   * coverage, credit, license }] }` (`pose`: the head model its face gives, a design's
   * `head`, so the sample is drawn on the head's surface; `smp-render PHOTO --fit
   * --print-design`).
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
    const { head, pose = null, template, coverage } = sample;
    return { blob, head, pose, template, coverage, sampleId: sample.id };
  }

  /**
   * The demo photo shown first: `src` (a host page's own photo, with its head frame
   * `headText`) if given, else the sample `sampleId`, else the default sample. The
   * head is read on first use, once the engine's facts (how many numbers) are in.
   */
  async demo({ src, headText, sampleId }) {
    if (!src) return this.fetch(sampleId);
    const blob = await fetchBlob(new URL(src, globalThis.document?.baseURI).href);
    return { blob, get head() { return parseHead(headText); }, sampleId: null };
  }
}
