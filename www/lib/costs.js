// The cost plan, free of the DOM: the clinic's price and currency (the element's
// `price` and `currency` attributes), the first treatment and each top-up priced
// (a top-up costs the design's `topups.cost_fraction` of the first treatment), the
// total over ten years, and the care factors that bring a top-up forward, each with
// its effect ("Daily sunscreen: next top-up in 35 months instead of 25 months").
//
// The top-up days and a top-up's share of the first treatment come from the engine
// (the wasm `Previewer.plan`), its month and the visibility at which the fade calls
// for a top-up from its facts (lib/facts.js): this module only prices the days, and
// says which what-if designs the engine must plan for the factors' effects
// (`careVariants`). Money is written by Intl.NumberFormat in the
// page's language ("€1,234.50", "1.234,50 €"); without a currency costs are
// fractions of the first treatment, as the plan showed them before.
import { facts } from './facts.js';
import { dayLabel } from './i18n.js';

/**
 * Reads the `price` and `currency` attributes. Returns `{ price, currency, errors }`:
 * `price` a positive finite number or null, `currency` an upper-case ISO 4217 code
 * or null, `errors` the refused values as `{ key, value }` (translation keys
 * `errors.price`, `errors.currency`). A refused value is null, so the caller can keep
 * what it had.
 */
export function parsePricing(priceText, currencyText) {
  const errors = [];
  let price = null;
  let currency = null;
  if (priceText != null && String(priceText).trim() !== '') {
    const text = String(priceText).trim();
    const v = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    if (Number.isFinite(v) && v > 0) price = v;
    else errors.push({ key: 'errors.price', value: text });
  }
  if (currencyText != null && String(currencyText).trim() !== '') {
    const text = String(currencyText).trim();
    if (/^[A-Za-z]{3}$/.test(text) && knownCurrency(text.toUpperCase())) currency = text.toUpperCase();
    else errors.push({ key: 'errors.currency', value: text });
  }
  return { price, currency, errors };
}

/** Whether `code` is a currency this runtime knows (any well-formed code if it cannot say). */
function knownCurrency(code) {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : null;
  return !known || known.length === 0 || known.includes(code);
}

/**
 * `amount` in `currency`, written the way the translator `t`'s language writes money
 * ("€1,234.50", German "1.234,50 €"); whole amounts without cents ("€1,200").
 */
export function money(t, amount, currency) {
  const whole = Math.abs(amount - Math.round(amount)) < 0.005;
  return t.number(amount, {
    style: 'currency', currency, ...(whole ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
  });
}

/**
 * The priced plan. `plan`: `{ topups: number[], costFraction }` (the engine's: the
 * top-ups' days, and a top-up's price as a fraction of the first treatment);
 * `pricing`: `{ price, currency }` (either missing: costs as fractions of the first
 * treatment).
 * Returns `{ money, first, each, topups: [{ day, cost }], total }`, every cost in
 * the currency when `money` is true, else as a fraction (the first treatment is 1).
 */
export function costPlan(plan, pricing = {}) {
  const fraction = plan?.costFraction ?? 0;
  const withMoney = pricing.price != null && pricing.currency != null;
  const first = withMoney ? pricing.price : 1;
  // In money a top-up is priced to the cent, so the total is the sum of the lines shown.
  const each = withMoney ? Math.round(first * fraction * 100) / 100 : first * fraction;
  const topups = (plan?.topups ?? []).map((day) => ({ day, cost: each }));
  const total = first + each * topups.length;
  return { money: withMoney, first, each, topups, total };
}

/** A cost of `costs` written for the reader: money, or a percentage of the first treatment. */
export function costText(t, costs, value, currency) {
  return costs.money ? money(t, value, currency) : t('cost.percent', { n: Math.round(value * 100) });
}

/** "2 years, 4 years and 6 years" in the language's way of listing. */
function listOf(t, items) {
  return new Intl.ListFormat(t.lang, { type: 'conjunction' }).format(items);
}

/**
 * The plan's cost lines for the time panel: the first treatment, the top-ups (how
 * many, what each costs, when they fall) and the total over ten years. Without a
 * price and currency: the top-up days only (the share of the first treatment is on
 * the plan's own count line).
 */
export function costLines(t, plan, pricing = {}) {
  if (!plan) return [];
  const costs = costPlan(plan, pricing);
  const when = listOf(t, costs.topups.map((x) => dayLabel(t, x.day)));
  if (!costs.money) return costs.topups.length ? [t('cost.when', { n: costs.topups.length, when })] : [];
  const m = (v) => money(t, v, pricing.currency);
  const lines = [t('cost.first', { cost: m(costs.first) })];
  if (costs.topups.length) {
    lines.push(t('cost.topups', { n: costs.topups.length, cost: m(costs.each), when }));
  }
  lines.push(t('cost.total', { cost: m(costs.total) }));
  // A currency written with a closing dot (Arabic "ر.س.", then a right-to-left mark) at
  // a sentence's end: one dot.
  return lines.map((l) => l.replace(/\.(\u200f?)\.$/, '.$1'));
}

/** Months from `day` to the first top-up after it, or null (none in ten years). */
export function monthsToNext(topups, day) {
  const next = topups.find((d) => d > day);
  return next == null ? null : Math.max(1, Math.round((next - day) / facts().daysPerMonth));
}

/**
 * The design the factors are compared on: the design itself when its top-ups follow
 * the fade (`when_below`), else the same with top-ups when the fade calls for one
 * (at the engine's `topupDueVisibility`): a schedule in months ignores care, the
 * fade does not.
 */
export function dueDesign(design) {
  const copy = structuredClone(design);
  if (copy.topups?.when_below == null) {
    copy.topups = { ...copy.topups, every_months: null, when_below: facts().topupDueVisibility };
  }
  return copy;
}

/**
 * The care factors that bring a top-up forward or push it back, each with the
 * what-if design that changes that one factor: how well the pigment settled
 * (healing loss), sun, sunscreen, moisturiser, sweating and exercise. Each is
 * `{ factor, label: [key, vars], design }`; the label names the changed setting.
 */
export function careVariants(design) {
  const base = dueDesign(design);
  const care = base.aftercare ?? {};
  const sun = care.sun ?? 1;
  const loss = care.healing_loss ?? 0.4;
  const sweating = care.sweating ?? 'moderate';
  // Sun: average goes to outdoors a lot, a lot or little back to average.
  const sunTo = sun >= 0.5 && sun < 1.5 ? 2 : 1;
  const changes = [
    ['settle', loss <= 0.45 ? { healing_loss: 0.55 } : { healing_loss: 0.35 },
      loss <= 0.45 ? ['factor.settle.poor', { n: 55 }] : ['factor.settle.good', { n: 35 }]],
    ['sun', { sun: sunTo }, [sunTo > sun ? 'factor.sun.more' : 'factor.sun.less', { level: `sun.${sunTo}` }]],
    ['sunscreen', { sunscreen: !care.sunscreen },
      [care.sunscreen ? 'factor.sunscreen.off' : 'factor.sunscreen.on', {}]],
    ['moisturiser', { moisturiser: !care.moisturiser },
      [care.moisturiser ? 'factor.moisturiser.off' : 'factor.moisturiser.on', {}]],
    ['sweating', { sweating: sweating === 'high' ? 'moderate' : 'high' },
      [`factor.sweating.${sweating === 'high' ? 'moderate' : 'high'}`, {}]],
  ];
  return changes.map(([factor, change, label]) => ({
    factor, label, design: { ...base, aftercare: { ...care, ...change } },
  }));
}

/** "31 months", or "more than ten years" for none within the ten years shown. */
function inMonths(t, months) {
  return months == null ? t('factor.never') : t('factor.months', { n: months });
}

/**
 * The factors' effects as lines: a heading (which says, for a schedule in months,
 * that the factors change when the fade calls for a top-up), then one line per
 * factor. Each compares the first top-up, counted from day 0 (the first session),
 * so schedules of different rhythm are compared like for like. `due`: the engine's
 * plan of `dueDesign(design)`; `variants`: `careVariants(design)` each with its plan.
 */
export function effectLines(t, design, due, variants) {
  if (!due || !variants?.length) return [];
  const now = monthsToNext(due.topups, 0);
  const scheduled = design.topups?.when_below == null;
  const lines = [scheduled
    ? t('factor.scheduled', { v: Math.round(facts().topupDueVisibility * 100), when: inMonths(t, now) })
    : t('factor.title', { when: inMonths(t, now) })];
  for (const v of variants) {
    if (!v.plan) continue;
    const [key, vars] = v.label;
    const factor = t(key, vars.level ? { ...vars, level: t(vars.level) } : vars);
    const then = monthsToNext(v.plan.topups, 0);
    lines.push(then === now
      ? t(v.factor === 'settle' ? 'factor.settle.same' : 'factor.same', { factor, when: inMonths(t, now) })
      : t('factor.line', { factor, when: inMonths(t, then), instead: inMonths(t, now) }));
  }
  return lines;
}

/**
 * The priced plan as table rows `[what, when, cost]` for the summary: the first
 * treatment (its sessions' days), each top-up (its time and day) and the total over
 * ten years (the last row).
 */
export function costRows(t, plan, pricing = {}) {
  const costs = costPlan(plan, pricing);
  const c = (v) => costText(t, costs, v, pricing.currency);
  const sessions = plan.sessions ?? [0];
  return [
    [t('cost.row.first'), listOf(t, sessions.map((d) => t('label.day', { n: Math.round(d) }))),
      c(costs.first)],
    ...costs.topups.map((x, i) => [t('cost.row.topup', { n: i + 1 }),
      `${dayLabel(t, x.day)} (${t('label.day', { n: Math.round(x.day) })})`, c(x.cost)]),
    [t('cost.row.total'), '', c(costs.total)],
  ];
}
