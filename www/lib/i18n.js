// Translation: every UI string by language (one module per language in lang/, English
// the reference), numbers written the language's way (Intl.NumberFormat: "1,5 Jahre")
// and plurals chosen by the language's rules (Intl.PluralRules: "1 top-up",
// "2 top-ups"). Missing entries fall back to English. To add a language: a file in
// lang/ with every key of lang/en.js, and one line in `strings` below.
import en from './lang/en.js';
import de from './lang/de.js';

/** Every language's strings, by language code. */
export const strings = { en, de };

/** The best supported language for a BCP 47 tag (e.g. `de-AT` → `de`). */
export function pickLanguage(tag) {
  const base = String(tag ?? '').toLowerCase().split(/[-_]/)[0];
  return Object.hasOwn(strings, base) ? base : 'en';
}

/**
 * A translator for `lang`: `t(key, vars)` is the key's text with `{name}` filled
 * from `vars`. Number values are formatted for the language (at most two decimals);
 * a text with plural forms (`{ one, other, … }`) takes the form for `vars.n`.
 * Unknown keys come back as the key itself.
 */
export function translator(lang) {
  const code = pickLanguage(lang);
  const table = strings[code];
  const number = new Intl.NumberFormat(code, { maximumFractionDigits: 2 });
  const plural = new Intl.PluralRules(code, { maximumFractionDigits: 2 });
  const t = (key, vars = {}) => {
    let text = table[key] ?? strings.en[key] ?? key;
    if (typeof text === 'object') text = text[typeof vars.n === 'number' ? plural.select(vars.n) : 'other'] ?? text.other;
    return text.replace(/\{(\w+)\}/g, (_, name) => {
      if (!(name in vars)) return `{${name}}`;
      const v = vars[name];
      return typeof v === 'number' ? number.format(v) : String(v);
    });
  };
  t.lang = code;
  t.number = (v, options) => new Intl.NumberFormat(code, options).format(v);
  return t;
}

/** A label for `day` in words ("Day 5", "6 weeks", "1.5 years"; German "1,5 Jahre"). */
export function dayLabel(t, day) {
  if (day < 28) return t('label.day', { n: Math.round(day) });
  if (day < 120) return t('label.weeks', { n: Math.round(day / 7) });
  if (day < 360) return t('label.months', { n: Math.round(day / 30.44) });
  return t('label.years', { n: Math.round((day / 365.2425) * 10) / 10 });
}
