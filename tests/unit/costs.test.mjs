// The cost plan (www/lib/costs.js) and the summary's words (www/lib/summary.js):
// prices read from the attributes, money in the page's language, fractions without a
// currency, the design's cost fraction, the total over ten years, the care factors'
// what-if designs and their effect lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineFacts, enginePlan } from './engine-facts.mjs'; // the engine's facts and plans
import {
  careVariants, costLines, costPlan, costRows, dueDesign, effectLines, money, monthsToNext, parsePricing,
} from '../../www/lib/costs.js';
import { aftercareSteps, careRows, designRows, pageRule, paperFor } from '../../www/lib/summary.js';
import { translator } from '../../www/lib/i18n.js';

const en = translator('en');
const de = translator('de');
// Intl writes a no-break space (U+00A0) between number and currency sign in German.
const plain = (s) => s.replace(/[\u00a0\u202f]/g, ' ');

/** The default design's fields the cost plan and the summary read. */
function design(over = {}) {
  return {
    version: 1,
    density: 80, dot_size_mm: 0.2, shade: 0.7, coverage: 'shaved',
    hairline: { softness_mm: 8, irregularity: 0.5 },
    sessions: { days: [0, 14, 28] },
    aftercare: { sun: 1, sunscreen: false, moisturiser: false, sweating: 'moderate', skin_type: 3,
      scalp: 'normal', healing_loss: 0.4 },
    topups: { every_months: 24, when_below: null, cost_fraction: 0.25 },
    ...over,
  };
}
const plan = { sessions: [0, 14, 28], topups: [758, 1489, 2219, 2950], relativeCost: 1, costFraction: 0.25 };

test('price and currency: good values taken, bad ones refused by name and value', () => {
  assert.deepEqual(parsePricing('1200', 'eur'), { price: 1200, currency: 'EUR', errors: [] });
  assert.deepEqual(parsePricing(' 1234.50 ', 'USD'), { price: 1234.5, currency: 'USD', errors: [] });
  assert.deepEqual(parsePricing(null, null), { price: null, currency: null, errors: [] });
  assert.deepEqual(parsePricing('', ''), { price: null, currency: null, errors: [] });
  for (const bad of ['abc', '-5', '0', '1e3', 'Infinity', '12,50', '1 200', 'NaN', '0x10']) {
    const r = parsePricing(bad, 'EUR');
    assert.equal(r.price, null, bad);
    assert.deepEqual(r.errors, [{ key: 'errors.price', value: bad }], bad);
    assert.equal(r.currency, 'EUR', 'the currency still counts');
  }
  for (const bad of ['EURO', '€', 'E1R', 'QQQ']) {
    assert.deepEqual(parsePricing('100', bad).errors, [{ key: 'errors.currency', value: bad }], bad);
  }
  const msg = en('errors.price', { value: 'abc' });
  assert.match(msg, /"abc"/);
  assert.match(msg, /not a positive number/);
  assert.match(de('errors.currency', { value: 'EURO' }), /„EURO“ ist kein ISO-4217-Code/);
});

test('money in the page language: "€1,234.50" and "1.234,50 €", whole amounts without cents', () => {
  assert.equal(money(en, 1234.5, 'EUR'), '€1,234.50');
  assert.equal(plain(money(de, 1234.5, 'EUR')), '1.234,50 €');
  assert.equal(money(en, 1200, 'USD'), '$1,200');
  assert.equal(plain(money(de, 1200, 'CHF')), '1.200 CHF');
  assert.equal(money(en, 308.625, 'GBP'), '£308.63');
});

test('costs: first treatment, each top-up at the design\'s fraction, the total over ten years', () => {
  const c = costPlan(plan, { price: 1200, currency: 'EUR' });
  assert.equal(c.money, true);
  assert.equal(c.first, 1200);
  assert.equal(c.each, 300);
  assert.deepEqual(c.topups.map((x) => x.day), plan.topups);
  assert.equal(c.total, 1200 + 4 * 300);
  const topups = { every_months: 24, when_below: null, cost_fraction: 0.4 };
  const third = costPlan(enginePlan(design({ topups })), { price: 1000, currency: 'EUR' });
  assert.equal(third.each, 400);
  assert.equal(third.total, 2600);
  const quarter = costPlan(enginePlan({ version: 1 }), { price: 1000, currency: 'EUR' });
  assert.equal(quarter.each, 250, 'a quarter by default');
  const none = costPlan({ topups: [], costFraction: 0.25 }, { price: 900, currency: 'EUR' });
  assert.equal(none.total, 900, 'no top-ups: the first treatment');
});

test('without a currency (or a price) costs are fractions of the first treatment', () => {
  for (const pricing of [{}, { price: 1200, currency: null }, { price: null, currency: 'EUR' }]) {
    const c = costPlan(plan, pricing);
    assert.equal(c.money, false);
    assert.equal(c.first, 1);
    assert.equal(c.total, 2);
  }
  assert.deepEqual(costLines(en, plan, {}),
    ['The top-ups fall at 2.1 years, 4.1 years, 6.1 years, and 8.1 years.']);
  assert.deepEqual(costLines(en, { topups: [] }, {}), []);
  const rows = costRows(en, plan, {});
  assert.deepEqual(rows[0], ['First treatment', 'Day 0, Day 14, and Day 28', '100% of the first treatment']);
  assert.deepEqual(rows[1], ['Top-up 1', '2.1 years (Day 758)', '25% of the first treatment']);
  assert.deepEqual(rows.at(-1), ['Total over ten years', '', '200% of the first treatment']);
});

test('the panel\'s cost lines and the summary\'s rows in money, English and German', () => {
  assert.deepEqual(costLines(en, plan, { price: 1234.5, currency: 'EUR' }), [
    'First treatment: €1,234.50.',
    '4 top-ups of €308.63 each, at 2.1 years, 4.1 years, 6.1 years, and 8.1 years.',
    'Total over ten years: €2,469.02.',
  ]);
  const lines = costLines(de, plan, { price: 1234.5, currency: 'EUR' }).map(plain);
  assert.equal(lines[0], 'Erstbehandlung: 1.234,50 €.');
  assert.equal(lines[1],
    '4 Auffrischungen zu je 308,63 € (Zeitpunkte: 2,1 Jahre, 4,1 Jahre, 6,1 Jahre und 8,1 Jahre).');
  assert.equal(lines[2], 'Gesamt über zehn Jahre: 2.469,02 €.', 'the sum of the lines shown');
  assert.deepEqual(costLines(en, { topups: [800], costFraction: 0.25 }, { price: 1000, currency: 'USD' })[1],
    'One top-up, at 2.2 years: $250.');
  const rows = costRows(de, plan, { price: 1200, currency: 'EUR' }).map((r) => r.map(plain));
  assert.deepEqual(rows.at(-1), ['Gesamt über zehn Jahre', '', '2.400 €']);
  assert.equal(rows.length, 6);
});

test('the care factors: one what-if design each, compared where the fade calls for a top-up', () => {
  const d = design();
  const due = dueDesign(d);
  const fade = { every_months: null, when_below: engineFacts.topupDueVisibility, cost_fraction: 0.25 };
  assert.deepEqual(due.topups, fade, 'a schedule in months is compared on the fade');
  assert.deepEqual(d.topups.every_months, 24, 'the design itself is not changed');
  const own = design({ topups: { every_months: null, when_below: 0.7, cost_fraction: 0.25 } });
  assert.equal(dueDesign(own).topups.when_below, 0.7, 'a threshold schedule is its own');
  const v = careVariants(d);
  assert.deepEqual(v.map((x) => x.factor), ['settle', 'sun', 'sunscreen', 'moisturiser', 'sweating']);
  const changed = (x) => Object.entries(x.design.aftercare)
    .filter(([k, val]) => d.aftercare[k] !== val).map(([k]) => k);
  for (const x of v) assert.equal(changed(x).length, 1, `${x.factor} changes one setting`);
  assert.equal(v[1].design.aftercare.sun, 2);
  assert.equal(v[2].design.aftercare.sunscreen, true);
  assert.equal(v[4].design.aftercare.sweating, 'high');
  const careful = careVariants(design({
    aftercare: { ...d.aftercare, sun: 2, sunscreen: true, moisturiser: true, sweating: 'high' },
  }));
  assert.deepEqual(careful.map((x) => x.label[0]), ['factor.settle.poor', 'factor.sun.less',
    'factor.sunscreen.off', 'factor.moisturiser.off', 'factor.sweating.moderate']);
});

test('the factors\' effects: "next top-up in N months instead of M", counted from day 0', () => {
  const d = design();
  const variants = careVariants(d)
    .map((v, i) => ({ ...v, plan: { topups: [[770], [490], [1092], [854], [644]][i] } }));
  const due = { topups: [770, 1526] };
  const lines = effectLines(en, d, due, variants);
  assert.match(lines[0], /booked on a schedule.*\(at 75% visibility\) in 25 months/);
  assert.equal(lines[1], 'Pigment settling less well (55% lost while healing): next top-up still in 25 months'
    + ' (the model counts fading from the healed result; the later sessions fill in what healing loses).');
  assert.equal(lines[2], 'More sun (outdoors a lot): next top-up in 16 months instead of 25 months.');
  assert.equal(lines[3], 'Daily sunscreen: next top-up in 36 months instead of 25 months.');
  assert.equal(lines[5], 'Much sweating or exercise: next top-up in 21 months instead of 25 months.');
  assert.equal(monthsToNext([770, 1526], 800), 24, 'from day 800 the next is the second');
  assert.equal(monthsToNext([770], 800), null);
  const never = variants.map((v, i) => (i === 2 ? { ...v, plan: { topups: [] } } : v));
  assert.equal(effectLines(en, d, due, never)[3],
    'Daily sunscreen: next top-up in more than ten years instead of 25 months.');
  const german = effectLines(de, d, due, variants);
  assert.equal(german[3], 'Täglich Sonnenschutz: nächste Auffrischung in 36 Monaten statt in 25 Monaten.');
  const byVisibility = design({ topups: { every_months: null, when_below: 0.7, cost_fraction: 0.25 } });
  assert.match(effectLines(en, byVisibility, due, variants)[0],
    /^With this care the fade calls for the next top-up in 25 months/);
  assert.deepEqual(effectLines(en, d, null, variants), [], 'nothing before the engine answered');
});

test('the summary\'s words: the design in words and numbers, care, aftercare, paper', () => {
  const rows = designRows(en, design(), { style: 'Soft natural hairline', units: 'in' });
  const get = (name) => rows.find((r) => r[0] === name);
  assert.deepEqual(get('Style').slice(0, 2), ['Style', 'Soft natural hairline']);
  assert.equal(get('Density')[1], '80 per cm² (516 per in²)');
  assert.equal(get('Impression size')[1], '0.20 mm');
  assert.equal(get('Pigment shade')[1], '70%');
  assert.equal(get('Sessions')[1], '3 sessions, on Day 0, Day 14, and Day 28 (day 0 is the first session)');
  assert.equal(get('Healed look')[1], 'Day 70 (10 weeks)');
  assert.equal(get('Top-ups')[1], 'Every 24 months');
  assert.equal(plain(designRows(de, design()).find((r) => r[0] === 'Pigmentton')[1]), '70 %');
  assert.deepEqual(careRows(en, design()).map((r) => r[1]),
    ['average', 'no', 'no', 'Moderate', 'III', 'Normal']);
  assert.deepEqual(aftercareSteps(en),
    [en('care.dry'), en('care.water'), en('care.shower'), en('care.long')]);
  assert.match(aftercareSteps(en).join(' '),
    /dry.*7 days.*day 4.*water.*by hand.*day 7.*showering and exercise.*sunscreen and moisturiser/);
  assert.equal(paperFor('en-US'), 'letter');
  assert.equal(paperFor('de-DE'), 'A4');
  assert.equal(paperFor('en'), 'A4');
  assert.equal(paperFor('not a locale!'), 'A4');
  assert.equal(pageRule('letter'), '@page { size: letter portrait; margin: 12mm; }');
  assert.equal(pageRule('A4'), '@page { size: A4 portrait; margin: 12mm; }');
});

test('a currency written with a closing dot ends a sentence with one dot (Arabic, SAR)', () => {
  const ar = translator('ar');
  const lines = costLines(ar, plan, { price: 1000, currency: 'SAR' });
  assert.ok(lines.length >= 3, JSON.stringify(lines));
  for (const line of lines) assert.doesNotMatch(line, /\.\u200f?\.$/, line);
  assert.match(lines.at(-1), /ر\.س\.\u200f?$/, 'the total still ends with the riyal sign');
});
