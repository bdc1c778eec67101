// The time panel's words (www/lib/plan.js): aftercare advice by day, the top-up plan
// seen from a day, the day label and the chart's axis labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { careText, chartTicks, dayText, planLines, visibilityText } from '../../www/lib/plan.js';
import { translator } from '../../www/lib/i18n.js';

const t = translator('en');
const de = translator('de');
const sessions = [0, 14, 28];

test('aftercare: the session of the day, then dry, water, showers, the long run', () => {
  assert.equal(careText(t, 0, sessions), `${t('care.session', { n: 1 })} ${t('care.dry')}`);
  assert.equal(careText(t, 14.2, sessions), `${t('care.session', { n: 2 })} ${t('care.dry')}`);
  assert.equal(careText(t, 2, sessions), t('care.dry'));
  assert.equal(careText(t, 33, sessions), t('care.water'), 'day 5 after the third session');
  assert.equal(careText(t, 36, sessions), t('care.shower'));
  assert.equal(careText(t, 42, sessions), t('care.long'));
  assert.equal(careText(t, 730, sessions, [730]), t('care.topup'));
  assert.equal(careText(t, 733, sessions, [730]), t('care.dry'), 'a top-up starts the healing again');
  assert.equal(careText(t, 5, []), t('care.water'), 'no sessions: counted from day 0');
});

test('the plan: the next top-up, none left, none planned, and their number', () => {
  const plan = { topups: [730, 1461], relativeCost: 0.5 };
  assert.deepEqual(planLines(t, plan, 70), [
    'Next top-up: at 2 years (in 1.8 years).',
    '2 top-ups in ten years; together they cost about 50% of the first treatment.',
  ]);
  assert.deepEqual(planLines(t, plan, 3000), [t('plan.noneLeft'), t('plan.count', { n: 2, cost: 50 })]);
  assert.deepEqual(planLines(t, { topups: [], relativeCost: 0 }, 70), [t('plan.none')]);
  assert.deepEqual(planLines(t, { topups: [900], relativeCost: 0.3 }, 70)[1],
    'One top-up in ten years; it costs about 30% of the first treatment.');
  assert.deepEqual(planLines(t, null, 70), []);
  assert.match(planLines(de, plan, 70)[0], /1,8 Jahre/);
  assert.deepEqual(planLines(t, plan, 70, { share: false }), ['Next top-up: at 2 years (in 1.8 years).'],
    'costs in money: no share line');
});

test('labels: healing until the healed day, visibility, chart ticks', () => {
  assert.equal(dayText(t, 14, 70), 'Day 14 · healing');
  assert.equal(dayText(t, 70, 70), '10 weeks');
  assert.equal(visibilityText(t, 0.854, true), 'Visibility 85%');
  assert.equal(visibilityText(t, 3, true), 'Visibility 150%', 'capped');
  assert.equal(visibilityText(t, 1, false), '');
  assert.deepEqual(chartTicks(t, 3652.425).map((x) => x.label), ['Day 0', '3 months', '5 years', '10 years']);
  assert.equal(chartTicks(t, 3652.425).at(-1).day, 3652.425);
});
