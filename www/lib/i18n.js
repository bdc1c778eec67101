// Translation: every UI string by language (one module per language in lang/, English
// the reference), numbers written the language's way (Intl.NumberFormat: "1,5 Jahre")
// and plurals chosen by the language's rules (Intl.PluralRules: "1 top-up",
// "2 top-ups"; Arabic's six forms). Missing entries fall back to English. To add a
// language: a file in lang/ with every key of lang/en.js, and one line in `strings`
// below (a right-to-left one also in `RTL`).
import en from './lang/en.js';
import de from './lang/de.js';
import es from './lang/es.js';
import fr from './lang/fr.js';
import tr from './lang/tr.js';
import ar from './lang/ar.js';

/** Every language's strings, by language code. */
export const strings = { en, de, es, fr, tr, ar };

/** Languages written right to left (those with a catalogue, and the common others). */
const RTL = new Set(['ar', 'he', 'fa', 'ur']);

/**
 * The locale numbers are written in, by language code (else the code itself). Arabic
 * is pinned to Western digits: CLDR's own default for `ar` since version 42, and the
 * one the element's other numbers (the chart's axis, sizes in mm, percentages) are
 * written in, so one screen never mixes 70 and ٧٠; older engines would otherwise
 * pick Arabic-Indic digits for `ar`.
 */
const NUMBER_LOCALE = { ar: 'ar-u-nu-latn' };

/** Whether the language `code` is written right to left. */
export function isRightToLeft(code) {
  return RTL.has(String(code ?? '').toLowerCase().split(/[-_]/)[0]);
}

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
  const locale = NUMBER_LOCALE[code] ?? code;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const plural = new Intl.PluralRules(code, { maximumFractionDigits: 2 });
  const t = (key, vars = {}) => {
    let text = table[key] ?? strings.en[key] ?? key;
    if (typeof text === 'object') {
      text = text[typeof vars.n === 'number' ? plural.select(vars.n) : 'other'] ?? text.other;
    }
    return text.replace(/\{(\w+)\}/g, (_, name) => {
      if (!(name in vars)) return `{${name}}`;
      const v = vars[name];
      return typeof v === 'number' ? number.format(v) : String(v);
    });
  };
  t.lang = code;
  t.dir = isRightToLeft(code) ? 'rtl' : 'ltr';
  /** The locale to hand to other Intl formatters (money, lists) so digits agree. */
  t.locale = locale;
  t.number = (v, options) => new Intl.NumberFormat(locale, options).format(v);
  return t;
}

/** A label for `day` in words ("Day 5", "6 weeks", "1.5 years"; German "1,5 Jahre"). */
export function dayLabel(t, day) {
  if (day < 28) return t('label.day', { n: Math.round(day) });
  if (day < 120) return t('label.weeks', { n: Math.round(day / 7) });
  if (day < 360) return t('label.months', { n: Math.round(day / 30.44) });
  return t('label.years', { n: Math.round((day / 365.2425) * 10) / 10 });
}
