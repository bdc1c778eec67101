// The stage: photo canvases, the SVG overlay with the hairline and its control
// points, brush painting, two-point calibration, zoom and pan (wheel, pinch,
// buttons), the before/after split, and drag-and-drop. It reports edits through
// callbacks and never touches the design itself. The view maths (zoom, focus, clamp,
// screen ↔ photo) are in view.js.
import { h } from './dom.js';
import { svg, strokeD, drawCalibration, drawHandles } from './overlay.js';
import {
  clampView, fitScale, fitView, focusView, screenToImage, splitCut, wheelFactor, zoomAt } from './view.js';

export class Stage {
  /**
   * @param {object} o
   * @param {HTMLElement} o.viewport
   * @param {AbortSignal} o.signal removes every listener when aborted
   * @param {(key: string, vars?: object) => string} o.t
   * @param {object} o.on callbacks: pointMove(kind, i, x, y, done), pointSelect(kind, i),
   *   pointRemove(kind, i), stroke(points, done), calibrate(points), files(fileList),
   *   zoom(scale)
   */
  constructor({ viewport, signal, t, on }) {
    this.viewport = viewport;
    this.t = t;
    this.on = on;
    this.signal = signal;
    this.width = 1;
    this.height = 1;
    this.mode = 'hairline';
    this.brushPx = 20;
    this.view = fitView(); // zoom relative to fit; x/y in CSS px
    this.pointers = new Map();
    this.gesture = null;
    this.showLines = true;
    this.selected = null; // { kind, i }
    this.calibPoints = [];

    this.content = h('div', { class: 'content' });
    this.before = h('canvas', { class: 'before' });
    this.after = h('canvas', { class: 'after' });
    this.overlay = svg('svg', { class: 'overlay', 'aria-hidden': 'false' });
    this.frontPath = svg('path', { class: 'front' });
    this.outlinePath = svg('path', { class: 'outline' });
    this.strokePath = svg('path', { class: 'stroke-preview add' });
    this.cursor = svg('circle', { class: 'brush-cursor', r: 0 });
    this.handles = svg('g', { class: 'handles', role: 'group' });
    this.calib = svg('g', { class: 'calib-marks' });
    this.overlay.append(this.outlinePath, this.frontPath, this.strokePath, this.handles, this.calib,
      this.cursor);
    this.content.append(this.before, this.after, this.overlay);
    // The original is read back (skin sampling, the fit): keep it in memory. The
    // frame is drawn by the render worker where the browser lets it (setPhoto).
    this.beforeCtx = this.before.getContext('2d', { willReadFrequently: true });
    this.afterCtx = null;
    const grip = h('span', { class: 'grip', 'aria-hidden': 'true' }, '⇔');
    const tag = (side) => h('span', { class: `tag ${side}` }, t(side));
    this.split = h('div', { class: 'split', hidden: true }, tag('before'), grip, tag('after'));
    this.splitGrip = grip;
    this.splitPos = 0.5;
    viewport.append(this.content, this.split);

    const opts = { signal };
    viewport.addEventListener('pointerdown', (e) => this.pointerDown(e), opts);
    viewport.addEventListener('pointermove', (e) => this.pointerMove(e), opts);
    viewport.addEventListener('pointerup', (e) => this.pointerUp(e), opts);
    viewport.addEventListener('pointercancel', (e) => this.pointerUp(e, true), opts);
    viewport.addEventListener('pointerleave', () => this.cursor.setAttribute('r', 0), opts);
    viewport.addEventListener('wheel', (e) => this.wheel(e), { ...opts, passive: false });
    viewport.addEventListener('dragover',
      (e) => { e.preventDefault(); viewport.classList.add('drop'); }, opts);
    viewport.addEventListener('dragleave', () => viewport.classList.remove('drop'), opts);
    viewport.addEventListener('drop', (e) => {
      e.preventDefault();
      viewport.classList.remove('drop');
      if (e.dataTransfer?.files?.length) this.on.files(e.dataTransfer.files);
    }, opts);
    this.handles.addEventListener('keydown', (e) => this.key(e), opts);
    this.handles.addEventListener('focusin', (e) => {
      const h = e.target.closest?.('.handle');
      if (h) this.on.pointSelect(h.dataset.kind, Number(h.dataset.i));
    }, opts);
    grip.addEventListener('pointerdown', (e) => {
      e.stopPropagation();
      grip.setPointerCapture(e.pointerId);
      this.gesture = { type: 'split' };
    }, opts);
    grip.addEventListener('pointermove', (e) => {
      if (this.gesture?.type !== 'split') return;
      const r = this.viewport.getBoundingClientRect();
      this.setSplit((e.clientX - r.left) / r.width, true);
    }, opts);
    grip.addEventListener('pointerup', () => { this.gesture = null; }, opts);
    this.resizer = new ResizeObserver(() => this.layout());
    this.resizer.observe(viewport);
    signal?.addEventListener('abort', () => this.destroy(), { once: true });
  }

  /** Stops watching the viewport's size (listeners go with the signal). */
  destroy() {
    this.resizer?.disconnect();
    this.resizer = null;
  }

  /**
   * Shows a new photo (its preview pixels) on a new frame canvas and resets the view.
   * Returns that canvas' OffscreenCanvas for the render worker to draw every frame
   * into (no frame's pixels then cross this thread), or null: frames come to `draw`.
   */
  setPhoto(imageData) {
    this.width = imageData.width;
    this.height = imageData.height;
    const after = h('canvas', { class: 'after' });
    after.style.clipPath = this.after.style.clipPath;
    this.after.replaceWith(after);
    this.after = after;
    for (const c of [this.before, this.after]) {
      c.width = this.width;
      c.height = this.height;
    }
    this.beforeCtx.putImageData(imageData, 0, 0);
    this.overlay.setAttribute('viewBox', `0 0 ${this.width} ${this.height}`);
    this.view = fitView();
    this.layout();
    if (typeof after.transferControlToOffscreen === 'function' && typeof OffscreenCanvas === 'function') {
      this.afterCtx = null;
      return after.transferControlToOffscreen();
    }
    // Frames arrive as changed regions drawn over the plain photo.
    this.afterCtx = after.getContext('2d', { willReadFrequently: true });
    this.afterCtx.putImageData(imageData, 0, 0);
    return null;
  }

  /** Draws a rendered region (or a whole frame) at (x, y), where this thread draws frames. */
  draw(imageData, x = 0, y = 0) {
    if (!this.afterCtx || !imageData
      || x + imageData.width > this.width || y + imageData.height > this.height) return;
    this.afterCtx.putImageData(imageData, x, y);
  }

  fitScale() {
    const r = this.viewport.getBoundingClientRect();
    return fitScale(this.width, this.height, r.width, r.height);
  }

  /** Applies the zoom/pan transform. */
  layout() {
    const r = this.viewport.getBoundingClientRect();
    const s = this.fitScale() * this.view.zoom;
    // Centre when smaller than the viewport, otherwise keep within bounds.
    const v = clampView(this.view, s, this.width, this.height, r.width, r.height);
    this.view.x = v.x;
    this.view.y = v.y;
    this.content.style.width = `${this.width}px`;
    this.content.style.height = `${this.height}px`;
    this.content.style.transform = `translate(${this.view.x}px, ${this.view.y}px) scale(${s})`;
    this.scale = s;
    this.overlay.style.setProperty('--inv', String(1 / s));
    this.placeSplit();
    this.drawHandles();
  }

  zoomBy(factor, clientX, clientY) {
    const r = this.viewport.getBoundingClientRect();
    const cx = (clientX ?? r.left + r.width / 2) - r.left;
    const cy = (clientY ?? r.top + r.height / 2) - r.top;
    // Keep the image point under (cx, cy) in place.
    this.view = zoomAt(this.view, factor, cx, cy, this.fitScale());
    this.layout();
    this.on.zoom?.(this.view.zoom);
  }

  /** Zooms so the box (photo pixels) fills the view, with a margin around it. */
  focus([x0, y0, x1, y1], margin = 0.35) {
    const r = this.viewport.getBoundingClientRect();
    const view = focusView([x0, y0, x1, y1], margin, this.fitScale(), r.width, r.height);
    if (!view) return;
    this.view = view;
    this.layout();
    this.on.zoom?.(view.zoom);
  }

  fit() {
    this.view = fitView();
    this.layout();
    this.on.zoom?.(1);
  }

  /** Takes another stage's view (zoom and position), e.g. after a rebuild. */
  setView(view) {
    if (!view) return;
    this.view = { ...view };
    this.layout();
  }

  /** Client coordinates of photo pixel `(x, y)`. */
  toClient(x, y) {
    const r = this.content.getBoundingClientRect();
    return [r.left + (x / this.width) * r.width, r.top + (y / this.height) * r.height];
  }

  /** Client coordinates → photo pixels. */
  toImage(clientX, clientY) {
    return screenToImage(clientX, clientY, this.content.getBoundingClientRect(), this.width, this.height);
  }

  wheel(e) {
    e.preventDefault();
    this.zoomBy(wheelFactor(e.deltaY, e.deltaMode), e.clientX, e.clientY);
  }

  pointerDown(e) {
    if (e.button > 0) return;
    this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    this.viewport.setPointerCapture?.(e.pointerId);
    if (this.pointers.size === 2) {
      // A second finger turns any gesture into a pinch.
      if (this.gesture?.type === 'stroke') this.on.stroke(this.gesture.points, true, true);
      const [a, b] = [...this.pointers.values()];
      this.gesture = {
        type: 'pinch', dist: Math.hypot(a.x - b.x, a.y - b.y), mid: [(a.x + b.x) / 2, (a.y + b.y) / 2] };
      return;
    }
    const handle = e.target.closest?.('.handle');
    if (handle && this.mode === 'hairline') {
      e.preventDefault();
      handle.focus({ preventScroll: true });
      this.gesture = { type: 'point', kind: handle.dataset.kind, i: Number(handle.dataset.i), moved: false };
      this.on.pointSelect(handle.dataset.kind, Number(handle.dataset.i));
      return;
    }
    const [x, y] = this.toImage(e.clientX, e.clientY);
    if (this.mode === 'brush' || this.mode === 'erase') {
      this.gesture = { type: 'stroke', points: [[x, y]] };
      this.drawStroke();
      this.on.stroke(this.gesture.points, false);
    } else if (this.mode === 'calibrate') {
      this.calibPoints.push([x, y]);
      this.drawCalibration();
      if (this.calibPoints.length === 2) this.on.calibrate(this.calibPoints.slice());
    } else {
      this.gesture = { type: 'pan', x: e.clientX, y: e.clientY };
    }
  }

  pointerMove(e) {
    if (this.mode === 'brush' || this.mode === 'erase') {
      const [x, y] = this.toImage(e.clientX, e.clientY);
      this.cursor.setAttribute('cx', x);
      this.cursor.setAttribute('cy', y);
      this.cursor.setAttribute('r', this.brushPx);
    }
    if (!this.pointers.has(e.pointerId)) return;
    this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const g = this.gesture;
    if (!g) return;
    if (g.type === 'pinch' && this.pointers.size >= 2) {
      const [a, b] = [...this.pointers.values()];
      const dist = Math.hypot(a.x - b.x, a.y - b.y);
      const mid = [(a.x + b.x) / 2, (a.y + b.y) / 2];
      this.view.x += mid[0] - g.mid[0];
      this.view.y += mid[1] - g.mid[1];
      this.zoomBy(dist / (g.dist || dist), mid[0], mid[1]);
      g.dist = dist;
      g.mid = mid;
    } else if (g.type === 'pan') {
      this.view.x += e.clientX - g.x;
      this.view.y += e.clientY - g.y;
      g.x = e.clientX;
      g.y = e.clientY;
      this.layout();
    } else if (g.type === 'point') {
      const [x, y] = this.toImage(e.clientX, e.clientY);
      g.moved = true;
      this.on.pointMove(g.kind, g.i, x, y, false);
    } else if (g.type === 'stroke') {
      const [x, y] = this.toImage(e.clientX, e.clientY);
      const last = g.points.at(-1);
      if (Math.hypot(x - last[0], y - last[1]) >= Math.max(1, this.brushPx / 4)) {
        g.points.push([x, y]);
        this.drawStroke();
        this.on.stroke(g.points, false);
      }
    }
  }

  pointerUp(e, cancelled = false) {
    this.pointers.delete(e.pointerId);
    const g = this.gesture;
    if (this.pointers.size > 0 && g?.type === 'pinch') return;
    this.gesture = null;
    if (!g) return;
    if (g.type === 'point' && g.moved) {
      const [x, y] = this.toImage(e.clientX, e.clientY);
      this.on.pointMove(g.kind, g.i, x, y, true);
    } else if (g.type === 'stroke') {
      this.strokePath.setAttribute('d', '');
      this.on.stroke(g.points, true, cancelled);
    }
  }

  key(e) {
    const h = e.target.closest?.('.handle');
    if (!h) return;
    const kind = h.dataset.kind;
    const i = Number(h.dataset.i);
    const step = e.shiftKey ? 10 : 1;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[e.key]) {
      e.preventDefault();
      e.stopPropagation();
      const [dx, dy] = moves[e.key];
      this.on.pointMove(kind, i, Number(h.dataset.x) + dx, Number(h.dataset.y) + dy, true);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      this.on.pointRemove(kind, i);
    }
  }

  setMode(mode) {
    this.mode = mode;
    this.viewport.classList.toggle('painting', mode !== 'hairline');
    if (mode !== 'brush' && mode !== 'erase') this.cursor.setAttribute('r', 0);
    this.strokePath.setAttribute('class', `stroke-preview ${mode === 'erase' ? 'erase' : 'add'}`);
    if (mode !== 'calibrate') this.calibPoints = [];
    this.drawCalibration();
    this.drawHandles();
  }

  setBrush(px) {
    this.brushPx = px;
    this.cursor.setAttribute('r', this.mode === 'hairline' ? 0 : px);
  }

  drawStroke() {
    const pts = this.gesture?.points ?? [];
    if (!pts.length) return;
    this.strokePath.setAttribute('d', strokeD(pts));
    this.strokePath.setAttribute('stroke-width', this.brushPx * 2);
  }

  drawCalibration() {
    drawCalibration(this.calib, this.calibPoints, this.scale || 1);
  }

  /** The hairline curves from the engine and the design's control points (unchanged: nothing redrawn). */
  setHairline(paths, points) {
    const key = JSON.stringify([paths, points]);
    if (key === this.hairlineKey) return;
    this.hairlineKey = key;
    this.paths = paths;
    this.points = points;
    this.frontPath.setAttribute('d', paths?.front ?? '');
    this.outlinePath.setAttribute('d', paths?.outline ?? '');
    this.drawHandles();
  }

  setSelected(sel) {
    this.selected = sel;
    for (const h of this.handles.children) {
      const on = sel && h.dataset.kind === sel.kind && Number(h.dataset.i) === sel.i ? 'true' : 'false';
      if (h.getAttribute('aria-selected') !== on) h.setAttribute('aria-selected', on);
    }
  }

  setShowLines(show) {
    this.showLines = show;
    this.overlay.classList.toggle('hide-edit', !show);
  }

  drawHandles() {
    if (!this.points) return;
    drawHandles(this.handles, this.points,
      { t: this.t, scale: this.scale || 1, editable: this.mode === 'hairline', selected: this.selected });
  }

  /** Shows or hides the before/after split. */
  setCompare(on) {
    this.split.hidden = !on;
    this.placeSplit();
  }

  /** Split position 0..1 across the visible stage (left of it: before; right: after). */
  setSplit(pos, fromGesture) {
    this.splitPos = Math.min(1, Math.max(0, pos));
    this.placeSplit();
    if (fromGesture) this.on.split?.(this.splitPos);
  }

  /** Places the divider and clips the rendered canvas to its right, at any zoom. */
  placeSplit() {
    if (this.split.hidden) {
      this.after.style.clipPath = '';
      return;
    }
    const r = this.viewport.getBoundingClientRect();
    this.split.style.left = `${this.splitPos * r.width}px`;
    const cut = splitCut(this.splitPos, r, this.content.getBoundingClientRect());
    this.after.style.clipPath = `inset(0 0 0 ${(cut * 100).toFixed(2)}%)`;
  }
}
