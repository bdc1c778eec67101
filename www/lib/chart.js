// The visibility chart: an SVG drawn on the same time axis as the slider, with
// sessions, top-ups and the current day marked.
import { dayToPos } from './timeline.js';

const NS = 'http://www.w3.org/2000/svg';
// Drawn at about its displayed size (the panel is ~310 px wide), so text stays legible.
const W = 320;
const H = 150;
const PAD = { left: 30, right: 8, top: 16, bottom: 20 };

function el(name, attrs = {}, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const x = (day) => PAD.left + dayToPos(day) * (W - PAD.left - PAD.right);
const y = (v) => PAD.top + (1 - Math.min(v, 1.25) / 1.25) * (H - PAD.top - PAD.bottom);

/** The chart's SVG element (empty until `draw`). */
export function createChart(label) {
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': label });
  return svg;
}

/** The day under a pointer event on the chart. */
export function chartDay(svg, event, posToDay) {
  const r = svg.getBoundingClientRect();
  const px = ((event.clientX - r.left) / r.width) * W;
  return posToDay((px - PAD.left) / (W - PAD.left - PAD.right));
}

/**
 * Draws the curve.
 * @param {SVGSVGElement} svg
 * @param {{curve: Float64Array, sessions: number[], topups: number[], day: number,
 *   ticks: {day: number, label: string}[], topupLabel: string}} o
 */
export function drawChart(svg, o) {
  svg.replaceChildren();
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(el('line', { class: 'grid', x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v) }));
    svg.append(el('text', { x: PAD.left - 4, y: y(v) + 3, 'text-anchor': 'end' }, `${Math.round(v * 100)}%`));
  }
  for (const t of o.ticks) {
    const tx = Math.min(W - PAD.right - 12, Math.max(PAD.left + 8, x(t.day)));
    svg.append(el('text', { x: tx, y: H - 6, 'text-anchor': 'middle' }, t.label));
  }
  for (const s of o.sessions) {
    svg.append(el('line', {
      class: 'session', x1: x(s), x2: x(s), y1: H - PAD.bottom, y2: H - PAD.bottom - 5,
    }));
  }
  o.topups.forEach((t, i) => {
    svg.append(el('line', { class: 'topup', x1: x(t), x2: x(t), y1: PAD.top, y2: H - PAD.bottom }));
    if (i === 0) svg.append(el('text', { class: 'topup-label', x: x(t) + 3, y: PAD.top - 5 }, o.topupLabel));
  });
  const c = o.curve;
  if (c.length >= 6) {
    let d = '';
    for (let i = 0; i < c.length; i += 3) {
      d += `${i ? 'L' : 'M'}${x(c[i]).toFixed(1)},${y(c[i + 1]).toFixed(1)}`;
    }
    const last = c.length - 3;
    svg.append(el('path', {
      class: 'area', d: `${d}L${x(c[last]).toFixed(1)},${y(0)}L${x(c[0]).toFixed(1)},${y(0)}Z`,
    }));
    svg.append(el('path', { class: 'curve', d }));
  }
  const cursor = el('line', {
    class: 'cursor', x1: x(o.day), x2: x(o.day), y1: PAD.top - 4, y2: H - PAD.bottom,
  });
  cursor.dataset.role = 'cursor';
  svg.append(cursor);
}

/** Moves the current-day cursor without redrawing. */
export function moveCursor(svg, day) {
  const cursor = svg.querySelector('[data-role="cursor"]');
  if (cursor) {
    cursor.setAttribute('x1', x(day));
    cursor.setAttribute('x2', x(day));
  }
}

/** Visibility at `day` from the curve (linear between points). */
export function visibilityAt(curve, day) {
  for (let i = 3; i < curve.length; i += 3) {
    if (curve[i] >= day) {
      const [d0, v0, d1, v1] = [curve[i - 3], curve[i - 2], curve[i], curve[i + 1]];
      return d1 === d0 ? v1 : v0 + ((v1 - v0) * (day - d0)) / (d1 - d0);
    }
  }
  return curve.length ? curve[curve.length - 2] : 0;
}
