// The skin type's name for the shade suggestion (lib/edits.js). Where the skin is
// sampled and its tone are the engine's (`Previewer.suggestShade`, src/web.rs: the
// skin mask's forehead patch below the hairline).

/** Fitzpatrick skin type as a Roman numeral (1 → "I"). */
export const skinTypeName = (type) => ['I', 'II', 'III', 'IV', 'V', 'VI'][type - 1];
