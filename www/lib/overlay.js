// The stage's SVG overlay drawing: the hairline's control points (focusable,
// labelled handles), the brush stroke being painted and the calibration marks. All
// coordinates are photo pixels (the overlay's viewBox is the photo); `scale` is the
// current CSS px per photo px, so marks keep their on-screen size at any zoom.

const NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes. */
export function svg(name, attrs = {}) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** The path data of a brush stroke through `points` (a single point: a dot). */
export function strokeD(points) {
  return points.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join('')
    + (points.length === 1 ? 'l0.01,0' : '');
}

/** The calibration marks: a dot per point and a line once there are two. */
export function drawCalibration(group, points, scale) {
  group.replaceChildren();
  const p = points;
  if (p.length === 2) {
    group.append(svg('line', { class: 'calib-line', x1: p[0][0], y1: p[0][1], x2: p[1][0], y2: p[1][1] }));
  }
  for (const [x, y] of p) group.append(svg('circle', { class: 'calib', cx: x, cy: y, r: 4 / scale }));
}

/**
 * The control points as handles (`points`: `{ front: [[x, y]…], outline: […] }`),
 * keeping keyboard focus on the handle that had it.
 * @param {SVGGElement} group
 * @param {{front?: number[][], outline?: number[][]}} points
 * @param {{t: Function, scale: number, editable: boolean, selected: {kind: string, i: number}|null}} o
 */
export function drawHandles(group, points, { t, scale, editable, selected }) {
  const r = 6 / scale;
  const hit = 22 / scale; // a 44-px target for fingers
  // The same handles (a drag step, a zoom): moved in place, so focus, hover and
  // the browser's work stay as they are (rebuilding them cost a phone ~10 ms a step).
  const key = JSON.stringify([
    editable, (points.front ?? []).length, (points.outline ?? []).length, t('point.help'),
  ]);
  const list = [...(points.front ?? []), ...(points.outline ?? [])];
  if (group.dataset.key === key && group.children.length === list.length) {
    [...group.children].forEach((g, k) => {
      const [x, y] = list[k];
      const on = selected && selected.kind === g.dataset.kind && selected.i === Number(g.dataset.i)
        ? 'true' : 'false';
      if (g.getAttribute('aria-selected') !== on) g.setAttribute('aria-selected', on);
      g.dataset.x = x;
      g.dataset.y = y;
      const [hitCircle, ring] = g.children;
      for (const [c, radius] of [[hitCircle, hit], [ring, r]]) {
        c.setAttribute('cx', x);
        c.setAttribute('cy', y);
        c.setAttribute('r', radius);
      }
    });
    return;
  }
  group.dataset.key = key;
  const focused = group.querySelector(':focus');
  const keep = focused ? { kind: focused.dataset.kind, i: Number(focused.dataset.i) } : null;
  group.replaceChildren();
  for (const kind of ['front', 'outline']) {
    const list = points[kind] ?? [];
    list.forEach(([x, y], i) => {
      const g = svg('g', {
        class: `handle ${kind}-pt`,
        tabindex: editable ? 0 : -1,
        role: 'button',
        'aria-label': t(kind === 'front' ? 'point.front' : 'point.outline', { n: i + 1, count: list.length })
          + `. ${t('point.help')}`,
        'aria-selected': selected && selected.kind === kind && selected.i === i ? 'true' : 'false',
      });
      g.dataset.kind = kind;
      g.dataset.i = i;
      g.dataset.x = x;
      g.dataset.y = y;
      g.append(
        svg('circle', { class: 'hit', cx: x, cy: y, r: hit }),
        svg('circle', { class: 'ring', cx: x, cy: y, r }),
      );
      if (!editable) g.style.pointerEvents = 'none';
      group.append(g);
    });
  }
  if (keep) {
    const again = [...group.children]
      .find((h) => h.dataset.kind === keep.kind && Number(h.dataset.i) === keep.i);
    again?.focus({ preventScroll: true });
  }
}
