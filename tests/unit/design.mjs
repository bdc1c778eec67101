// A design in the JSON design format, with what the page's modules read (the unit
// tests' common fixture).

/** A design in the JSON design format, with what the editor reads. */
export function design(over = {}) {
  return {
    version: 1,
    seed: 7,
    density: 80,
    dot_size_mm: 0.2,
    shade: 0.7,
    jitter: 0.3,
    coverage: 'shaved',
    skin_mask: true,
    scale: { px_per_cm: 50, at_width: 1000, method: 'default' },
    hairline: {
      softness_mm: 6,
      irregularity: 0.4,
      front: [{ x: 0.3, y: 0.3 }, { x: 0.5, y: 0.25 }, { x: 0.7, y: 0.3 }],
      outline: [{ x: 0.2, y: 0.4 }, { x: 0.5, y: 0.1 }, { x: 0.8, y: 0.4 }],
    },
    strokes: [],
    effects: { blowout: 0, color_shift: 0 },
    sessions: { days: [0, 14, 28] },
    aftercare: {
      sun: 1, sunscreen: true, moisturiser: true, sweating: 'moderate', skin_type: 3, scalp: 'normal',
    },
    topups: { every_months: 24, when_below: null },
    ...over,
  };
}
