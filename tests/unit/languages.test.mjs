// The languages beyond English and German (www/lib/lang/es.js, fr.js, tr.js, ar.js):
// each is picked from its tags, counts by its own plural rules (Arabic's six forms),
// writes numbers its own way, and Arabic is right to left; the guide panel's texts
// (www/lib/guide.js) are in every catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strings, translator, dayLabel, pickLanguage, isRightToLeft } from '../../www/lib/i18n.js';
import { guideKeys } from '../../www/lib/guide.js';

test('Spanish, French, Turkish and Arabic are offered and picked from their tags', () => {
  for (const code of ['es', 'fr', 'tr', 'ar']) assert.ok(Object.hasOwn(strings, code), code);
  assert.equal(pickLanguage('es-MX'), 'es');
  assert.equal(pickLanguage('fr_CA'), 'fr');
  assert.equal(pickLanguage('tr-TR'), 'tr');
  assert.equal(pickLanguage('ar-EG'), 'ar');
  assert.equal(translator('fr-BE')('upload'), 'Importer une photo');
  assert.equal(translator('tr')('upload'), 'Fotoğraf yükle');
  assert.equal(translator('es')('upload'), 'Subir foto');
  assert.equal(translator('ar')('upload'), 'تحميل صورة');
});

test('the translations are translations: no language copies English wholesale', () => {
  const en = strings.en;
  for (const code of ['es', 'fr', 'tr', 'ar']) {
    const same = Object.keys(en).filter((k) => typeof en[k] === 'string' && strings[code][k] === en[k]);
    // A few words are the same in both languages (Normal, Pause, Licence, Style).
    assert.ok(same.length <= 6, `${code} leaves ${same.length} texts in English: ${same.join(', ')}`);
  }
  for (const [key, text] of Object.entries(strings.ar)) {
    for (const form of typeof text === 'object' ? Object.values(text) : [text]) {
      assert.match(form, /[\u0600-\u06FF]/, `ar ${key} holds Arabic script`);
    }
  }
});

test('Arabic is right to left; the others are left to right', () => {
  assert.equal(isRightToLeft('ar'), true);
  assert.equal(isRightToLeft('ar-SA'), true);
  assert.equal(isRightToLeft('he'), true);
  for (const code of ['en', 'de', 'es', 'fr', 'tr', undefined]) {
    assert.equal(isRightToLeft(code), false, code);
  }
  assert.equal(translator('ar').dir, 'rtl');
  assert.equal(translator('fr').dir, 'ltr');
});

test('Arabic takes the form of each of its six plural categories', () => {
  const t = translator('ar');
  const years = (n) => t('label.years', { n });
  assert.equal(years(0), '0 سنة'); // zero
  assert.equal(years(1), 'سنة واحدة'); // one
  assert.equal(years(2), 'سنتان'); // two
  assert.equal(years(3), '3 سنوات'); // few (3–10)
  assert.equal(years(10), '10 سنوات');
  assert.equal(years(11), '11 سنة'); // many (11–99)
  assert.equal(years(100), '100 سنة'); // other
  assert.equal(years(1.5), '1.5 سنة'); // fractions are "other"
  assert.equal(t('label.months', { n: 3 }), '3 أشهر');
  assert.equal(t('label.months', { n: 11 }), '11 شهرًا');
  assert.equal(t('label.months', { n: 100 }), '100 شهر');
  assert.equal(t('label.weeks', { n: 2 }), 'أسبوعان');
  assert.equal(t('topups.every', { n: 12 }), 'كل 12 شهرًا');
  assert.equal(t('topups.every', { n: 2 }), 'كل شهرين');
  assert.match(t('plan.count', { n: 1, cost: 25 }), /^جلسة تجديد واحدة/);
  assert.match(t('plan.count', { n: 2, cost: 50 }), /^جلستا تجديد/);
  assert.match(t('plan.count', { n: 4, cost: 100 }), /^4 جلسات تجديد/);
  assert.match(t('plan.count', { n: 12, cost: 300 }), /^12 جلسة تجديد/);
  // Every counted text names all six categories the rules can pick.
  const categories = new Intl.PluralRules('ar').resolvedOptions().pluralCategories;
  assert.equal(categories.length, 6);
  for (const [key, en] of Object.entries(strings.en)) {
    if (typeof en !== 'object') continue;
    for (const c of categories) assert.ok(c in strings.ar[key], `ar ${key} has a '${c}' form`);
  }
});

test('French, Spanish and Turkish count by their own rules', () => {
  const fr = translator('fr');
  const es = translator('es');
  const tr = translator('tr');
  assert.equal(fr('label.years', { n: 1 }), '1 an');
  assert.equal(fr('label.years', { n: 1.5 }), '1,5 an', 'French "one" covers 0 to under 2');
  assert.equal(fr('label.years', { n: 2 }), '2 ans');
  assert.match(fr('plan.count', { n: 1, cost: 25 }), /^Une retouche/);
  assert.equal(es('label.years', { n: 1 }), '1 año');
  assert.equal(es('label.years', { n: 1.5 }), '1,5 años');
  assert.match(es('plan.count', { n: 3, cost: 75 }), /^3 retoques/);
  assert.equal(tr('label.years', { n: 1 }), '1 yıl');
  assert.equal(tr('label.years', { n: 5 }), '5 yıl', 'Turkish keeps the noun singular after a number');
  assert.match(tr('plan.count', { n: 1, cost: 25 }), /^On yılda bir rötuş/);
});

test('numbers are written each language\'s way (Arabic in Western digits)', () => {
  const v = { v: 1234.5, method: 'x' };
  assert.equal(translator('es')('scale.now', v), '1234,5 píxeles por cm (x)');
  assert.equal(translator('fr')('scale.now', v), '1\u202f234,5 pixels par cm (x)');
  assert.equal(translator('tr')('scale.now', v), 'cm başına 1.234,5 piksel (x)');
  assert.equal(translator('ar')('scale.now', v), '1,234.5 بكسل لكل سم (x)');
  assert.equal(translator('ar').number(0.25, { style: 'percent' }).replace(/[\u200e\u200f\u061c]/g, ''),
    '25%');
  assert.doesNotMatch(translator('ar-EG')('scale.now', v), /[\u0660-\u0669]/,
    'no Arabic-Indic digits mixed in');
  // Other formatters (money, lists) are handed the same locale, so their digits agree.
  assert.equal(translator('ar').locale, 'ar-u-nu-latn');
  assert.equal(translator('fr-CA').locale, 'fr');
  assert.equal(new Intl.NumberFormat(translator('ar').locale,
    { style: 'currency', currency: 'EUR' }).format(1200).replace(/[^0-9]/g, ''), '120000');
  assert.equal(translator('tr')('topups.below', { n: 70 }), 'Görünürlük %70 sınırının altına düştüğünde');
  assert.equal(translator('fr')('topups.below', { n: 70 }), 'Quand la visibilité passe sous 70\u202f%');
});

test('day labels in each language, Arabic ones without bidi controls', () => {
  // Chromium's canvas (the time strip, drawn in the worker) lays plain Arabic out right
  // to left but mis-orders text wrapped in isolates (U+2067 … U+2069): none are added.
  const ar = translator('ar');
  assert.equal(dayLabel(ar, 548), '1.5 سنة');
  assert.equal(dayLabel(ar, 70), '10 أسابيع');
  assert.equal(dayLabel(ar, 5), 'اليوم 5');
  assert.equal(dayLabel(ar, 730.5), 'سنتان');
  assert.equal(dayLabel(translator('fr'), 548), '1,5 an');
  assert.equal(dayLabel(translator('tr'), 5), '5. gün');
  assert.equal(dayLabel(translator('es'), 180), '6 meses');
});

test('the guide panel\'s texts are in every catalogue', () => {
  const keys = guideKeys();
  assert.ok(keys.length >= 20);
  for (const [code, table] of Object.entries(strings)) {
    for (const k of keys) assert.equal(typeof table[k], 'string', `${code} ${k}`);
  }
  // The care steps are the aftercare texts the time panel shows too.
  assert.ok(keys.includes('care.dry') && keys.includes('care.water') && keys.includes('care.shower')
    && keys.includes('care.long'));
});
