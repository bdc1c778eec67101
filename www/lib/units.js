// Units of the sizes and densities shown: the one home of the factors between the
// engine's millimetres and centimetres and inches (`units="in"`). Free of the DOM.

/** Millimetres in an inch. */
export const MM_PER_INCH = 25.4;
/** Square centimetres in a square inch (2.54²). */
export const CM2_PER_SQUARE_INCH = 6.4516;

/** A density per cm² as one per square inch. */
export function perSquareInch(perCm2) {
  return perCm2 * CM2_PER_SQUARE_INCH;
}

/** A length in millimetres as inches. */
export function inches(mm) {
  return mm / MM_PER_INCH;
}
