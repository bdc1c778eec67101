// The time axis shared by the slider and the chart: the first 90 days (healing and
// sessions) take a quarter of the width, the remaining ten years the rest.
import { facts } from './facts.js';

/** The last day shown: the engine's horizon (ten years of 365.2425 days). */
export const horizonDays = () => facts().horizonDays;
const KNEE_DAYS = 90;
const KNEE = 0.25;

/** Position 0..1 on the axis for `day`. */
export function dayToPos(day) {
  const horizon = horizonDays();
  const d = Math.min(Math.max(day, 0), horizon);
  return d <= KNEE_DAYS
    ? (d / KNEE_DAYS) * KNEE
    : KNEE + ((d - KNEE_DAYS) / (horizon - KNEE_DAYS)) * (1 - KNEE);
}

/** The day at position `pos` (0..1) on the axis, rounded to a whole day (the end of
 * the axis is the horizon itself, never a day past it). */
export function posToDay(pos) {
  const horizon = horizonDays();
  const p = Math.min(Math.max(pos, 0), 1);
  const d = p <= KNEE
    ? (p / KNEE) * KNEE_DAYS
    : KNEE_DAYS + ((p - KNEE) / (1 - KNEE)) * (horizon - KNEE_DAYS);
  return Math.min(Math.round(d), horizon);
}

/** The healed day of a design: the engine's six weeks after its last session
 * (`Plan::healed_day`). */
export function healedDay(design) {
  return Math.round((design?.sessions?.days?.at(-1) ?? 0) + facts().healedAfterDays);
}
