// The engine's facts: its limits, the time horizon, the healed day's offset, the
// month's length, the top-up's due visibility, the treatments' presets and a head
// frame's named numbers. Their one home is the Rust crate (`Previewer.facts()`,
// src/web.rs); the render worker asks once, the
// element hands them here at start, and the page's modules read them from here
// instead of keeping copies. (Node's unit tests load them from the built engine.)

let current = null;

/** Takes the engine's facts (the object `Previewer.facts()` returns). */
export function setFacts(facts) {
  current = Object.freeze(facts);
}

/**
 * The engine's facts: `{ horizonDays, healedAfterDays, daysPerMonth,
 * topupDueVisibility, maxPixels, maxHairlinePoints, pointMargin, presets,
 * headNumbers, headFields }`.
 */
export function facts() {
  if (!current) throw new Error('the engine facts are not loaded yet (setFacts)');
  return current;
}
