// The design editor: the current design, the last one the engine accepted, undo and
// redo, and every edit the page makes (settings, point moves, added and removed
// points, brush strokes, templates, treatments, the "common mistakes"). Free of the
// DOM and of the engine, so Node's test runner covers it; the element calls it and
// then shows and renders the result.
// The treatments' presets and the point limits are the engine's (www/lib/facts.js).
import { History } from './history.js';
import { facts } from './facts.js';

/** What the "common mistakes" buttons set: settings that produce each failure. */
export const MISTAKES = {
  helmet: (d) => { d.density = 160; d.shade = 1; d.dot_size_mm = 0.4; d.hairline.softness_mm = 2; },
  harsh: (d) => { d.hairline.softness_mm = 0; d.hairline.irregularity = 0; },
};

/** What a new photo (or a face fit) keeps of the design: all but the hairline, strokes and scale. */
export const KEEP_ON_PHOTO = [
  'aftercare', 'topups', 'effects', 'sessions', 'seed', 'density', 'dot_size_mm', 'shade', 'jitter',
  'coverage', 'skin_mask',
];
/** What choosing another template keeps: the person's care and plan, and the scale. */
export const KEEP_ON_TEMPLATE = ['aftercare', 'topups', 'effects', 'sessions', 'seed', 'jitter', 'scale'];

const clone = (o) => JSON.parse(JSON.stringify(o));
/** A coordinate kept within the engine's margin outside the photo (a fraction of its size). */
function clampFraction(v) {
  const margin = facts().pointMargin;
  return Math.min(1 + margin, Math.max(-margin, v));
}

/** `design` with the fields `keys` copied from `previous` (when there is one). */
export function carryOver(design, previous, keys) {
  if (previous) for (const k of keys) design[k] = clone(previous[k]);
  return design;
}

/** Photo pixels per millimetre of a design's scale on a photo `width` pixels wide: the
 * engine's `Scale::px_per_mm`, kept here for use at once (tests/unit/facts.test.mjs
 * checks the two agree). */
export function pxPerMm(design, width) {
  const s = design.scale;
  return (s.px_per_cm / 10) * (width / s.at_width);
}

/** The scale measured by two points `px` pixels apart that are `cm` apart, or null. */
export function twoPointScale(px, cm, width) {
  if (!(cm > 0) || !(px >= 2)) return null;
  return { px_per_cm: px / cm, at_width: width, method: 'two_point' };
}

/**
 * The treated area in photo pixels, `[x0, y0, x1, y1]`: the hairline points and the
 * brush strokes (with their radius), extended below by `below` times its height (1.2:
 * so the face is seen in context) but not past the photo; null when there is nothing.
 */
export function areaBox(design, width, height, below = 1.2) {
  const xs = [];
  const ys = [];
  for (const p of [...design.hairline.front, ...design.hairline.outline]) {
    xs.push(p.x * width);
    ys.push(p.y * height);
  }
  const scale = pxPerMm(design, width);
  for (const s of design.strokes ?? []) {
    const r = s.radius_mm * scale;
    for (const p of s.points) {
      xs.push(p.x * width - r, p.x * width + r);
      ys.push(p.y * height - r, p.y * height + r);
    }
  }
  if (!xs.length) return null;
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  return [Math.min(...xs), y0, Math.max(...xs), Math.min(height, y1 + (y1 - y0) * below)];
}

export class DesignEditor {
  /** @param {{limit?: number}} [o] how many undo steps are kept */
  constructor({ limit } = {}) {
    /** The design shown (the JSON design format), or null before the first photo. */
    this.design = null;
    /** The last design the engine rendered: a refused design goes back to it. */
    this.good = null;
    this.history = new History(limit);
    /** The template the hairline came from. */
    this.templateName = null;
    /** The selected control point, `{ kind: 'front'|'outline', i }`, or null. */
    this.selected = null;
    /** The photo's size in pixels (point moves and strokes arrive in pixels). */
    this.width = 1;
    this.height = 1;
    this.live = false;
    this.dragging = false;
    this.painting = null;
  }

  get canUndo() {
    return this.history.canUndo;
  }

  get canRedo() {
    return this.history.canRedo;
  }

  /** Sets the photo's size in pixels. */
  setSize(width, height) {
    this.width = width;
    this.height = height;
  }

  /** Replaces the design as one undo step (none when there was no design). */
  replace(design) {
    if (this.design) this.history.push(this.design);
    this.design = design;
  }

  /**
   * Applies `mutator` to a copy of the design. Edits with `live` (a slider being
   * dragged) are one undo step together, ended by an edit without it or by
   * `edit(null)`. Returns whether anything was applied.
   */
  edit(mutator, { live = false } = {}) {
    if (!mutator) {
      this.live = false;
      return false;
    }
    if (!this.live) this.history.push(this.design);
    this.live = live;
    const d = clone(this.design);
    mutator(d);
    this.design = d;
    return true;
  }

  /** Records that the engine rendered `design` (a copy is kept). */
  accept(design) {
    this.good = clone(design);
  }

  /** Goes back to the last design the engine rendered. */
  revert() {
    this.design = clone(this.good);
  }

  /** Switches to treatment `mode` with its preset settings. */
  coverage(mode) {
    return this.edit((d) => {
      d.coverage = mode;
      Object.assign(d, facts().presets[mode]);
    });
  }

  /** Applies the settings of the common mistake `kind`; false for an unknown one. */
  mistake(kind) {
    return Object.hasOwn(MISTAKES, kind) && this.edit(MISTAKES[kind]);
  }

  /** Uses `design`, laid out from template `name`, keeping the person's settings. */
  template(name, design) {
    this.replace(carryOver(design, this.design, KEEP_ON_TEMPLATE));
    this.templateName = name;
  }

  /**
   * Moves point `i` of line `kind` to (x, y) photo pixels. A drag is one undo step:
   * the first move records it, the one with `done` ends it. False if no such point.
   */
  movePoint(kind, i, x, y, done) {
    const list = this.design.hairline[kind];
    if (!list?.[i]) return false;
    if (!this.dragging) {
      this.history.push(this.design);
      this.dragging = true;
    }
    const d = clone(this.design);
    d.hairline[kind][i] = { x: clampFraction(x / this.width), y: clampFraction(y / this.height) };
    this.design = d;
    if (done) this.dragging = false;
    this.selected = { kind, i };
    return true;
  }

  select(sel) {
    this.selected = sel;
  }

  /**
   * Adds a point after the selected one (or the middle of the hairline), halfway to
   * the next, and selects it; false when the line is full or too short.
   */
  addPoint(sel = this.selected) {
    sel ??= { kind: 'front', i: Math.floor((this.design.hairline.front.length - 1) / 2) };
    const list = this.design.hairline[sel.kind];
    if (!list || list.length < 2 || list.length >= facts().maxHairlinePoints) return false;
    const i = Math.min(sel.i, list.length - 2);
    this.edit((d) => {
      const l = d.hairline[sel.kind];
      l.splice(i + 1, 0, { x: (l[i].x + l[i + 1].x) / 2, y: (l[i].y + l[i + 1].y) / 2 });
    });
    this.selected = { kind: sel.kind, i: i + 1 };
    return true;
  }

  /** Removes a point (the hairline keeps at least two); false if none was removed. */
  removePoint(sel = this.selected) {
    if (!sel) return false;
    const list = this.design.hairline[sel.kind];
    const min = sel.kind === 'front' ? 2 : 0;
    if (!list || list.length <= min || !list[sel.i]) return false;
    this.edit((d) => { d.hairline[sel.kind].splice(sel.i, 1); });
    this.selected = null;
    return true;
  }

  /**
   * The brush stroke being painted through `points` (photo pixels), drawn anew with
   * each call; `done` ends it (one undo step), `cancelled` takes it away.
   */
  paint(points, { erase = false, radiusMm, done = false, cancelled = false }) {
    const stroke = {
      mode: erase ? 'erase' : 'add',
      radius_mm: radiusMm,
      softness: 0.5,
      strength: 1,
      points: points.map(([x, y]) => ({
        x: clampFraction(x / this.width), y: clampFraction(y / this.height),
      })),
    };
    if (!this.painting) {
      this.history.push(this.design);
      this.painting = clone(this.design);
    }
    const d = clone(this.painting);
    if (!cancelled) d.strokes.push(stroke);
    this.design = d;
    if (done) this.painting = null;
  }

  /** Goes one step back; false when there is none. */
  undo() {
    const d = this.history.undo(this.design);
    if (d) this.design = d;
    return !!d;
  }

  /** Goes one step forward again; false when there is none. */
  redo() {
    const d = this.history.redo(this.design);
    if (d) this.design = d;
    return !!d;
  }

  /** The control points in photo pixels, `{ front: [[x, y]…], outline: […] }`. */
  pointsPx() {
    const map = (list) => list.map((p) => [p.x * this.width, p.y * this.height]);
    return { front: map(this.design.hairline.front), outline: map(this.design.hairline.outline) };
  }

  /** Photo pixels per millimetre at the design's scale. */
  pxPerMm() {
    return pxPerMm(this.design, this.width);
  }
}
