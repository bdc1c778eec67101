// The words of the time panel, free of the DOM: the day's label, the aftercare
// advice for the day, the top-up plan and the chart's axis labels. Each takes the
// translator `t` (i18n.js). The place for more of the plan (prices, a printable
// summary) is here.
import { dayLabel } from './i18n.js';

/** Ticks under the chart: the first day, three months, five and ten years. */
export function chartTicks(t, horizon) {
  return [
    [0, 'label.day', { n: 0 }], [90, 'label.months', { n: 3 }], [1826, 'label.years', { n: 5 }],
    [horizon, 'label.years', { n: 10 }],
  ].map(([day, key, vars]) => ({ day, label: t(key, vars) }));
}

/** The day's label, marked "healing" before the healed day. */
export function dayText(t, day, healed) {
  return `${dayLabel(t, day)}${day < healed ? ` · ${t('label.healing')}` : ''}`;
}

/** "Visibility 85%" (capped at 150%), or '' without a curve. */
export function visibilityText(t, visibility, hasCurve) {
  return hasCurve ? `${t('visibility')} ${Math.round(Math.min(visibility, 1.5) * 100)}%` : '';
}

/**
 * The aftercare advice on `day`: the session or top-up of the day, else what the
 * skin allows that many days after the last one (dry, a little water, showers,
 * the long run).
 */
export function careText(t, day, sessions, topups = []) {
  const near = (d) => Math.abs(day - d) < 0.5;
  const si = sessions.findIndex(near);
  if (si >= 0) return `${t('care.session', { n: si + 1 })} ${t('care.dry')}`;
  if (topups.some(near)) return t('care.topup');
  const last = [...sessions, ...topups].filter((d) => d <= day).at(-1) ?? 0;
  const age = day - last;
  if (age < 4) return t('care.dry');
  if (age < 7) return t('care.water');
  if (age < 14) return t('care.shower');
  return t('care.long');
}

/**
 * The top-up plan seen from `day`, as lines: when the next top-up is (or that
 * none is left, or none was planned), and how many there are and what they cost
 * together as a share of the first treatment (left out with `share: false`, when
 * the costs are shown in money: lib/costs.js). `plan`: `{ topups: number[],
 * relativeCost: number }` from the engine.
 */
export function planLines(t, plan, day, { share = true } = {}) {
  if (!plan) return [];
  const next = plan.topups.find((d) => d > day);
  const lines = [next != null
    ? t('plan.next', { when: dayLabel(t, next), in: dayLabel(t, next - day) })
    : t(plan.topups.length ? 'plan.noneLeft' : 'plan.none')];
  if (share && plan.topups.length) {
    lines.push(t('plan.count', { n: plan.topups.length, cost: Math.round(plan.relativeCost * 100) }));
  }
  return lines;
}
