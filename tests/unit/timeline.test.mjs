// The shared time axis (www/lib/timeline.js): the first 90 days take a quarter of the
// slider, the rest of the ten years the remainder; positions and days round-trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineFacts } from './engine-facts.mjs';
import { dayToPos, posToDay, healedDay, horizonDays } from '../../www/lib/timeline.js';

const HORIZON_DAYS = engineFacts.horizonDays;

test('the axis has its knee at 90 days, a quarter of the way', () => {
  assert.equal(dayToPos(0), 0);
  assert.equal(dayToPos(90), 0.25);
  assert.equal(dayToPos(45), 0.125);
  assert.equal(dayToPos(HORIZON_DAYS), 1);
  assert.ok(Math.abs(dayToPos(90 + (HORIZON_DAYS - 90) / 2) - 0.625) < 1e-12);
});

test('days outside the axis are clamped to its ends', () => {
  assert.equal(dayToPos(-5), 0);
  assert.equal(dayToPos(1e6), 1);
  assert.equal(posToDay(-1), 0);
  assert.equal(posToDay(2), posToDay(1));
});

test('position to day rounds to whole days and ends at the horizon itself', () => {
  assert.equal(posToDay(0.25), 90);
  assert.equal(posToDay(0.125), 45);
  // The horizon (3652.425 days) rounds down to a whole day, never up past it.
  assert.equal(posToDay(1), 3652);
  assert.ok(posToDay(1) <= HORIZON_DAYS);
  for (const day of [0, 1, 7, 14, 42, 70, 89, 90, 91, 365, 1826, 3000]) {
    assert.equal(posToDay(dayToPos(day)), day, `day ${day}`);
  }
  // The slider has 1000 steps: every step gives a day on the axis, in order.
  let last = -1;
  for (let i = 0; i <= 1000; i++) {
    const d = posToDay(i / 1000);
    assert.ok(d >= last && d >= 0 && d <= HORIZON_DAYS, `step ${i}: ${d}`);
    last = d;
  }
});

test('the healed day is six weeks after the last session', () => {
  assert.equal(healedDay({ sessions: { days: [0, 14, 28] } }), 70);
  assert.equal(healedDay({ sessions: { days: [0] } }), 42);
  assert.equal(healedDay({ sessions: { days: [0, 14.4] } }), 56);
  assert.equal(healedDay(null), 42, 'no sessions: six weeks after day 0');
});

test("the horizon and the healed day are the engine's", () => {
  assert.equal(horizonDays(), 3652.425, 'ten years of 365.2425 days');
  assert.equal(engineFacts.healedAfterDays, 42, 'six weeks');
});
