// Where to sample bare skin for the shade suggestion, and its colour, free of the
// DOM: the forehead below the hairline, its brighter half (so hair falling into the
// band, a fringe or the eyebrows, does not count as skin).

/**
 * The forehead band in photo pixels, `[x, y, w, h]`: 3 cm wide, from 3.5 to 6.3 cm
 * below the middle hairline point (about 1–3.5 cm above the brows); null when the
 * hairline has fewer than two points.
 * @param {{x: number, y: number}[]} front the hairline, as fractions of the photo
 */
export function foreheadBox(front, width, height, pxPerMm) {
  if (front.length < 2) return null;
  const mid = front[Math.floor(front.length / 2)];
  const cm = pxPerMm * 10;
  return [mid.x * width - 1.5 * cm, mid.y * height + 3.5 * cm, 3 * cm, 2.8 * cm];
}

const luma = (p) => 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];

/** The mean colour `[r, g, b]` (rounded) of the brighter half of RGBA pixels. */
export function skinColour(rgba) {
  const pixels = [];
  for (let i = 0; i + 3 < rgba.length; i += 4) pixels.push([rgba[i], rgba[i + 1], rgba[i + 2]]);
  pixels.sort((a, b) => luma(b) - luma(a));
  const skin = pixels.slice(0, Math.max(1, pixels.length >> 1));
  const sum = [0, 0, 0];
  for (const p of skin) for (let k = 0; k < 3; k++) sum[k] += p[k];
  return sum.map((s) => Math.round(s / skin.length));
}

/** Fitzpatrick skin type as a Roman numeral (1 → "I"). */
export const skinTypeName = (type) => ['I', 'II', 'III', 'IV', 'V', 'VI'][type - 1];
