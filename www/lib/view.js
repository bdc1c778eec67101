// The stage's view maths, free of the DOM (so Node tests it): how a photo of
// `width` × `height` pixels sits in a viewport of `roomW` × `roomH` CSS pixels at a
// zoom relative to "fit", and the conversions between screen and photo pixels.
// A view is `{ zoom, x, y }`: the zoom relative to fit and the photo's top-left
// corner in viewport CSS pixels.

/** Zoom limits: buttons, wheel and pinch stop at 16× fit; focusing on an area at 6×. */
export const MAX_ZOOM = 16;
export const MAX_FOCUS_ZOOM = 6;

/** The view that shows the whole photo, centred. */
export const fitView = () => ({ zoom: 1, x: 0, y: 0 });

/** The scale (CSS px per photo px) at which the whole photo just fits the room. */
export function fitScale(width, height, roomW, roomH) {
  return Math.min(roomW / width, roomH / height) || 1;
}

/** One axis: centred when smaller than the room, otherwise kept covering it. */
export function clampOffset(v, size, room) {
  return size <= room ? (room - size) / 2 : Math.min(0, Math.max(room - size, v));
}

/** `view` with its offsets clamped for scale `s`, and that scale. */
export function clampView(view, s, width, height, roomW, roomH) {
  return {
    zoom: view.zoom,
    x: clampOffset(view.x, width * s, roomW),
    y: clampOffset(view.y, height * s, roomH),
    scale: s,
  };
}

/**
 * The view zoomed by `factor` (within 1…MAX_ZOOM) about the point (cx, cy) in
 * viewport pixels, which keeps the photo point under it in place.
 */
export function zoomAt(view, factor, cx, cy, fit) {
  const old = fit * view.zoom;
  const zoom = Math.min(MAX_ZOOM, Math.max(1, view.zoom * factor));
  const s = fit * zoom;
  const ix = (cx - view.x) / old;
  const iy = (cy - view.y) / old;
  return { zoom, x: cx - ix * s, y: cy - iy * s };
}

/**
 * The view that makes the box `[x0, y0, x1, y1]` (photo pixels) fill the room with
 * `margin` (a fraction of the box) around it, centred on it; null for an empty box
 * or an unsized room.
 */
export function focusView([x0, y0, x1, y1], margin, fit, roomW, roomH) {
  const bw = (x1 - x0) * (1 + 2 * margin);
  const bh = (y1 - y0) * (1 + 2 * margin);
  if (!(bw > 0 && bh > 0) || !roomW) return null;
  const zoom = Math.min(MAX_FOCUS_ZOOM, Math.max(1, Math.min(roomW / bw, roomH / bh) / fit));
  const s = fit * zoom;
  return { zoom, x: roomW / 2 - ((x0 + x1) / 2) * s, y: roomH / 2 - ((y0 + y1) / 2) * s };
}

/** Screen (client) coordinates → photo pixels, given the photo's on-screen rectangle. */
export function screenToImage(clientX, clientY, rect, width, height) {
  return [((clientX - rect.left) / rect.width) * width, ((clientY - rect.top) / rect.height) * height];
}

/** Photo pixels → screen (client) coordinates; the inverse of `screenToImage`. */
export function imageToScreen(x, y, rect, width, height) {
  return [rect.left + (x / width) * rect.width, rect.top + (y / height) * rect.height];
}

/**
 * Where the before/after divider cuts the photo, 0…1 across it: the divider sits at
 * `pos` (0…1) across the viewport `view`; `content` is the photo's on-screen rectangle.
 */
export function splitCut(pos, view, content) {
  const x = view.left + pos * view.width;
  return content.width > 0 ? Math.min(1, Math.max(0, (x - content.left) / content.width)) : 0;
}

/** The wheel's zoom factor: a notch of lines or a trackpad's pixels, smoothly. */
export function wheelFactor(deltaY, deltaMode) {
  return Math.exp(-deltaY * (deltaMode === 1 ? 0.05 : 0.0015));
}
