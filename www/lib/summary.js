// The printable consultation summary for the client's record: a window of its own
// (so printing it prints only the summary, wherever the element is embedded) with
// the clinic's name and logo, before and after at the healed stage side by side and
// the time strip (both framed on the treated area, at a size where the dots show),
// the design in words and numbers, the aftercare, the top-up plan with its costs and
// the care factors' effects, and the "illustrative model" label. Its print
// stylesheet lays it out on A4 or Letter (@page); "Print or save as PDF" gives one
// or two pages, and the design's JSON can be saved beside it.
//
// Everything is made on the device: the pictures come from the element's render
// worker as blobs and are shown through blob: URLs; nothing is fetched or sent.
import { h } from './dom.js';
import { dayLabel } from './i18n.js';
import { healedDay } from './timeline.js';
import { costPlan, costRows, effectLines } from './costs.js';
import { showLogo } from './toolbar.js';
import { designBlob, exportPair } from './saving.js';
import { perSquareInch } from './units.js';

/** Regions whose paper is US Letter; everywhere else A4. */
const LETTER_REGIONS = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'GT', 'CR', 'PR']);
/** Long side of the before/after pictures, px (about 300 dpi at their printed size). */
const PICTURE_SIDE = 1000;
/** Long side of the time strip, px. */
const STRIP_SIDE = 2400;
/** Page margin, all round. */
const MARGIN = '12mm';

/** The paper for `locale` ("en-US" → 'letter', "de-DE" or plain "en" → 'A4'). */
export function paperFor(locale) {
  try {
    return LETTER_REGIONS.has(new Intl.Locale(locale).region) ? 'letter' : 'A4';
  } catch {
    return 'A4';
  }
}

/** The @page rule for `paper` ('A4' or 'letter'). */
export function pageRule(paper) {
  return `@page { size: ${paper === 'letter' ? 'letter' : 'A4'} portrait; margin: ${MARGIN}; }`;
}

/**
 * The design in words and numbers: rows `[name, value, what it means]`: style,
 * treatment, density per cm² (and per in² with `units` 'in'), impression size,
 * shade, transition width, irregularity, sessions and their days, the healed day,
 * the top-up schedule. `style`: the style's name in words.
 */
export function designRows(t, design, { style, units = 'cm' } = {}) {
  const num = (v, digits) => t.number(v, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const pct = (v) => t.number(v, { style: 'percent', maximumFractionDigits: 0 });
  const days = design.sessions.days;
  const list = new Intl.ListFormat(t.lang, { type: 'conjunction' })
    .format(days.map((d) => t('label.day', { n: Math.round(d) })));
  const perInch = () => t('densityUnitIn', { v: num(Math.round(perSquareInch(design.density)), 0) });
  const density = t('densityUnit', { v: num(Math.round(design.density), 0) })
    + (units === 'in' ? ` (${perInch()})` : '');
  const tp = design.topups;
  const schedule = tp.when_below != null ? t('topups.below', { n: Math.round(tp.when_below * 100) })
    : tp.every_months != null ? t('topups.every', { n: tp.every_months }) : t('topups.none');
  const healed = healedDay(design);
  return [
    [t('template'), style ?? '', ''],
    [t('coverage'), t(`coverage.${design.coverage}`), ''],
    [t('density'), density, t('summary.about.density')],
    [t('dotSize'), `${num(design.dot_size_mm, 2)} mm`, t('summary.about.dotSize')],
    [t('shade'), pct(design.shade), t('summary.about.shade')],
    [t('softness'), `${num(design.hairline.softness_mm, 1)} mm`, t('summary.about.softness')],
    [t('irregularity'), pct(design.hairline.irregularity), t('summary.about.irregularity')],
    [t('sessions'), t('summary.sessionsValue', { n: days.length, days: list }), ''],
    [t('summary.healed'), `${t('label.day', { n: Math.round(healed) })} (${dayLabel(t, healed)})`, ''],
    [t('topups'), schedule, ''],
  ];
}

/** The client's care and skin as set: rows `[name, value]`. */
export function careRows(t, design) {
  const a = design.aftercare;
  const yes = (v) => t(v ? 'summary.yes' : 'summary.no');
  return [
    [t('sun'), t(a.sun < 0.5 ? 'sun.0' : a.sun < 1.5 ? 'sun.1' : 'sun.2')],
    [t('sunscreen'), yes(a.sunscreen)],
    [t('moisturiser'), yes(a.moisturiser)],
    [t('sweating'), t(`level.${a.sweating}`)],
    [t('skinType'), ['I', 'II', 'III', 'IV', 'V', 'VI'][a.skin_type - 1] ?? String(a.skin_type)],
    [t('scalp'), t(`scalp.${a.scalp}`)],
  ];
}

/** The aftercare steps in order: dry for 7 days, water from day 4, showers from day 7, the long run. */
export function aftercareSteps(t) {
  return ['care.dry', 'care.water', 'care.shower', 'care.long'].map((k) => t(k));
}

/** `blob` (an image) as a JPEG whose long side is at most `side` px. */
async function scaled(blob, side) {
  const bitmap = await createImageBitmap(blob);
  const s = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * s));
  canvas.height = Math.max(1, Math.round(bitmap.height * s));
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no image'))), 'image/jpeg', 0.9));
}

/**
 * A table of `rows` (`header`: the column heads; `total`: the last row is a total;
 * `numeric`: the column of numbers). A row's missing last cells widen the one before.
 */
function table(rows, { header, total = false, numeric = -1 } = {}) {
  const width = Math.max(...rows.map((r) => r.length));
  // Text in <bdi>: "0.20 mm" keeps its order in a right-to-left summary.
  const cell = (tag, text, i, span) =>
    h(tag, { class: i === numeric ? 'num' : null, colSpan: span > 1 ? span : null },
      typeof text === 'string' && text ? h('bdi', {}, text) : text);
  return h('table', {},
    header ? h('thead', {}, h('tr', {}, header.map((x, i) => cell('th', x, i)))) : null,
    h('tbody', {}, rows.map((r, j) => h('tr', { class: total && j === rows.length - 1 ? 'total' : null },
      r.map((x, i) => cell(i === 0 ? 'th' : 'td', x, i, i === r.length - 1 ? width - i : 1))))));
}

/**
 * Opens the summary in a window of its own and fills it. Must be called from a user
 * action (the window opens at once, before anything is awaited, so no pop-up blocker
 * steps in). Resolves when the summary is drawn (its pictures decoded); rejects with a
 * plain message, shown by the element, when the window is blocked or a picture fails.
 * @param {object} o
 * @param {Function} o.t the translator; `direction`, `units`: the text direction, `cm` or `in`
 * @param {(e: Error, kept: boolean) => void} o.fail shows and reports an error
 * @param {(e: Error) => Error} o.userError the error in the user's words
 * @param {() => Promise} o.settled settles once the element is ready and the plans are in
 * @param {() => object} o.design a copy of the design
 * @param {() => object} o.costs the time controller's `{ plan, due, variants, pricing }`
 * @param {() => object} o.scene what saving.js `exportPair` renders from
 * @param {() => Promise<Blob>} o.strip the time strip (element's `exportPng`)
 * @param {() => object|undefined} o.style the engine's entry of the design's template
 * @param {(name: string) => string|null} o.attribute the element's `logo-src` and `clinic`
 */
export function openSummary(o) {
  const t = o.t;
  const win = window.open('', '_blank');
  if (!win) {
    const e = new Error(t('summary.blocked'));
    o.fail(e, true);
    return Promise.reject(e);
  }
  const doc = win.document;
  doc.title = t('summary.title');
  doc.documentElement.lang = t.lang;
  doc.documentElement.dir = o.direction;
  // Constructed stylesheets (allowed under a strict CSP), made in the summary's realm.
  const sheet = new win.CSSStyleSheet();
  sheet.replaceSync(CSS);
  const page = new win.CSSStyleSheet();
  page.replaceSync(pageRule(paperFor(navigator.language)));
  doc.adoptedStyleSheets = [sheet, page];
  doc.body.replaceChildren(h('p', { class: 'preparing' }, t('summary.preparing')));
  return fill(o, win, page).catch((e) => {
    const err = new Error(t('summary.failed', { message: o.userError(e).message }));
    if (!win.closed) doc.body.replaceChildren(h('p', { class: 'preparing' }, err.message));
    o.fail(err, true);
    throw err;
  });
}

/** The style's name in words: its translation, else the engine's label. */
function styleName(t, style) {
  if (!style) return '';
  const key = `template.${style.name}`;
  return t(key) === key ? style.label : t(key);
}

async function fill(o, win, page) {
  const t = o.t;
  const doc = win.document;
  await o.settled();
  const design = o.design();
  const { plan, due, variants, pricing } = o.costs();
  const healed = healedDay(design);
  // Framed on the treated area: the pair at full resolution, the strip from the
  // preview (its "before" is the pair's).
  const pair = await exportPair(o.scene(), healed);
  const [before, after, strip] = await Promise.all([
    scaled(pair.before, PICTURE_SIDE),
    scaled(pair.after, PICTURE_SIDE),
    o.strip().then((b) => scaled(b, STRIP_SIDE)),
  ]);
  if (win.closed) return;
  const picture = (blob, alt) => h('img', { alt, src: win.URL.createObjectURL(blob) });
  const afterHealed = t('summary.afterHealed', { when: dayLabel(t, healed) });
  const images = [
    picture(before, t('before')), picture(after, afterHealed), picture(strip, t('summary.strip'))];
  const costs = costPlan(plan, pricing);

  const logo = h('img', { class: 'logo', alt: '' });
  showLogo(logo, o.attribute('logo-src'));
  const clinic = o.attribute('clinic');
  // The title names the PDF a browser saves.
  doc.title = [t('summary.title'), clinic].filter(Boolean).join(' – ');
  const date = new Intl.DateTimeFormat(t.lang, { dateStyle: 'long' }).format(new Date());
  const paper = h('select',
    { 'aria-label': t('summary.paper'), onchange: (e) => page.replaceSync(pageRule(e.target.value)) },
    h('option', { value: 'A4' }, 'A4'), h('option', { value: 'letter' }, 'Letter'));
  paper.value = paperFor(navigator.language);
  const saveDesign = () => {
    const url = win.URL.createObjectURL(designBlob(design));
    const a = doc.createElement('a');
    a.href = url;
    a.download = 'smp-design.json';
    a.hidden = true;
    doc.body.append(a);
    a.click();
    a.remove();
    win.setTimeout(() => win.URL.revokeObjectURL(url), 10_000);
  };
  const bar = h('div', { class: 'toolbar', role: 'toolbar' },
    h('button', { type: 'button', class: 'primary', onclick: () => win.print(), dataset: { act: 'print' } },
      t('summary.print')),
    h('button', { type: 'button', onclick: saveDesign, dataset: { act: 'design' } }, t('summary.saveDesign')),
    h('label', {}, `${t('summary.paper')} `, paper),
    h('button', { type: 'button', onclick: () => win.close(), dataset: { act: 'close' } },
      t('summary.close')));
  const effects = effectLines(t, design, due, variants);
  const sheet = h('main', { class: 'sheet' },
    h('header', { class: 'head' },
      logo,
      h('div', {}, clinic ? h('p', { class: 'clinic' }, clinic) : null, h('h1', {}, t('summary.title'))),
      h('p', { class: 'meta' }, t('summary.date', { date }))),
    h('p', { class: 'label' }, t('illustrative')),
    h('section', { class: 'pictures' },
      h('h2', {}, t('summary.beforeAfter')),
      h('div', { class: 'pair' },
        h('figure', {}, images[0], h('figcaption', {}, t('before'))),
        h('figure', {}, images[1], h('figcaption', {}, afterHealed)))),
    h('section', { class: 'years' },
      h('h2', {}, t('summary.years')),
      h('figure', { class: 'strip' }, images[2], h('figcaption', {}, t('summary.strip')))),
    h('section', { class: 'design' },
      h('h2', {}, t('summary.design')),
      table(designRows(t, design, { style: styleName(t, o.style()), units: o.units })
        .map(([a, b, c]) => (c ? [a, b, h('span', { class: 'about' }, c)] : [a, b])))),
    h('div', { class: 'columns' },
      h('section', { class: 'aftercare' },
        h('h2', {}, t('summary.aftercare')),
        h('ol', { class: 'care' }, aftercareSteps(t).map((s) => h('li', {}, s)))),
      h('section', { class: 'client' },
        h('h2', {}, t('summary.care')),
        table(careRows(t, design)))),
    h('section', { class: 'costs' },
      h('h2', {}, t('summary.costs')),
      table(costRows(t, plan, pricing),
        { header: [t('summary.what'), t('summary.when'), t('summary.cost')], total: true, numeric: 2 }),
      costs.money ? null : h('p', { class: 'about' }, t('summary.relative')),
      effects.length ? h('p', { class: 'factors-title' }, effects[0]) : null,
      h('ul', { class: 'factors' }, effects.slice(1).map((line) => h('li', {}, line)))),
    h('footer', {}, h('p', {}, t('illustrative')), h('p', {}, t('summary.local'))));
  doc.body.replaceChildren(bar, sheet);
  await Promise.all(images.map((img) => img.decode().catch(() => {})));
  doc.documentElement.dataset.ready = 'true';
}

/** The summary's stylesheet: a sheet of paper on screen, the page itself in print. */
const CSS = `
:root { color-scheme: light; }
html { background: #e5e7eb; }
body { margin: 0; font: 10pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111827; }
.preparing { padding: 24px; font-size: 12pt; }
.toolbar {
  position: sticky; inset-block-start: 0; z-index: 1;
  display: flex; flex-wrap: wrap; gap: 8px; align-items: center;
  padding: 10px 16px; background: #fff; border-block-end: 1px solid #d1d5db;
}
.toolbar button, .toolbar select {
  font: inherit; min-block-size: 36px; padding: 4px 12px;
  border: 1px solid #9ca3af; border-radius: 8px; background: #fff; color: inherit;
}
.toolbar .primary { background: #0f766e; border-color: #0f766e; color: #fff; }
.sheet {
  box-sizing: border-box; inline-size: 210mm; max-inline-size: 100%; margin: 16px auto; padding: ${MARGIN};
  background: #fff; box-shadow: 0 1px 6px rgb(0 0 0 / 0.25);
}
.head {
  display: flex; align-items: center; gap: 12px; border-block-end: 2px solid #0f766e; padding-block-end: 6px;
}
.head .logo { max-block-size: 14mm; max-inline-size: 40mm; object-fit: contain; }
.head .clinic { margin: 0; font-weight: 650; font-size: 11pt; }
h1 { margin: 0; font-size: 16pt; font-weight: 650; }
.meta { margin: 0; margin-inline-start: auto; color: #4b5563; font-size: 9pt; text-align: end; }
.label {
  margin: 6px 0 8px; padding: 4px 8px; border: 1px solid #b45309; border-radius: 4px;
  background: #fffbeb; color: #78350f; font-size: 9pt; font-weight: 600;
}
section { margin: 0 0 8px; break-inside: avoid; }
h2 { margin: 0 0 4px; font-size: 11pt; color: #0f766e; break-after: avoid; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
figure { margin: 0; }
figure img { display: block; inline-size: 100%; block-size: 72mm; object-fit: contain; }
.strip img { inline-size: auto; max-inline-size: 100%; block-size: auto; max-block-size: 62mm; }
figcaption { margin-block-start: 2px; color: #4b5563; font-size: 9pt; }
.pair figcaption { text-align: center; }
table { inline-size: 100%; border-collapse: collapse; font-size: 9pt; }
th, td {
  padding: 2px 8px 2px 0; border-block-end: 1px solid #e5e7eb; text-align: start; vertical-align: top;
}
tbody th { font-weight: 600; white-space: nowrap; }
thead th { color: #4b5563; font-weight: 600; }
.num { text-align: end; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total th, tr.total td { border-block-start: 1.5px solid #111827; font-weight: 700; }
.about { color: #4b5563; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
ol.care, ul.factors { margin: 0; padding-inline-start: 18px; }
ol.care li, ul.factors li { margin-block-end: 2px; }
.costs p { margin: 4px 0; }
.factors-title { margin-block-start: 8px; }
footer {
  margin-block-start: 6px; padding-block-start: 4px; border-block-start: 1px solid #d1d5db;
  color: #4b5563; font-size: 8.5pt;
}
footer p { margin: 0; }
@media print {
  html { background: none; }
  .toolbar { display: none; }
  .sheet { inline-size: auto; margin: 0; padding: 0; box-shadow: none; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;
