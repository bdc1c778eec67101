// The time axis shared by the slider and the chart: the first 90 days (healing and
// sessions) take a quarter of the width, the remaining ten years the rest.

/** The last day shown: ten years of 365.2425 days, exactly the engine's horizon
 * (`fade::HORIZON_DAYS`; the page reads it from the engine, see `setHorizon`). */
export let HORIZON_DAYS = 3652.425;

/** Takes the engine's horizon (the one home of the number). */
export function setHorizon(days) {
  if (Number.isFinite(days) && days > 90) HORIZON_DAYS = days;
}
const KNEE_DAYS = 90;
const KNEE = 0.25;

/** Position 0..1 on the axis for `day`. */
export function dayToPos(day) {
  const d = Math.min(Math.max(day, 0), HORIZON_DAYS);
  return d <= KNEE_DAYS ? (d / KNEE_DAYS) * KNEE : KNEE + ((d - KNEE_DAYS) / (HORIZON_DAYS - KNEE_DAYS)) * (1 - KNEE);
}

/** The day at position `pos` (0..1) on the axis, rounded to a whole day (the end of
 * the axis is the horizon itself, never a day past it). */
export function posToDay(pos) {
  const p = Math.min(Math.max(pos, 0), 1);
  const d = p <= KNEE ? (p / KNEE) * KNEE_DAYS : KNEE_DAYS + ((p - KNEE) / (1 - KNEE)) * (HORIZON_DAYS - KNEE_DAYS);
  return Math.min(Math.round(d), HORIZON_DAYS);
}

/** The healed day of a design: six weeks after its last session. */
export function healedDay(design) {
  const days = design?.sessions?.days ?? [0, 14, 28];
  return Math.round((days.at(-1) ?? 0) + 42);
}
