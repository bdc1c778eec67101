// Translation (www/lib/i18n.js and www/lib/lang/): every language has every key,
// placeholders and plural forms match English's, numbers are written the language's
// way and plurals follow its rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strings, translator, dayLabel, pickLanguage } from '../../www/lib/i18n.js';

const placeholders = (text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const forms = (value) => (typeof value === 'object' ? Object.values(value) : [value]);

test('every language has every English key, and no key English lacks', () => {
  const keys = Object.keys(strings.en).sort();
  assert.ok(keys.length > 100);
  for (const [lang, table] of Object.entries(strings)) {
    assert.deepEqual(keys.filter((k) => !(k in table)), [], `${lang} misses keys`);
    assert.deepEqual(Object.keys(table).filter((k) => !(k in strings.en)), [],
      `${lang} has keys English lacks`);
  }
});

test('each translation fills the same placeholders, in every plural form', () => {
  for (const [lang, table] of Object.entries(strings)) {
    for (const [key, en] of Object.entries(strings.en)) {
      const expected = [...new Set(forms(en).flatMap(placeholders))].sort();
      for (const text of forms(table[key])) {
        assert.equal(typeof text, 'string', `${lang} ${key}`);
        assert.ok(text.trim().length > 0, `${lang} ${key} is empty`);
        // A singular form may say "one" in words instead of {n}.
        const got = placeholders(text);
        assert.ok(got.every((p) => expected.includes(p)), `${lang} ${key}: {${got}} vs {${expected}}`);
      }
      if (typeof en === 'object') {
        assert.equal(typeof table[key], 'object', `${lang} ${key} has plural forms in English`);
        const rules = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
        for (const category of rules) assert.ok(category in table[key] || 'other' in table[key],
          `${lang} ${key} ${category}`);
        assert.ok('other' in table[key], `${lang} ${key} has an 'other' form`);
        assert.deepEqual(placeholders(table[key].other), expected,
          `${lang} ${key} 'other' names every placeholder`);
      }
    }
  }
});

test('plurals follow the language: no "1 top-ups", "1 years" or "1 Jahre"', () => {
  const en = translator('en');
  const de = translator('de');
  assert.match(en('plan.count', { n: 1, cost: 30 }), /^One top-up in ten years; it costs about 30%/);
  assert.match(en('plan.count', { n: 4, cost: 100 }), /^4 top-ups in ten years/);
  assert.doesNotMatch(en('plan.count', { n: 1, cost: 30 }), /1 top-ups/);
  assert.match(de('plan.count', { n: 1, cost: 30 }), /^Eine Auffrischung in zehn Jahren/);
  assert.match(de('plan.count', { n: 2, cost: 30 }), /^2 Auffrischungen/);
  assert.equal(en('label.years', { n: 1 }), '1 year');
  assert.equal(en('label.years', { n: 2 }), '2 years');
  assert.equal(en('label.years', { n: 1.5 }), '1.5 years');
  assert.equal(de('label.years', { n: 1 }), '1 Jahr');
  assert.equal(de('label.months', { n: 1 }), '1 Monat');
  assert.equal(de('label.weeks', { n: 6 }), '6 Wochen');
  assert.equal(en('topups.every', { n: 12 }), 'Every 12 months');
});

test('numbers are written the language\'s way', () => {
  const en = translator('en');
  const de = translator('de');
  assert.equal(dayLabel(de, 548), '1,5 Jahre');
  assert.equal(dayLabel(en, 548), '1.5 years');
  assert.equal(en('scale.now', { v: 1234.5, method: 'x' }), '1,234.5 pixels per cm (x)');
  assert.equal(de('scale.now', { v: 1234.5, method: 'x' }), '1.234,5 Pixel pro cm (x)');
  assert.equal(de.number(66, { minimumFractionDigits: 1, maximumFractionDigits: 1 }), '66,0');
  // Text values are left as they are.
  assert.equal(en('errors.design', { message: 'density 1.5' }), 'That design could not be used: density 1.5');
});

test('day labels: days, weeks, months, years', () => {
  const en = translator('en');
  assert.equal(dayLabel(en, 0), 'Day 0');
  assert.equal(dayLabel(en, 27.4), 'Day 27');
  assert.equal(dayLabel(en, 70), '10 weeks');
  assert.equal(dayLabel(en, 180), '6 months');
  assert.equal(dayLabel(en, 365.2425), '1 year');
  assert.equal(dayLabel(en, 3652.425), '10 years');
});

test('languages are picked from tags, unknown keys and languages fall back', () => {
  assert.equal(pickLanguage('de-AT'), 'de');
  assert.equal(pickLanguage('DE_ch'), 'de');
  assert.equal(pickLanguage('ja'), 'en');
  assert.equal(pickLanguage('constructor'), 'en', 'not a key of Object.prototype');
  assert.equal(pickLanguage(undefined), 'en');
  const t = translator('ja');
  assert.equal(t.lang, 'en');
  assert.equal(t('upload'), 'Upload photo');
  assert.equal(t('no.such.key'), 'no.such.key');
  assert.equal(t('label.day', {}), 'Day {n}', 'a missing value stays visible');
});
